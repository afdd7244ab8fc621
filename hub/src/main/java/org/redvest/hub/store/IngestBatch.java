package org.redvest.hub.store;

import java.util.List;

/** Everything one drain of the ingest queue produced, committed in one transaction. */
public record IngestBatch(
    List<ReceivedEvent> events,
    List<Refusal> refusals,
    List<StatusReport> statuses,
    List<HeartbeatReport> heartbeats) {

  public boolean isEmpty() {
    return events.isEmpty() && refusals.isEmpty() && statuses.isEmpty() && heartbeats.isEmpty();
  }
}
