package org.redvest.hub.store;

import java.time.Instant;
import org.redvest.protocol.AttendanceEvent;

/** A validated attendance event with its topic, raw JSON and the hub time it arrived. */
public record ReceivedEvent(
    String topic, AttendanceEvent event, String payload, Instant receivedAt) {
  public TerminalRef terminal() {
    return new TerminalRef(event.stationId(), event.terminalId());
  }
}
