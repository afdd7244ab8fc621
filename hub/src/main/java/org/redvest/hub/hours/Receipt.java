package org.redvest.hub.hours;

import java.time.Duration;
import java.time.Instant;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;

/**
 * What the hub measured when an event arrived (docs/hours-rules.md, "Evidence at receipt"),
 * stored with the event in the ingest transaction.
 *
 * @param clockOffsetMs the terminal's clock minus the hub's, or null when it could not be measured
 * @param delayMs how late the event arrived by the hub's clock: {@code receivedAt - (occurredAt -
 *     clockOffset)}, or {@code receivedAt - occurredAt} when the offset is unknown; negative when
 *     the event is dated after its own arrival even allowing for the offset
 * @param source where the offset came from, null when unknown
 */
public record Receipt(Instant receivedAt, Long clockOffsetMs, long delayMs, OffsetSource source) {
  /** A heartbeat received further than this from the event says nothing about its clock. */
  public static final Duration HEARTBEAT_MAX_AGE = Duration.ofMinutes(5);

  /** How the terminal's clock offset was measured. */
  public enum OffsetSource {
    /**
     * The terminal's heartbeat received closest to the event, within {@link #HEARTBEAT_MAX_AGE}:
     * its {@code at} minus the hub's receipt time. Preferred: it does not depend on the event, so
     * it tells a skewed clock from a back-dated event.
     */
    HEARTBEAT,
    /**
     * The event itself, recorded while the terminal was connected (it publishes those at once):
     * {@code occurredAt - receivedAt}. Never for MANUAL events or corrections, whose time may be
     * typed in.
     */
    EVENT
  }

  /**
   * A terminal clock reading: a heartbeat's own time and when the hub received it.
   *
   * @param terminalAt the heartbeat's {@code at}
   * @param receivedAt the hub's clock when it arrived
   */
  public record ClockReading(Instant terminalAt, Instant receivedAt) {
    public long offsetMs() {
      return Duration.between(receivedAt, terminalAt).toMillis();
    }

    boolean near(Instant at) {
      return Duration.between(receivedAt, at).abs().compareTo(HEARTBEAT_MAX_AGE) <= 0;
    }
  }

  /** Measures {@code event} received at {@code receivedAt}, with its terminal's latest heartbeat (or null). */
  public static Receipt measure(AttendanceEvent event, Instant receivedAt, ClockReading heartbeat) {
    long rawLateMs = Duration.between(event.occurredAt().toInstant(), receivedAt).toMillis();
    if (heartbeat != null && heartbeat.near(receivedAt)) {
      return new Receipt(receivedAt, heartbeat.offsetMs(), rawLateMs + heartbeat.offsetMs(),
          OffsetSource.HEARTBEAT);
    }
    boolean timeTypedIn = event.method() == CheckInMethod.MANUAL || event.evidence().isCorrection();
    if (Boolean.FALSE.equals(event.evidence().recordedOffline()) && !timeTypedIn) {
      return new Receipt(receivedAt, -rawLateMs, 0, OffsetSource.EVENT);
    }
    return new Receipt(receivedAt, null, rawLateMs, null);
  }

  /** The same receipt with the offset of a heartbeat that arrived after it. */
  public Receipt withHeartbeat(ClockReading heartbeat) {
    long rawLateMs = source == OffsetSource.EVENT ? -clockOffsetMs : delayMs;
    return new Receipt(receivedAt, heartbeat.offsetMs(), rawLateMs + heartbeat.offsetMs(),
        OffsetSource.HEARTBEAT);
  }
}
