package org.redvest.terminal.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;

class SightingsTest {
  private static final VolunteerId ZHANG = VolunteerId.of("V-360781-000101");
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-22T08:59:00+08:00");

  @TempDir Path dir;

  @Test
  void lastBetween_afterReopen_returnsLatestSightingInTheWindowWithItsOffset() {
    try (Sightings s = Sightings.open(dir, T0.toInstant())) {
      s.record(ZHANG, T0, CheckInMethod.QR);
      s.record(ZHANG, T0.plusHours(8), CheckInMethod.FACE);
      s.record(ZHANG, T0.plusDays(1), CheckInMethod.QR);
    }
    try (Sightings s = Sightings.open(dir, T0.toInstant())) {
      assertThat(s.lastBetween(ZHANG, T0, T0.plusHours(12))).contains(T0.plusHours(8));
      assertThat(s.lastBetween(ZHANG, T0.plusHours(8), T0.plusHours(12))).isEmpty();
      assertThat(s.lastBetween(VolunteerId.of("V-360781-000102"), T0, T0.plusDays(2))).isEmpty();
    }
  }

  @Test
  void record_readManyTimesASecond_keepsOneRowPerWriteInterval() {
    try (Sightings s = Sightings.open(dir, T0.toInstant())) {
      for (int i = 0; i < 100; i++) {
        s.record(ZHANG, T0.plus(Duration.ofMillis(66L * i)), CheckInMethod.QR);
      }
      assertThat(s.lastBetween(ZHANG, T0.minusSeconds(1), T0.plusHours(1))).contains(T0);
      s.record(ZHANG, T0.plus(Sightings.WRITE_EVERY), CheckInMethod.QR);
      assertThat(s.lastBetween(ZHANG, T0.minusSeconds(1), T0.plusHours(1))).contains(T0.plus(Sightings.WRITE_EVERY));
    }
  }

  @Test
  void open_rowsOlderThanKeep_arePruned() {
    try (Sightings s = Sightings.open(dir, T0.toInstant())) {
      s.record(ZHANG, T0, CheckInMethod.QR);
    }
    try (Sightings s = Sightings.open(dir, T0.plus(Sightings.KEEP).plusDays(1).toInstant())) {
      assertThat(s.lastBetween(ZHANG, T0.minusDays(1), T0.plusDays(1))).isEmpty();
    }
  }

  @Test
  void name_rememberedAndReplaced() {
    try (Sightings s = Sightings.open(dir, T0.toInstant())) {
      s.name(ZHANG, "张三");
      s.name(ZHANG, "张三丰");
      assertThat(s.name(ZHANG)).contains("张三丰");
      assertThat(s.name(VolunteerId.of("V-360781-000102"))).isEmpty();
    }
  }

  @Test
  void close_twice_isHarmless() {
    Sightings s = Sightings.open(dir, T0.toInstant());
    s.close();
    s.close();
    assertThatThrownBy(() -> s.name(ZHANG)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void checkIns_forgottenCheckIn_proposesLastSightingThenRecordsCorrectionAndNewCheckIn() {
    try (Outbox outbox = Outbox.open(dir, StationId.of("JX-RJ-0001"), TerminalId.of("kiosk-1"),
        java.time.Clock.systemUTC()); Sightings sightings = Sightings.open(dir, T0.toInstant())) {
      CheckIns checkIns = new CheckIns(outbox, Duration.ofMinutes(3));
      checkIns.proposeForgottenCheckOuts(sightings, SessionRules.defaults(), ActivityEnds.UNKNOWN);
      checkIns.decide(ZHANG, CheckInMethod.QR, T0);
      checkIns.decide(ZHANG, CheckInMethod.QR, T0.plusHours(8).plusMinutes(3)).volunteerId();
      // the 17:02 sighting above was a check-out; undo that by a fresh check-in to have an open one
      outbox.append(Draft.of(ZHANG, EventKind.CHECK_IN, CheckInMethod.QR, T0.plusHours(9)));
      sightings.record(ZHANG, T0.plusHours(11), CheckInMethod.FACE);

      Decision d = checkIns.decide(ZHANG, CheckInMethod.QR, T0.plusDays(1));

      assertThat(d).isInstanceOf(Decision.Forgotten.class);
      Decision.Forgotten f = (Decision.Forgotten) d;
      assertThat(f.proposal()).contains(new EndTimeProposal(T0.plusHours(11), EndTimeProposal.LAST_SIGHTING));
      assertThat(checkIns.decide(ZHANG, CheckInMethod.QR, T0.plusDays(1).plusSeconds(1)))
          .as("still in view while the question is on screen").isInstanceOf(Decision.Ignored.class);
      assertThatThrownBy(() -> checkIns.closeForgotten(f, T0.plusDays(1), EndTimeProposal.ENTERED))
          .isInstanceOf(IllegalStateException.class);

      List<AttendanceEvent> events = checkIns.closeForgotten(f, T0.plusHours(11), EndTimeProposal.LAST_SIGHTING);

      assertThat(events).extracting(AttendanceEvent::kind).containsExactly(EventKind.CHECK_OUT, EventKind.CHECK_IN);
      assertThat(events.get(0).occurredAt()).isEqualTo(T0.plusHours(11));
      assertThat(events.get(0).evidence().correction()).isEqualTo("LAST_SIGHTING");
      assertThat(events.get(1).occurredAt()).isEqualTo(T0.plusDays(1));
      assertThat(events.get(1).evidence().correction()).isNull();
      assertThatThrownBy(() -> checkIns.closeForgotten(f, T0.plusHours(11), EndTimeProposal.LAST_SIGHTING))
          .as("answered twice").isInstanceOf(IllegalStateException.class);
      assertThat(checkIns.forgottenUnanswered(f)).isEmpty();
      assertThat(outbox.openCheckIns()).extracting(AttendanceEvent::occurredAt).containsExactly(T0.plusDays(1));
      assertThat(outbox.eventsSince(T0.plusDays(1))).hasSize(1);
    }
  }

  @Test
  void checkIns_unansweredWithinMaximum_recordsNothing_beyondMaximum_recordsCheckIn() {
    try (Outbox outbox = Outbox.open(dir, StationId.of("JX-RJ-0001"), TerminalId.of("kiosk-1"),
        java.time.Clock.systemUTC()); Sightings sightings = Sightings.open(dir, T0.toInstant())) {
      CheckIns checkIns = new CheckIns(outbox, Duration.ofMinutes(3));
      checkIns.proposeForgottenCheckOuts(sightings, SessionRules.defaults(), ActivityEnds.UNKNOWN);
      OffsetDateTime lateIn = T0.plusHours(12);
      checkIns.decide(ZHANG, CheckInMethod.QR, lateIn);
      Decision.Forgotten nextMorning = (Decision.Forgotten) checkIns.decide(ZHANG, CheckInMethod.QR,
          lateIn.plusHours(11));
      assertThat(checkIns.forgottenUnanswered(nextMorning)).isEmpty();

      Decision.Forgotten nextEvening = (Decision.Forgotten) checkIns.decide(ZHANG, CheckInMethod.QR,
          lateIn.plusHours(13));
      Optional<AttendanceEvent> in = checkIns.forgottenUnanswered(nextEvening);

      assertThat(in).isPresent();
      assertThat(in.get().kind()).isEqualTo(EventKind.CHECK_IN);
      assertThat(in.get().occurredAt()).isEqualTo(lateIn.plusHours(13));
    }
  }

  @Test
  void checkIns_closeByManager_recordsManualCheckOutWithCorrectionWithinBounds() {
    try (Outbox outbox = Outbox.open(dir, StationId.of("JX-RJ-0001"), TerminalId.of("kiosk-1"),
        java.time.Clock.systemUTC()); Sightings sightings = Sightings.open(dir, T0.toInstant())) {
      CheckIns checkIns = new CheckIns(outbox, Duration.ofMinutes(3));
      checkIns.proposeForgottenCheckOuts(sightings, new SessionRules(java.time.LocalTime.of(18, 0),
          Duration.ofHours(12)), ActivityEnds.UNKNOWN);
      AttendanceEvent in = ((Decision.Recorded) checkIns.decide(ZHANG, CheckInMethod.QR, T0)).event();
      OffsetDateTime now = T0.plusDays(1);
      assertThat(checkIns.proposal(in, now)).contains(new EndTimeProposal(T0.withHour(18).withMinute(0),
          EndTimeProposal.STATION_CLOSING));
      assertThatThrownBy(() -> checkIns.closeByManager(in, T0.plusHours(13), "ENTERED", "manager-1", "r", now))
          .as("beyond check-in + 12 h").isInstanceOf(IllegalStateException.class);

      AttendanceEvent out = checkIns.closeByManager(in, T0.withHour(18).withMinute(0), "STATION_CLOSING",
          "manager-1", "volunteer left without checking out", now);

      assertThat(out.method()).isEqualTo(CheckInMethod.MANUAL);
      assertThat(out.operatorId()).isEqualTo("manager-1");
      assertThat(out.reason()).isEqualTo("volunteer left without checking out");
      assertThat(out.evidence().correction()).isEqualTo("STATION_CLOSING");
      assertThat(outbox.openCheckIns()).isEmpty();
    }
  }
}
