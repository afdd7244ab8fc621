package org.redvest.hub.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

/** Evidence measured at receipt (docs/hours-rules.md, "Evidence at receipt"). */
class ReceiptTest {
  private static final Instant HUB_NOW = Instant.parse("2026-11-23T04:00:00Z");
  private static final Duration BEHIND = Duration.ofHours(-3);

  @Test
  void measure_freshHeartbeatOfClockBehind_offsetFromHeartbeatDelayNearZero() {
    Receipt.ClockReading heartbeat = new Receipt.ClockReading(HUB_NOW.minusSeconds(30).plus(BEHIND),
        HUB_NOW.minusSeconds(30));

    Receipt r = Receipt.measure(event(HUB_NOW.plus(BEHIND).minusSeconds(2), true, CheckInMethod.QR),
        HUB_NOW, heartbeat);

    assertThat(r.source()).isEqualTo(Receipt.OffsetSource.HEARTBEAT);
    assertThat(r.clockOffsetMs()).isEqualTo(BEHIND.toMillis());
    assertThat(r.delayMs()).isEqualTo(2000);
  }

  @Test
  void measure_correctClockEventDatedHoursEarlier_delayIsTheBackDating() {
    Receipt.ClockReading heartbeat = new Receipt.ClockReading(HUB_NOW.minusSeconds(10), HUB_NOW.minusSeconds(10));

    Receipt r = Receipt.measure(event(HUB_NOW.minus(Duration.ofHours(3)), false, CheckInMethod.QR), HUB_NOW, heartbeat);

    assertThat(r.clockOffsetMs()).isZero();
    assertThat(r.delayMs()).isEqualTo(Duration.ofHours(3).toMillis());
  }

  @Test
  void measure_noHeartbeatEventRecordedOnline_offsetFromEventDelayZero() {
    Receipt r = Receipt.measure(event(HUB_NOW.plus(BEHIND), false, CheckInMethod.QR), HUB_NOW, null);

    assertThat(r.source()).isEqualTo(Receipt.OffsetSource.EVENT);
    assertThat(r.clockOffsetMs()).isEqualTo(BEHIND.toMillis());
    assertThat(r.delayMs()).isZero();
  }

  @Test
  void measure_staleHeartbeatEventRecordedOffline_offsetUnknownRawDelay() {
    Receipt.ClockReading stale = new Receipt.ClockReading(HUB_NOW.minus(Duration.ofMinutes(10)),
        HUB_NOW.minus(Duration.ofMinutes(10)));

    Receipt r = Receipt.measure(event(HUB_NOW.minus(Duration.ofHours(2)), true, CheckInMethod.QR), HUB_NOW, stale);

    assertThat(r.source()).isNull();
    assertThat(r.clockOffsetMs()).isNull();
    assertThat(r.delayMs()).isEqualTo(Duration.ofHours(2).toMillis());
  }

  @Test
  void measure_manualEventRecordedOnline_timeTypedInSaysNothingAboutClock() {
    Receipt r = Receipt.measure(event(HUB_NOW.minus(Duration.ofHours(1)), false, CheckInMethod.MANUAL), HUB_NOW, null);

    assertThat(r.clockOffsetMs()).isNull();
  }

  @Test
  void withHeartbeat_receiptWithoutOffset_completedFromLaterHeartbeat() {
    Receipt before = Receipt.measure(event(HUB_NOW.plus(BEHIND).minusSeconds(60), true, CheckInMethod.QR),
        HUB_NOW, null);

    Receipt after = before.withHeartbeat(new Receipt.ClockReading(HUB_NOW.plusSeconds(5).plus(BEHIND),
        HUB_NOW.plusSeconds(5)));

    assertThat(after.clockOffsetMs()).isEqualTo(BEHIND.toMillis());
    assertThat(after.delayMs()).isEqualTo(60_000);
  }

  private static AttendanceEvent event(Instant occurredAt, boolean offline, CheckInMethod method) {
    boolean manual = method == CheckInMethod.MANUAL;
    return new AttendanceEvent(1, UUID.randomUUID(), StationId.of("JX-RJ-0001"), TerminalId.of("kiosk-1"), 1,
        VolunteerId.of("V-1"), EventKind.CHECK_IN, method, OffsetDateTime.ofInstant(occurredAt,
        java.time.ZoneOffset.ofHours(8)), null, null, manual ? "mgr-1" : null, manual ? "scanner broken" : null,
        new Evidence(null, null, null, offline, null));
  }
}
