package org.redvest.hub.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redvest.hub.hours.HoursRollupTest.closed;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveVolunteersTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Test
  void share_exactly25HoursInYear_reached() {
    ActiveVolunteers year = new ActiveVolunteers(ZONE, 2026, 25 * 60);
    for (int day = 1; day <= 5; day++) {
      year.add(closed("V-1", "S-1", "2026-03-0" + day + "T08:00:00+08:00",
          "2026-03-0" + day + "T13:00:00+08:00"), List.of("org"));
    }
    year.add(closed("V-2", "S-1", "2026-03-01T08:00:00+08:00", "2026-03-01T12:59:00+08:00"),
        List.of("org"));

    ActiveVolunteers.Share share = year.hubWide();
    assertThat(share.active()).isEqualTo(2);
    assertThat(share.reached()).isEqualTo(1);
    assertThat(share.fraction()).isEqualTo(0.5);
    assertThat(year.organisations().get("org").reached()).isEqualTo(1);
  }

  @Test
  void share_hoursSplitOverTwoStations_reachedHubWideButAtNeither() {
    ActiveVolunteers year = new ActiveVolunteers(ZONE, 2026, 25 * 60);
    year.add(closed("V-1", "S-1", "2026-05-01T00:00:00+08:00", "2026-05-01T12:00:00+08:00"),
        List.of("a", "city"));
    year.add(closed("V-1", "S-1", "2026-05-02T00:00:00+08:00", "2026-05-02T03:00:00+08:00"),
        List.of("a", "city"));
    year.add(closed("V-1", "S-2", "2026-05-03T00:00:00+08:00", "2026-05-03T12:00:00+08:00"),
        List.of("b", "city"));

    assertThat(year.hubWide().reached()).isEqualTo(1);
    assertThat(year.stations().get("S-1").reached()).isZero();
    assertThat(year.stations().get("S-2").reached()).isZero();
    assertThat(year.organisations().get("city").reached()).isEqualTo(1);
    assertThat(year.organisations().get("a").reached()).isZero();
  }

  @Test
  void add_sessionOverNewYearsEve_countsOnlyMinutesInYear() {
    ActiveVolunteers year = new ActiveVolunteers(ZONE, 2026, 60);
    year.add(closed("V-1", "S-1", "2026-12-31T23:30:00+08:00", "2027-01-01T01:00:00+08:00"),
        List.of());

    assertThat(year.hubWide().active()).isEqualTo(1);
    assertThat(year.hubWide().reached()).isZero();
  }
}
