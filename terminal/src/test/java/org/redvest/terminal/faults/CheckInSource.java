package org.redvest.terminal.faults;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;

/**
 * Check-ins as fast as the outbox takes them, deterministic from the outbox alone: event
 * {@code n} of a terminal belongs to volunteer {@code n % volunteers} (ids unique per terminal),
 * toggles that volunteer in or out, and happened {@code n} minutes after {@link #BASE} plus the
 * terminal's clock offset. So each session lasts {@code volunteers} minutes, and the ground-truth
 * hours follow from the outbox file whatever was killed when.
 */
final class CheckInSource {
  static final OffsetDateTime BASE = OffsetDateTime.parse("2026-01-05T06:00:00+08:00");
  static final int VOLUNTEERS = 7;

  private final Outbox outbox;
  private final Duration clockOffset;

  CheckInSource(Outbox outbox, Duration clockOffset) {
    this.outbox = outbox;
    this.clockOffset = clockOffset;
  }

  CheckInSource(Outbox outbox) {
    this(outbox, Duration.ZERO);
  }

  /** Appends (and commits) the next check-in or check-out. */
  AttendanceEvent next() {
    long n = outbox.lastSeq() + 1;
    VolunteerId volunteer = VolunteerId.of("V-" + outbox.terminal() + "-" + (n % VOLUNTEERS));
    EventKind kind = outbox.lastEvent(volunteer)
        .map(last -> last.kind() == EventKind.CHECK_IN ? EventKind.CHECK_OUT : EventKind.CHECK_IN)
        .orElse(EventKind.CHECK_IN);
    OffsetDateTime at = BASE.plusMinutes(n).plus(clockOffset);
    return outbox.append(Draft.of(volunteer, kind, CheckInMethod.QR, at));
  }
}
