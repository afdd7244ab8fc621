package org.redvest.terminal.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.Outbox;

class CheckInsTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId TERMINAL = TerminalId.of("kiosk-1");
  private static final VolunteerId ZHANG = VolunteerId.of("V-360781-000123");
  private static final VolunteerId LI = VolunteerId.of("V-360781-000456");
  private static final Duration DEBOUNCE = Duration.ofMinutes(3);

  @TempDir Path dataDir;

  /** The frame time, stepped by each test like a media clock. */
  private OffsetDateTime now = OffsetDateTime.of(2026, 11, 23, 8, 59, 12, 0, ZoneOffset.ofHours(8));
  private Outbox outbox;

  @BeforeEach
  void openOutbox() {
    outbox = openOutboxFile();
  }

  @AfterEach
  void closeOutbox() {
    outbox.close();
  }

  @Test
  void decide_firstSighting_recordsCheckInAtSightingTime() {
    CheckIns checkIns = new CheckIns(outbox, DEBOUNCE);

    Decision decision = checkIns.decide(ZHANG, CheckInMethod.QR, now);

    AttendanceEvent event = recorded(decision);
    assertThat(event.kind()).isEqualTo(EventKind.CHECK_IN);
    assertThat(event.volunteerId()).isEqualTo(ZHANG);
    assertThat(event.occurredAt()).isEqualTo(now);
    assertThat(outbox.depth()).isEqualTo(1);
  }

  @Test
  void decide_afterDebounce_togglesCheckInCheckOutCheckIn() {
    CheckIns checkIns = new CheckIns(outbox, DEBOUNCE);

    EventKind first = recorded(checkIns.decide(ZHANG, CheckInMethod.QR, now)).kind();
    step(Duration.ofHours(2));
    EventKind second = recorded(checkIns.decide(ZHANG, CheckInMethod.FACE, now)).kind();
    step(Duration.ofMinutes(10));
    EventKind third = recorded(checkIns.decide(ZHANG, CheckInMethod.QR, now)).kind();

    assertThat(first).isEqualTo(EventKind.CHECK_IN);
    assertThat(second).isEqualTo(EventKind.CHECK_OUT);
    assertThat(third).isEqualTo(EventKind.CHECK_IN);
  }

  @Test
  void decide_withinDebounceOfRecordedEvent_isIgnoredWithLastEvent() {
    CheckIns checkIns = new CheckIns(outbox, DEBOUNCE);
    AttendanceEvent checkIn = recorded(checkIns.decide(ZHANG, CheckInMethod.QR, now));
    checkIns = new CheckIns(outbox, DEBOUNCE); // no sightings in memory: the event alone debounces
    step(Duration.ofMinutes(2));

    Decision decision = checkIns.decide(ZHANG, CheckInMethod.QR, now);

    assertThat(decision).isEqualTo(
        new Decision.Ignored(ZHANG, Decision.Reason.RECORDED_RECENTLY, checkIn));
    assertThat(outbox.depth()).isEqualTo(1);
  }

  @Test
  void decide_justAfterDebounce_records() {
    CheckIns checkIns = new CheckIns(outbox, DEBOUNCE);
    checkIns.decide(ZHANG, CheckInMethod.QR, now);
    step(DEBOUNCE);

    assertThat(recorded(checkIns.decide(ZHANG, CheckInMethod.QR, now)).kind())
        .isEqualTo(EventKind.CHECK_OUT);
  }

  @Test
  void decide_continuousSightings_extendWindowPastDebounce() {
    CheckIns checkIns = new CheckIns(outbox, DEBOUNCE);
    checkIns.decide(ZHANG, CheckInMethod.FACE, now);

    // Standing in front of the camera for ten minutes, seen every two minutes.
    for (int i = 0; i < 5; i++) {
      step(Duration.ofMinutes(2));
      Decision decision = checkIns.decide(ZHANG, CheckInMethod.FACE, now);
      assertThat(decision).isInstanceOf(Decision.Ignored.class);
    }
    Decision.Ignored last = (Decision.Ignored) checkIns.decide(ZHANG, CheckInMethod.FACE, now);

    assertThat(last.reason()).isEqualTo(Decision.Reason.STILL_IN_VIEW);
    assertThat(last.optionalLastEvent()).map(AttendanceEvent::kind).contains(EventKind.CHECK_IN);
    assertThat(outbox.depth()).isEqualTo(1);
    step(DEBOUNCE);
    assertThat(recorded(checkIns.decide(ZHANG, CheckInMethod.FACE, now)).kind())
        .isEqualTo(EventKind.CHECK_OUT);
  }

  @Test
  void decide_otherVolunteerWithinWindow_isRecorded() {
    CheckIns checkIns = new CheckIns(outbox, DEBOUNCE);
    checkIns.decide(ZHANG, CheckInMethod.QR, now);
    step(Duration.ofSeconds(5));

    assertThat(recorded(checkIns.decide(LI, CheckInMethod.QR, now)).kind())
        .isEqualTo(EventKind.CHECK_IN);
  }

  @Test
  void decide_afterRestart_keepsToggle() {
    recorded(new CheckIns(outbox, DEBOUNCE).decide(ZHANG, CheckInMethod.QR, now));
    outbox.close();
    outbox = openOutboxFile();
    step(Duration.ofHours(3));

    AttendanceEvent afterRestart =
        recorded(new CheckIns(outbox, DEBOUNCE).decide(ZHANG, CheckInMethod.QR, now));

    assertThat(afterRestart.kind()).isEqualTo(EventKind.CHECK_OUT);
    assertThat(afterRestart.terminalSeq()).isEqualTo(2);
  }

  @Test
  void decide_clockSetBackFarBeforeLastEvent_records() {
    CheckIns checkIns = new CheckIns(outbox, DEBOUNCE);
    checkIns.decide(ZHANG, CheckInMethod.QR, now);
    step(Duration.ofHours(-5));

    assertThat(checkIns.decide(ZHANG, CheckInMethod.QR, now))
        .isInstanceOf(Decision.Recorded.class);
  }

  @Test
  void decide_sightingWithConfidenceAndActivity_carriesThemIntoEvent() {
    CheckIns checkIns = new CheckIns(outbox);
    Sighting sighting = new Sighting(ZHANG, CheckInMethod.FACE, now, "A-2026-1123-07", 0.71);

    AttendanceEvent event = recorded(checkIns.decide(sighting));

    assertThat(event.activityId()).isEqualTo("A-2026-1123-07");
    assertThat(event.confidence()).isEqualTo(0.71);
    assertThat(checkIns.debounce()).isEqualTo(CheckIns.DEFAULT_DEBOUNCE);
  }

  private Outbox openOutboxFile() {
    return Outbox.open(dataDir, STATION, TERMINAL, Clock.systemUTC());
  }

  private void step(Duration d) {
    now = now.plus(d);
  }

  private static AttendanceEvent recorded(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Recorded.class);
    return ((Decision.Recorded) decision).event();
  }
}
