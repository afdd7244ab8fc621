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

class VolunteerHoursTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final VolunteerId V = VolunteerId.of("V-1");
  private static final StationId A = StationId.of("JX-RJ-0001");

  @Test
  void of_rangeCuttingAcrossMidnightSession_countsOnlyDaysInRange() {
    Session night = closed("2026-11-23T22:00:00+08:00", "2026-11-24T02:00:00+08:00");
    Session open = new Session(V, A, OffsetDateTime.parse("2026-11-25T09:00:00+08:00"), null, 0,
        SessionStatus.OPEN, Set.of(), UUID.randomUUID(), null);

    VolunteerHours h = VolunteerHours.of(V, List.of(night, open), LocalDate.of(2026, 11, 24),
        null, SHANGHAI);

    assertThat(h.totalMinutes()).isEqualTo(120);
    assertThat(h.days()).containsExactly(new DayMinutes(LocalDate.of(2026, 11, 24), 120));
    assertThat(h.sessions()).containsExactly(night);
    assertThat(h.openSession()).isEqualTo(open);
  }

  @Test
  void of_dayOver8h_totalCountsEightHoursRestPending() {
    Session morning = closed("2026-11-23T07:00:00+08:00", "2026-11-23T12:00:00+08:00");
    Session afternoon = closed("2026-11-23T13:00:00+08:00", "2026-11-23T16:01:00+08:00");
    List<Session> all = List.of(morning, afternoon);

    VolunteerHours h = VolunteerHours.of(V, all, null, null, SHANGHAI,
        DailyCaps.defaults().assess(all, SHANGHAI, ApprovedDays.NONE));

    assertThat(h.totalMinutes()).isEqualTo(480);
    assertThat(h.pendingMinutes()).isEqualTo(1);
    assertThat(h.days()).containsExactly(new DayMinutes(LocalDate.of(2026, 11, 23), 480));
    assertThat(h.overCapDays()).singleElement().satisfies(d -> {
      assertThat(d.minutes()).isEqualTo(481);
      assertThat(d.requiredApproval()).isEqualTo(Approval.ORGANISATION);
    });
  }

  @Test
  void of_noCaps_everyMinuteCounts() {
    Session long1 = closed("2026-11-23T07:00:00+08:00", "2026-11-23T12:00:00+08:00");
    Session long2 = closed("2026-11-23T13:00:00+08:00", "2026-11-23T18:00:00+08:00");
    List<Session> all = List.of(long1, long2);

    VolunteerHours h = VolunteerHours.of(V, all, null, null, SHANGHAI,
        DailyCaps.none().assess(all, SHANGHAI, ApprovedDays.NONE));

    assertThat(h.totalMinutes()).isEqualTo(600);
    assertThat(h.pendingMinutes()).isZero();
    assertThat(h.overCapDays()).isEmpty();
  }

  private static Session closed(String in, String out) {
    OffsetDateTime checkIn = OffsetDateTime.parse(in);
    OffsetDateTime checkOut = OffsetDateTime.parse(out);
    return new Session(V, A, checkIn, checkOut,
        Session.minutesBetween(checkIn.toInstant(), checkOut.toInstant()), SessionStatus.CLOSED,
        Set.of(), UUID.randomUUID(), UUID.randomUUID());
  }
}
