package org.redvest.hub.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

class HoursRollupTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  static Session closed(String volunteer, String station, String in, String out) {
    OffsetDateTime from = OffsetDateTime.parse(in);
    OffsetDateTime to = OffsetDateTime.parse(out);
    return new Session(VolunteerId.of(volunteer), StationId.of(station), from, to,
        Session.minutesBetween(from.toInstant(), to.toInstant()), SessionStatus.CLOSED, Set.of(),
        UUID.randomUUID(), UUID.randomUUID());
  }

  @Test
  void week_sundayAndMonday_fallInDifferentIsoWeeks() {
    HoursRollup rollup = new HoursRollup(ZONE, Period.WEEK, LocalDate.parse("2026-11-16"),
        LocalDate.parse("2026-11-29"));
    // 2026-11-22 is a Sunday (ISO week 47), 2026-11-23 a Monday (week 48).
    rollup.add(closed("V-1", "S-1", "2026-11-22T10:00:00+08:00", "2026-11-22T11:00:00+08:00"),
        null, List.of());
    rollup.add(closed("V-1", "S-1", "2026-11-23T10:00:00+08:00", "2026-11-23T12:00:00+08:00"),
        null, List.of());

    HoursTotals t = rollup.totals();
    assertThat(t.buckets()).extracting(HoursTotals.Bucket::label, HoursTotals.Bucket::minutes)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-W47", 60L),
            org.assertj.core.groups.Tuple.tuple("2026-W48", 120L));
  }

  @Test
  void week_acrossNewYear_usesIsoWeekBasedYear() {
    // 2026-12-31 is a Thursday: ISO week 2026-W53; 2027-01-04 starts 2027-W01.
    assertThat(Period.WEEK.label(Period.WEEK.start(LocalDate.parse("2027-01-01"))))
        .isEqualTo("2026-W53");
    assertThat(Period.WEEK.label(Period.WEEK.start(LocalDate.parse("2027-01-04"))))
        .isEqualTo("2027-W01");
  }

  @Test
  void add_sessionAcrossMidnight_splitsIntoBothDays() {
    HoursRollup rollup = new HoursRollup(ZONE, Period.DAY, LocalDate.parse("2026-11-22"),
        LocalDate.parse("2026-11-23"));
    rollup.add(closed("V-1", "S-1", "2026-11-22T22:30:40+08:00", "2026-11-23T01:15:20+08:00"),
        null, List.of());

    assertThat(rollup.totals().buckets()).extracting(HoursTotals.Bucket::minutes)
        .containsExactly(90L, 75L);
    assertThat(rollup.totals().minutes()).isEqualTo(165);
  }

  @Test
  void add_sessionCrossingRangeStart_countsOnlyMinutesInside() {
    HoursRollup rollup = new HoursRollup(ZONE, Period.DAY, LocalDate.parse("2026-11-23"),
        LocalDate.parse("2026-11-23"));
    rollup.add(closed("V-1", "S-1", "2026-11-22T22:30:00+08:00", "2026-11-23T01:00:00+08:00"),
        null, List.of());

    assertThat(rollup.totals().minutes()).isEqualTo(60);
    assertThat(rollup.totals().stations()).containsExactly(new HoursTotals.Ranked("S-1", 60));
  }

  @Test
  void add_midnightInHubZoneNotUtc_splitsAtLocalMidnight() {
    HoursRollup rollup = new HoursRollup(ZONE, Period.DAY, LocalDate.parse("2026-11-22"),
        LocalDate.parse("2026-11-23"));
    // 23:00 to 01:00 UTC is 07:00 to 09:00 in Shanghai: one local day.
    rollup.add(closed("V-1", "S-1", "2026-11-22T23:00:00Z", "2026-11-23T01:00:00Z"), null,
        List.of());

    assertThat(rollup.totals().buckets()).extracting(HoursTotals.Bucket::minutes)
        .containsExactly(0L, 120L);
  }

  @Test
  void add_organisationChain_creditsStationOrganisationAndEveryParent() {
    HoursRollup rollup = new HoursRollup(ZONE, Period.MONTH, LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-11-30"));
    rollup.add(closed("V-1", "S-1", "2026-11-23T08:00:00+08:00", "2026-11-23T10:00:00+08:00"),
        "A-1", List.of("district", "city", "province"));
    rollup.add(closed("V-2", "S-2", "2026-11-23T08:00:00+08:00", "2026-11-23T09:00:00+08:00"),
        null, List.of("other-district", "city", "province"));

    HoursTotals t = rollup.totals();
    assertThat(t.organisations()).containsExactly(new HoursTotals.Ranked("city", 180),
        new HoursTotals.Ranked("province", 180), new HoursTotals.Ranked("district", 120),
        new HoursTotals.Ranked("other-district", 60));
    assertThat(t.activities()).containsExactly(new HoursTotals.Ranked("A-1", 120));
    assertThat(t.volunteers()).isEqualTo(2);
    assertThat(t.sessions()).isEqualTo(2);
  }

  @Test
  void add_uncreditedSession_countsNothing() {
    HoursRollup rollup = new HoursRollup(ZONE, Period.DAY, LocalDate.parse("2026-11-23"),
        LocalDate.parse("2026-11-23"));
    rollup.add(new Session(VolunteerId.of("V-1"), StationId.of("S-1"),
        OffsetDateTime.parse("2026-11-23T08:00:00+08:00"), null, 0, SessionStatus.OPEN, Set.of(),
        UUID.randomUUID(), null), null, List.of("org"));

    assertThat(rollup.totals().sessions()).isZero();
    assertThat(rollup.totals().organisations()).isEmpty();
  }

  @Test
  void buckets_monthRange_includesEmptyMonths() {
    HoursRollup rollup = new HoursRollup(ZONE, Period.MONTH, LocalDate.parse("2026-09-15"),
        LocalDate.parse("2026-11-23"));

    assertThat(rollup.totals().buckets()).extracting(HoursTotals.Bucket::label)
        .containsExactly("2026-09", "2026-10", "2026-11");
  }
}
