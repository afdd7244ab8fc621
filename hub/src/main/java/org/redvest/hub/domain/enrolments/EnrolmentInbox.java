package org.redvest.hub.domain.enrolments;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.redvest.hub.store.EnrolmentRows;
import org.redvest.hub.transport.ingest.Signatures;
import org.redvest.hub.transport.link.RecordInbox;
import org.redvest.protocol.Ack;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.TerminalTopic;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Face enrolment records off {@code …/terminals/{terminalId}/enrolments}: each is stored once
 * per (station, terminal, enrolmentSeq), then the terminal's retained {@code enrolment-ack}
 * {@code {"committedSeq": N}} is published. A duplicate is acknowledged again; a record whose
 * seq is taken by other content, an unsigned record or one its terminal's key did not sign
 * (docs/protocol.md §16), and anything malformed, goes to the dead letters.
 */
final class EnrolmentInbox implements RecordInbox {
  private static final Logger LOG = LoggerFactory.getLogger(EnrolmentInbox.class);

  private final Topics topics;
  private final EnrolmentRows rows;
  private final Clock clock;
  private final Signatures signatures;

  EnrolmentInbox(Topics topics, EnrolmentRows rows, Clock clock, Signatures signatures) {
    this.signatures = signatures;
    this.topics = topics;
    this.rows = rows;
    this.clock = clock;
  }

  @Override
  public String topicFilter() {
    return topics.allTerminals(TerminalTopic.Kind.ENROLMENTS);
  }

  @Override
  public Optional<Reply> accept(String topic, byte[] payload) {
    Instant receivedAt = clock.instant();
    Optional<TerminalTopic> sender = topics.parse(topic).filter(t -> t.kind() == TerminalTopic.Kind.ENROLMENTS);
    if (sender.isEmpty()) {
      deadLetter(topic, payload, "topic is not {prefix}/stations/{stationId}/terminals/{terminalId}/enrolments"
          + " with valid ids", receivedAt);
      return Optional.empty();
    }
    EnrolmentRecord record;
    try {
      byte[] body = signatures.open(sender.get().stationId(), sender.get().terminalId(), payload);
      record = matching(WireCodec.decodeEnrolment(body), sender.get());
    } catch (ProtocolException e) {
      deadLetter(topic, payload, e.getMessage(), receivedAt);
      return Optional.empty();
    }
    EnrolmentRows.Outcome outcome = rows.store(record, topic, payload, receivedAt);
    switch (outcome.kind()) {
      case STORED -> LOG.info("face {} {} at {}/{} (enrolment seq {})", record.state(), record.volunteerId(),
          record.stationId(), record.terminalId(), record.enrolmentSeq());
      case DUPLICATE -> LOG.debug("enrolment seq {} of {}/{} again; acknowledged again", record.enrolmentSeq(),
          record.stationId(), record.terminalId());
      case CONFLICT -> LOG.warn("enrolment record dead-lettered: {}", outcome.reason());
    }
    return Optional.of(new Reply(topics.enrolmentAck(record.stationId(), record.terminalId()),
        WireCodec.encodeAck(new Ack(outcome.committedSeq()))));
  }

  private static EnrolmentRecord matching(EnrolmentRecord record, TerminalTopic topic) {
    if (!record.stationId().equals(topic.stationId())) {
      throw new ProtocolException("stationId", "body stationId " + record.stationId()
          + " does not match topic station " + topic.stationId());
    }
    if (!record.terminalId().equals(topic.terminalId())) {
      throw new ProtocolException("terminalId", "body terminalId " + record.terminalId()
          + " does not match topic terminal " + topic.terminalId());
    }
    return record;
  }

  private void deadLetter(String topic, byte[] payload, String reason, Instant receivedAt) {
    rows.deadLetter(topic, payload, reason, receivedAt);
    LOG.warn("enrolment message on {} dead-lettered: {}", topic, reason);
  }
}
