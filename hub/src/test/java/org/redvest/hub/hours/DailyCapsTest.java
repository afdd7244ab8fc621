package org.redvest.hub.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/** Daily caps per volunteer and calendar day (docs/hours-rules.md, "Daily caps"). */
class DailyCapsTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final VolunteerId V = VolunteerId.of("V-1");
  private static final StationId A = StationId.of("JX-RJ-0001");
  private static final StationId B = StationId.of("JX-RJ-0002");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

  private final DailyCaps caps = DailyCaps.defaults();

  @Test
  void assess_dayOf7h59_allCountsNoApprovalNeeded() {
    CapDay day = dayOf(7 * 60 + 59);

    assertThat(day.countedMinutes()).isEqualTo(479);
    assertThat(day.pendingMinutes()).isZero();
    assertThat(day.tier()).isNull();
    assertThat(day.requiredApproval()).isNull();
  }

  @Test
  void assess_dayOf8h00_allCountsAtTheCap() {
    CapDay day = dayOf(8 * 60);

    assertThat(day.countedMinutes()).isEqualTo(480);
    assertThat(day.requiredApproval()).isNull();
  }

  @Test
  void assess_dayOf8h01_eightHoursCountOneMinutePendingOrganisation() {
    CapDay day = dayOf(8 * 60 + 1);

    assertThat(day.countedMinutes()).isEqualTo(480);
    assertThat(day.pendingMinutes()).isEqualTo(1);
    assertThat(day.tier().label()).isEqualTo("8h");
    assertThat(day.requiredApproval()).isEqualTo(Approval.ORGANISATION);
  }

  @Test
  void assess_dayOf11h59_pendingOrganisation() {
    CapDay day = dayOf(11 * 60 + 59);

    assertThat(day.countedMinutes()).isEqualTo(480);
    assertThat(day.pendingMinutes()).isEqualTo(239);
    assertThat(day.requiredApproval()).isEqualTo(Approval.ORGANISATION);
  }

  @Test
  void assess_dayOf12h00_stillOrganisationTier() {
    CapDay day = dayOf(12 * 60);

    assertThat(day.pendingMinutes()).isEqualTo(240);
    assertThat(day.tier().label()).isEqualTo("8h");
    assertThat(day.requiredApproval()).isEqualTo(Approval.ORGANISATION);
  }

  @Test
  void assess_dayOf12h01_higherApprovalNeeded() {
    CapDay day = dayOf(12 * 60 + 1);

    assertThat(day.countedMinutes()).isEqualTo(480);
    assertThat(day.pendingMinutes()).isEqualTo(241);
    assertThat(day.tier().label()).isEqualTo("12h");
    assertThat(day.requiredApproval()).isEqualTo(Approval.HIGHER);
  }

  @Test
  void assess_twoSessionsOverCap_earliestMinutesCountLaterSessionCarriesPending() {
    Session morning = closed(A, "2026-11-23T07:00:00+08:00", "2026-11-23T12:00:00+08:00");
    Session afternoon = closed(B, "2026-11-23T13:00:00+08:00", "2026-11-23T17:30:00+08:00");

    CapAssessment a = caps.assess(List.of(afternoon, morning), SHANGHAI, ApprovedDays.NONE);

    assertThat(a.of(morning)).isEqualTo(new SessionCap(300, 0, Approval.ORGANISATION));
    assertThat(a.of(afternoon)).isEqualTo(new SessionCap(180, 90, Approval.ORGANISATION));
  }

  @Test
  void assess_acrossMidnight_eachCalendarDayCappedOnItsOwn() {
    Session morning = closed(A, "2026-11-23T08:59:00+08:00", "2026-11-23T13:00:00+08:00");
    Session night = closed(A, "2026-11-23T20:00:00+08:00", "2026-11-24T02:00:00+08:00");

    CapAssessment a = caps.assess(List.of(morning, night), SHANGHAI, ApprovedDays.NONE);

    assertThat(a.days()).extracting(CapDay::date, CapDay::minutes, CapDay::countedMinutes)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(DAY, 481L, 480L),
            org.assertj.core.groups.Tuple.tuple(DAY.plusDays(1), 120L, 120L));
    assertThat(a.of(night)).isEqualTo(new SessionCap(359, 1, Approval.ORGANISATION));
    assertThat(a.pendingDays()).singleElement().extracting(CapDay::date).isEqualTo(DAY);
  }

  @Test
  void assess_sessionOf8hAcrossMidnight_neitherDayOverCap() {
    Session night = closed(A, "2026-11-23T20:00:00+08:00", "2026-11-24T04:01:00+08:00");

    CapAssessment a = caps.assess(List.of(night), SHANGHAI, ApprovedDays.NONE);

    assertThat(a.of(night)).isEqualTo(new SessionCap(481, 0, null));
    assertThat(a.pendingDays()).isEmpty();
  }

  @Test
  void assess_organisationApprovedDayOf13h_countsTwelveHoursRestNeedsHigher() {
    List<Session> day = List.of(closed(A, "2026-11-23T06:00:00+08:00", "2026-11-23T12:00:00+08:00"),
        closed(A, "2026-11-23T13:00:00+08:00", "2026-11-23T20:00:00+08:00"));
    ApprovedDays organisation = (v, d) -> d.equals(DAY) ? Optional.of(Approval.ORGANISATION) : Optional.empty();

    CapDay capped = caps.assess(day, SHANGHAI, organisation).days().get(0);

    assertThat(capped.countedMinutes()).isEqualTo(720);
    assertThat(capped.requiredApproval()).isEqualTo(Approval.HIGHER);
    assertThat(caps.assess(day, SHANGHAI, (v, d) -> Optional.of(Approval.HIGHER)).days().get(0))
        .satisfies(d -> {
          assertThat(d.countedMinutes()).isEqualTo(780);
          assertThat(d.requiredApproval()).isNull();
        });
  }

  @Test
  void tierOf_boundaries_namesTheTierADayIsIn() {
    assertThat(caps.tierOf(480)).isEmpty();
    assertThat(caps.tierOf(481)).get().extracting(DailyCaps.Tier::approval).isEqualTo(Approval.ORGANISATION);
    assertThat(caps.tierOf(720)).get().extracting(DailyCaps.Tier::approval).isEqualTo(Approval.ORGANISATION);
    assertThat(caps.tierOf(721)).get().extracting(DailyCaps.Tier::approval).isEqualTo(Approval.HIGHER);
  }

  @Test
  void parse_configuredTiers_roundTrip() {
    DailyCaps parsed = DailyCaps.parse("6h:ORGANISATION, 600m:higher");

    assertThat(parsed.tiers()).containsExactly(new DailyCaps.Tier(Duration.ofHours(6), Approval.ORGANISATION),
        new DailyCaps.Tier(Duration.ofMinutes(600), Approval.HIGHER));
    assertThat(parsed.toString()).isEqualTo("6h:ORGANISATION,10h:HIGHER");
    assertThat(DailyCaps.parse("none").tiers()).isEmpty();
    assertThat(DailyCaps.parse("none").allowance(null)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void parse_decreasingThresholds_rejected() {
    assertThatThrownBy(() -> DailyCaps.parse("12h:ORGANISATION,8h:HIGHER"))
        .hasMessageContaining("thresholds must increase");
  }

  @Test
  void parse_unknownApproval_rejectedNamingLevels() {
    assertThatThrownBy(() -> DailyCaps.parse("8h:MAYOR")).hasMessageContaining("ORGANISATION or HIGHER");
  }

  @Test
  void parse_lowerApprovalForHigherCap_rejected() {
    assertThatThrownBy(() -> DailyCaps.parse("8h:HIGHER,12h:ORGANISATION"))
        .hasMessageContaining("cannot need a lower approval");
  }

  /** One volunteer's day made of two sessions at two stations, {@code minutes} long in total. */
  private CapDay dayOf(long minutes) {
    OffsetDateTime start = OffsetDateTime.parse("2026-11-23T06:00:00+08:00");
    long first = minutes / 2;
    Session one = closed(A, start, start.plusMinutes(first));
    OffsetDateTime second = start.plusMinutes(first + 30);
    Session two = closed(B, second, second.plusMinutes(minutes - first));
    List<CapDay> days = caps.assess(List.of(one, two), SHANGHAI, ApprovedDays.NONE).days();
    assertThat(days).singleElement().extracting(CapDay::minutes).isEqualTo(minutes);
    return days.get(0);
  }

  private static Session closed(StationId station, String in, String out) {
    return closed(station, OffsetDateTime.parse(in), OffsetDateTime.parse(out));
  }

  private static Session closed(StationId station, OffsetDateTime in, OffsetDateTime out) {
    return new Session(V, station, in, out, Session.minutesBetween(in.toInstant(), out.toInstant()),
        SessionStatus.CLOSED, Set.of(), UUID.randomUUID(), UUID.randomUUID());
  }
}
