package org.redvest.hub.transport.link;

import java.util.Optional;

/**
 * One kind of record terminals send the hub outside event ingest (refused attempts, face
 * enrolment records): {@link HubLink} subscribes to {@link #topicFilter()}, hands each message to
 * {@link #accept} on its one thread and publishes the returned reply retained, so a reply always
 * follows the commit it reports.
 */
public interface RecordInbox {
  /** The MQTT subscription filter, e.g. {@code redvest/v1/stations/+/terminals/+/enrolments}. */
  String topicFilter();

  /**
   * Stores the message before returning (synchronously, committed) and answers with the retained
   * acknowledgement to publish, or empty when there is nothing to acknowledge. Bad input is kept
   * aside or logged here; a thrown exception leaves the message unacknowledged (the terminal
   * re-sends it) and is logged by the link.
   */
  Optional<Reply> accept(String topic, byte[] payload);

  /** A retained message to publish after the commit, QoS 1. */
  record Reply(String topic, byte[] payload) {}
}
