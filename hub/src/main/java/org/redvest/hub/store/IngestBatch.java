package org.redvest.hub.store;

import java.util.List;

/**
 * Everything one drain of the ingest queue produced, committed in one transaction.
 *
 * @param held events of revoked terminals held for review, stored apart and never counted
 */
public record IngestBatch(
    List<ReceivedEvent> events,
    List<Refusal> refusals,
    List<StatusReport> statuses,
    List<HeartbeatReport> heartbeats,
    List<HeldEvent> held) {

  public IngestBatch(List<ReceivedEvent> events, List<Refusal> refusals,
      List<StatusReport> statuses, List<HeartbeatReport> heartbeats) {
    this(events, refusals, statuses, heartbeats, List.of());
  }

  public boolean isEmpty() {
    return events.isEmpty() && refusals.isEmpty() && statuses.isEmpty() && heartbeats.isEmpty()
        && held.isEmpty();
  }
}
