package org.redvest.hub.hours;

import java.time.Duration;
import java.time.Instant;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.Evidence;

/**
 * The evidence behind one end (check-in or check-out) of a session: what the event carried and
 * what the hub measured when it arrived. Optional values are null.
 *
 * @param clockOffsetS the terminal's clock minus the hub's, in whole seconds, estimated as {@code
 *     occurredAt - receivedAt}; only for events the terminal says it recorded while connected
 *     ({@code recordedOffline == false}), which it publishes at once, so the difference is the
 *     offset plus a delivery delay of normally under a second. Null when recorded offline or
 *     unknown: a late delivery says nothing about the clock.
 * @param lateS how late the event arrived: {@code receivedAt - occurredAt} in whole seconds, never
 *     negative
 * @param chainBroken the terminal's hash chain is broken at this event or the one after it, so
 *     this event's stored payload cannot be trusted to be what the terminal recorded
 */
public record EndEvidence(
    CheckInMethod method,
    Double confidence,
    String credentialKeyId,
    Long credentialSerial,
    String liveness,
    Boolean recordedOffline,
    Long clockOffsetS,
    long lateS,
    String operatorId,
    String reason,
    boolean chainBroken) {

  /** The evidence of {@code event}, received by the hub at {@code receivedAt}. */
  public static EndEvidence of(AttendanceEvent event, Instant receivedAt) {
    Evidence e = event.evidence();
    long delayS = Duration.between(event.occurredAt().toInstant(), receivedAt).getSeconds();
    Long offsetS = Boolean.FALSE.equals(e.recordedOffline()) ? -delayS : null;
    return new EndEvidence(event.method(), event.confidence(), e.credentialKeyId(),
        e.credentialSerial(), e.liveness(), e.recordedOffline(), offsetS, Math.max(0, delayS),
        event.operatorId(), event.reason(), false);
  }

  /** The same evidence, marked as (or cleared of) a broken hash chain. */
  public EndEvidence withChainBroken(boolean broken) {
    return new EndEvidence(method, confidence, credentialKeyId, credentialSerial, liveness,
        recordedOffline, clockOffsetS, lateS, operatorId, reason, broken);
  }
}
