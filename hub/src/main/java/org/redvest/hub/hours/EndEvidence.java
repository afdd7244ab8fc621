package org.redvest.hub.hours;

import java.time.Duration;
import java.time.Instant;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.Evidence;

/**
 * The evidence behind one end (check-in or check-out) of a session: what the event carried and
 * what the hub measured when it arrived ({@link Receipt}). Optional values are null.
 *
 * @param receivedAt when the hub received the event
 * @param clockOffsetS the terminal's clock minus the hub's in whole seconds, measured at receipt
 *     from the terminal's heartbeat or, for an event recorded online, from the event itself
 *     ({@code offsetSource}); null when neither could tell
 * @param offsetSource {@code HEARTBEAT} or {@code EVENT}, null when the offset is unknown
 * @param lateS how late the event arrived by the raw clocks: {@code receivedAt - occurredAt} in
 *     whole seconds, never negative
 * @param delayS how late it arrived with the terminal's clock offset taken out (what the
 *     back-dated rule judges); equal to the raw lateness when the offset is unknown
 * @param correction the basis of a correction check-out ({@code LAST_SIGHTING}, ...), or null
 * @param chainBroken the terminal's hash chain is broken at this event or the one after it, so
 *     this event's stored payload cannot be trusted to be what the terminal recorded
 * @param revokedTerminal the hub received the event after its terminal was revoked, held it, and
 *     an admin released it (docs/security.md, "Salvage"): counted, but for review
 */
public record EndEvidence(
    CheckInMethod method,
    Double confidence,
    String credentialKeyId,
    Long credentialSerial,
    String liveness,
    Boolean recordedOffline,
    Instant receivedAt,
    Long clockOffsetS,
    String offsetSource,
    long lateS,
    long delayS,
    String correction,
    String operatorId,
    String reason,
    boolean chainBroken,
    boolean revokedTerminal) {

  /** Evidence of an event received from a terminal in good standing. */
  public EndEvidence(CheckInMethod method, Double confidence, String credentialKeyId,
      Long credentialSerial, String liveness, Boolean recordedOffline, Instant receivedAt,
      Long clockOffsetS, String offsetSource, long lateS, long delayS, String correction,
      String operatorId, String reason, boolean chainBroken) {
    this(method, confidence, credentialKeyId, credentialSerial, liveness, recordedOffline,
        receivedAt, clockOffsetS, offsetSource, lateS, delayS, correction, operatorId, reason,
        chainBroken, false);
  }

  /**
   * The evidence of {@code event} received at {@code receivedAt} with no heartbeat to go by (events
   * stored before the hub measured receipts).
   */
  public static EndEvidence of(AttendanceEvent event, Instant receivedAt) {
    return of(event, Receipt.measure(event, receivedAt, null));
  }

  /** The evidence of {@code event} as measured at its receipt. */
  public static EndEvidence of(AttendanceEvent event, Receipt receipt) {
    Evidence e = event.evidence();
    long lateS = Duration.between(event.occurredAt().toInstant(), receipt.receivedAt()).getSeconds();
    Long offsetS = receipt.clockOffsetMs() == null ? null : Math.round(receipt.clockOffsetMs() / 1000.0);
    return new EndEvidence(event.method(), event.confidence(), e.credentialKeyId(),
        e.credentialSerial(), e.liveness(), e.recordedOffline(), receipt.receivedAt(), offsetS,
        receipt.source() == null ? null : receipt.source().name(), Math.max(0, lateS),
        Math.round(receipt.delayMs() / 1000.0), e.correction(), event.operatorId(), event.reason(),
        false);
  }

  /** The same evidence, marked as (or cleared of) a broken hash chain. */
  public EndEvidence withChainBroken(boolean broken) {
    return new EndEvidence(method, confidence, credentialKeyId, credentialSerial, liveness,
        recordedOffline, receivedAt, clockOffsetS, offsetSource, lateS, delayS, correction,
        operatorId, reason, broken, revokedTerminal);
  }

  /** The same evidence, marked as released from a revoked terminal's hold (or not). */
  public EndEvidence withRevokedTerminal(boolean released) {
    return new EndEvidence(method, confidence, credentialKeyId, credentialSerial, liveness,
        recordedOffline, receivedAt, clockOffsetS, offsetSource, lateS, delayS, correction,
        operatorId, reason, chainBroken, released);
  }
}
