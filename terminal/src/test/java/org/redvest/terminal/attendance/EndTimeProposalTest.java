package org.redvest.terminal.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndTimeProposalTest {
  private static final OffsetDateTime CHECK_IN = OffsetDateTime.parse("2026-11-22T08:59:00+08:00");
  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-23T08:02:00+08:00");
  private static final SessionRules CLOSES_18 = new SessionRules(LocalTime.of(18, 0), Duration.ofHours(12));

  private static Optional<EndTimeProposal> propose(Optional<OffsetDateTime> sighting, Optional<OffsetDateTime> activity,
      SessionRules rules) {
    return EndTimeProposal.propose(CHECK_IN, NOW, sighting, activity, rules);
  }

  @Test
  void propose_lastSightingAndActivityAndClosing_lastSightingWins() {
    Optional<EndTimeProposal> p = propose(Optional.of(at("17:02")), Optional.of(at("16:00")), CLOSES_18);

    assertThat(p).contains(new EndTimeProposal(at("17:02"), EndTimeProposal.LAST_SIGHTING));
  }

  @Test
  void propose_noSighting_activityEndBeatsClosing() {
    assertThat(propose(Optional.empty(), Optional.of(at("16:00")), CLOSES_18))
        .contains(new EndTimeProposal(at("16:00"), EndTimeProposal.ACTIVITY_END));
  }

  @Test
  void propose_onlyClosingTime_closingOnTheCheckInDay() {
    assertThat(propose(Optional.empty(), Optional.empty(), CLOSES_18))
        .contains(new EndTimeProposal(at("18:00"), EndTimeProposal.STATION_CLOSING));
  }

  @Test
  void propose_sightingRightAfterCheckIn_isTheCheckInItselfAndIgnored() {
    assertThat(propose(Optional.of(at("09:05")), Optional.empty(), CLOSES_18))
        .contains(new EndTimeProposal(at("18:00"), EndTimeProposal.STATION_CLOSING));
  }

  @Test
  void propose_candidatesBeyondTheMaximumSession_areIgnored() {
    SessionRules shortMax = new SessionRules(LocalTime.of(22, 0), Duration.ofHours(8));

    assertThat(propose(Optional.of(at("17:30")), Optional.of(at("20:00")), shortMax)).isEmpty();
  }

  @Test
  void propose_activityEndBeforeCheckIn_isIgnored() {
    assertThat(propose(Optional.empty(), Optional.of(at("08:00")), SessionRules.defaults())).isEmpty();
  }

  @Test
  void propose_checkInAfterClosing_noClosingBasis() {
    OffsetDateTime lateIn = at("19:00");
    assertThat(EndTimeProposal.propose(lateIn, NOW, Optional.empty(), Optional.empty(), CLOSES_18)).isEmpty();
  }

  @Test
  void withinBounds_endMustBeAfterCheckInAndNotAfterLatest() {
    assertThat(EndTimeProposal.withinBounds(CHECK_IN, CHECK_IN, NOW, CLOSES_18)).isFalse();
    assertThat(EndTimeProposal.withinBounds(at("20:59"), CHECK_IN, NOW, CLOSES_18)).isTrue();
    assertThat(EndTimeProposal.withinBounds(at("21:00"), CHECK_IN, NOW, CLOSES_18)).as("check-in + 12 h").isFalse();
    assertThat(EndTimeProposal.withinBounds(CHECK_IN.plusMinutes(30), CHECK_IN, CHECK_IN.plusMinutes(20),
        CLOSES_18)).as("after now").isFalse();
  }

  @Test
  void forgotten_earlierDayLongSessionOrPastClosing_areForgotten() {
    assertThat(CLOSES_18.forgotten(CHECK_IN, NOW)).as("earlier day").isTrue();
    assertThat(SessionRules.defaults().forgotten(at("08:59"), at("21:00"))).as("over 12 h, same day").isTrue();
    assertThat(CLOSES_18.forgotten(at("08:59"), at("19:30"))).as("1.5 h after closing").isTrue();
    assertThat(CLOSES_18.forgotten(at("08:59"), at("18:30"))).as("within the closing grace").isFalse();
    assertThat(CLOSES_18.forgotten(at("08:59"), at("16:00"))).as("an ordinary check-out").isFalse();
    assertThat(CLOSES_18.forgotten(at("18:30"), at("20:00"))).as("checked in after closing").isFalse();
  }

  private static OffsetDateTime at(String hhmm) {
    return CHECK_IN.with(LocalTime.parse(hhmm));
  }
}
