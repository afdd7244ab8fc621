package org.redvest.hub.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

/** One test per rule of docs/hours-rules.md. */
class HoursCalculatorTest {
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final VolunteerId V = VolunteerId.of("V-1");
  private static final StationId A = StationId.of("JX-RJ-0001");
  private static final StationId B = StationId.of("JX-RJ-0002");
  private static final Instant NOW = OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, CST).toInstant();

  private final HoursCalculator hours =
      new HoursCalculator(Duration.ofHours(12), Clock.fixed(NOW, ZoneOffset.UTC));
  private long seq;

  @Test
  void sessions_checkInThenCheckOut_closedWithWholeMinutes() {
    List<Session> s = hours.sessions(List.of(in(A, "2026-11-23T08:59:50"),
        out(A, "2026-11-23T12:30:10")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.CLOSED);
      assertThat(session.minutes()).isEqualTo(3 * 60 + 31);
      assertThat(session.flags()).isEmpty();
    });
  }

  @Test
  void sessions_secondCheckInSameStation_keepsEarliestAndFlagsRedundant() {
    List<Session> s = hours.sessions(List.of(in(A, "2026-11-23T09:00:00"),
        in(A, "2026-11-23T09:05:00"), out(A, "2026-11-23T10:00:00")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.CLOSED);
      assertThat(session.minutes()).isEqualTo(60);
      assertThat(session.flags()).containsExactly(SessionFlag.REDUNDANT_CHECK_IN);
    });
  }

  @Test
  void sessions_secondCheckInOtherStation_supersedesFirstWithZeroMinutes() {
    List<Session> s = hours.sessions(List.of(in(A, "2026-11-23T09:00:00"),
        in(B, "2026-11-23T11:00:00"), out(B, "2026-11-23T12:00:00")));

    assertThat(s).extracting(Session::status)
        .containsExactly(SessionStatus.SUPERSEDED, SessionStatus.CLOSED);
    assertThat(s.get(0).minutes()).isZero();
    assertThat(s.get(0).flags()).contains(SessionFlag.NEEDS_REVIEW);
    assertThat(s.get(1).minutes()).isEqualTo(60);
    assertThat(s.get(1).stationId()).isEqualTo(B);
  }

  @Test
  void sessions_checkOutWithoutOpenSession_orphanWithZeroMinutes() {
    List<Session> s = hours.sessions(List.of(out(A, "2026-11-23T17:00:00")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.ORPHAN_CHECK_OUT);
      assertThat(session.minutes()).isZero();
      assertThat(session.checkInAt()).isNull();
      assertThat(session.flags()).contains(SessionFlag.NEEDS_REVIEW);
    });
  }

  @Test
  void sessions_neverClosedPastMaximum_autoClosedWithZeroMinutes() {
    List<Session> s = hours.sessions(List.of(in(A, "2026-11-23T09:00:00")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.AUTO_CLOSED);
      assertThat(session.minutes()).isZero();
      assertThat(session.checkOutAt()).isEqualTo(at("2026-11-23T21:00:00"));
      assertThat(session.flags()).contains(SessionFlag.NEEDS_REVIEW);
    });
  }

  @Test
  void sessions_checkInWithinMaximum_openWithZeroMinutes() {
    List<Session> s = hours.sessions(List.of(in(A, "2026-11-30T09:00:00")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.OPEN);
      assertThat(session.minutes()).isZero();
    });
  }

  @Test
  void asOfNow_openSessionPastMaximumLater_becomesAutoClosed() {
    Session open = hours.sessions(List.of(in(A, "2026-11-30T09:00:00"))).get(0);
    HoursCalculator later = new HoursCalculator(Duration.ofHours(12),
        Clock.fixed(NOW.plus(Duration.ofHours(10)), ZoneOffset.UTC));

    assertThat(hours.asOfNow(open).status()).isEqualTo(SessionStatus.OPEN);
    assertThat(later.asOfNow(open).status()).isEqualTo(SessionStatus.AUTO_CLOSED);
  }

  @Test
  void sessions_checkOutLaterThanMaximum_overMaximumWithZeroMinutes() {
    List<Session> s = hours.sessions(List.of(in(A, "2026-11-23T08:00:00"),
        out(A, "2026-11-23T20:30:00")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.OVER_MAXIMUM);
      assertThat(session.minutes()).isZero();
      assertThat(session.flags()).contains(SessionFlag.NEEDS_REVIEW);
    });
  }

  @Test
  void sessions_eventArrivingDaysLate_slotsIntoPlace() {
    Attendance in = in(A, "2026-11-23T09:00:00");
    Attendance lateOut = out(A, "2026-11-23T11:00:00");
    Attendance nextIn = in(A, "2026-11-24T09:00:00");
    Attendance nextOut = out(A, "2026-11-24T10:00:00");

    List<Session> before = hours.sessions(List.of(in, nextIn, nextOut));
    List<Session> after = hours.sessions(List.of(in, nextIn, nextOut, lateOut));

    assertThat(before).extracting(Session::status)
        .containsExactly(SessionStatus.AUTO_CLOSED, SessionStatus.CLOSED);
    assertThat(after).extracting(Session::status)
        .containsExactly(SessionStatus.CLOSED, SessionStatus.CLOSED);
    assertThat(after).extracting(Session::minutes).containsExactly(120L, 60L);
  }

  @Test
  void sessions_outOfOrderArrival_sameSessionsAsInOrder() {
    List<Attendance> events = new ArrayList<>(List.of(in(A, "2026-11-23T09:00:00"),
        out(A, "2026-11-23T10:00:00"), in(B, "2026-11-23T13:00:00"),
        out(B, "2026-11-23T15:15:00")));
    List<Session> inOrder = hours.sessions(events);
    Collections.shuffle(events, new Random(7));

    assertThat(hours.sessions(events)).isEqualTo(inOrder);
  }

  @Test
  void sessions_sameInstantDifferentOffsets_orderedByInstantThenSeq() {
    Attendance checkIn = attendance(EventKind.CHECK_IN, A,
        OffsetDateTime.parse("2026-11-23T01:00:00Z"), 1);
    Attendance checkOut = attendance(EventKind.CHECK_OUT, A,
        OffsetDateTime.parse("2026-11-23T10:00:00+08:00"), 2);

    List<Session> s = hours.sessions(List.of(checkOut, checkIn));

    assertThat(s).singleElement().extracting(Session::status).isEqualTo(SessionStatus.CLOSED);
    assertThat(s.get(0).minutes()).isEqualTo(60);
  }

  @Test
  void sessions_clockAheadOfHub_flaggedAndStillOrderedByOccurredAt() {
    OffsetDateTime checkInAt = at("2026-11-23T09:00:00");
    Attendance skewed = new Attendance(UUID.randomUUID(), V, A, TerminalId.of("kiosk-1"), ++seq,
        EventKind.CHECK_IN, checkInAt, checkInAt.toInstant().minus(Duration.ofMinutes(30)));

    List<Session> s = hours.sessions(List.of(out(A, "2026-11-23T10:00:00"), skewed));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.CLOSED);
      assertThat(session.minutes()).isEqualTo(60);
      assertThat(session.flags()).contains(SessionFlag.CLOCK_AHEAD);
    });
  }

  @Test
  void sessions_terminalClockMeasuredThreeHoursBehind_flaggedClockSkew() {
    OffsetDateTime checkInAt = at("2026-11-23T09:00:00");
    Attendance behind = new Attendance(UUID.randomUUID(), V, A, TerminalId.of("kiosk-1"), ++seq,
        EventKind.CHECK_IN, checkInAt, checkInAt.toInstant().plus(Duration.ofHours(3)), Duration.ofHours(-3));

    List<Session> s = hours.sessions(List.of(behind, out(A, "2026-11-23T10:00:00")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.minutes()).isEqualTo(60);
      assertThat(session.flags()).containsExactly(SessionFlag.CLOCK_SKEW);
    });
  }

  @Test
  void sessions_offsetWithinConfiguredTolerance_notFlagged() {
    OffsetDateTime checkInAt = at("2026-11-23T09:00:00");
    Attendance slightlyOff = new Attendance(UUID.randomUUID(), V, A, TerminalId.of("kiosk-1"), ++seq,
        EventKind.CHECK_IN, checkInAt, checkInAt.toInstant(), Duration.ofMinutes(-4));
    HoursCalculator strict = new HoursCalculator(Duration.ofHours(12), Duration.ofMinutes(3),
        Clock.fixed(NOW, ZoneOffset.UTC));

    Attendance checkOut = out(A, "2026-11-23T10:00:00");

    assertThat(hours.sessions(List.of(slightlyOff, checkOut)).get(0).flags()).isEmpty();
    assertThat(strict.sessions(List.of(slightlyOff, checkOut)).get(0).flags())
        .containsExactly(SessionFlag.CLOCK_SKEW);
  }

  @Test
  void days_sessionAcrossMidnight_splitPerDaySummingToSessionMinutes() {
    Session s = hours.sessions(List.of(in(A, "2026-11-23T22:30:40"),
        out(A, "2026-11-24T01:15:20"))).get(0);

    assertThat(s.minutes()).isEqualTo(165);
    assertThat(s.days(SHANGHAI)).containsExactly(
        new DayMinutes(java.time.LocalDate.of(2026, 11, 23), 90),
        new DayMinutes(java.time.LocalDate.of(2026, 11, 24), 75));
  }

  @Test
  void sessions_checkOutAtOtherStation_creditedAndFlagged() {
    List<Session> s = hours.sessions(List.of(in(A, "2026-11-23T09:00:00"),
        out(B, "2026-11-23T10:00:00")));

    assertThat(s).singleElement().satisfies(session -> {
      assertThat(session.status()).isEqualTo(SessionStatus.CLOSED);
      assertThat(session.minutes()).isEqualTo(60);
      assertThat(session.flags()).containsExactly(SessionFlag.CHECK_OUT_AT_OTHER_STATION);
    });
  }

  private Attendance in(StationId station, String localTime) {
    return attendance(EventKind.CHECK_IN, station, at(localTime), ++seq);
  }

  private Attendance out(StationId station, String localTime) {
    return attendance(EventKind.CHECK_OUT, station, at(localTime), ++seq);
  }

  private static Attendance attendance(
      EventKind kind, StationId station, OffsetDateTime when, long terminalSeq) {
    return new Attendance(UUID.nameUUIDFromBytes(("e" + terminalSeq).getBytes(
        java.nio.charset.StandardCharsets.UTF_8)), V, station, TerminalId.of("kiosk-1"),
        terminalSeq, kind, when, when.toInstant());
  }

  private static OffsetDateTime at(String localTime) {
    return java.time.LocalDateTime.parse(localTime).atOffset(CST);
  }
}
