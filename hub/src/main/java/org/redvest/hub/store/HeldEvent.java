package org.redvest.hub.store;

import java.time.Instant;
import org.redvest.protocol.AttendanceEvent;

/**
 * An event a revoked terminal delivered after its revocation while the admin holds its late
 * events for review (docs/security.md, "Salvage"): stored apart, never counted.
 *
 * @param event as its payload claims it (read even when the signature does not verify, to show)
 * @param signatureDetail why the signature does not verify, null when it does
 */
public record HeldEvent(String topic, AttendanceEvent event, String payload, Instant receivedAt,
    boolean signatureValid, String signatureDetail) {

  /** Where a held event stands: waiting, counted (for review) by an admin, or discarded. */
  public enum State { HELD, RELEASED, DISCARDED }

  public TerminalRef terminal() {
    return new TerminalRef(event.stationId(), event.terminalId());
  }
}
