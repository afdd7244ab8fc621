package org.redvest.hub.hours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums credited minutes over a date range: per day, ISO week or month bucket, and per station,
 * organisation (the station's and every one above it), activity and volunteer. Sessions are split
 * at midnight in the hub zone first, so a session across a range boundary counts only its minutes
 * inside. Fed one session at a time; holds only the sums, never the sessions.
 */
public final class HoursRollup {
  private final ZoneId zone;
  private final Period period;
  private final LocalDate from;
  private final LocalDate to;
  private final Map<LocalDate, Long> buckets = new LinkedHashMap<>();
  private final Map<String, Long> byStation = new HashMap<>();
  private final Map<String, Long> byOrganisation = new HashMap<>();
  private final Map<String, Long> byActivity = new HashMap<>();
  private final Map<String, Long> byVolunteer = new HashMap<>();
  private long minutes;
  private long sessions;

  /** Sums the days {@code from} to {@code to}, both inclusive. */
  public HoursRollup(ZoneId zone, Period period, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to: must not be before from");
    }
    this.zone = zone;
    this.period = period;
    this.from = from;
    this.to = to;
    for (LocalDate b = period.start(from); !b.isAfter(to); b = period.next(b)) {
      buckets.put(b, 0L);
    }
  }

  /**
   * Adds a session's credited minutes inside the range.
   *
   * @param activityId the activity of its check-in event, or null
   * @param organisations its station's organisation and those above it, nearest first
   */
  public void add(Session session, String activityId, Collection<String> organisations) {
    long inside = 0;
    for (DayMinutes day : session.days(zone)) {
      if (day.date().isBefore(from) || day.date().isAfter(to)) {
        continue;
      }
      inside += day.minutes();
      buckets.merge(period.start(day.date()), day.minutes(), Long::sum);
    }
    if (inside == 0) {
      return;
    }
    minutes += inside;
    sessions++;
    byStation.merge(session.stationId().value(), inside, Long::sum);
    byVolunteer.merge(session.volunteerId().value(), inside, Long::sum);
    if (activityId != null) {
      byActivity.merge(activityId, inside, Long::sum);
    }
    for (String org : organisations) {
      byOrganisation.merge(org, inside, Long::sum);
    }
  }

  public HoursTotals totals() {
    List<HoursTotals.Bucket> chart = new ArrayList<>();
    buckets.forEach((start, m) -> chart.add(new HoursTotals.Bucket(start, period.label(start), m)));
    return new HoursTotals(period, from, to, minutes, sessions, byVolunteer.size(), chart,
        ranked(byStation), ranked(byOrganisation), ranked(byActivity), ranked(byVolunteer));
  }

  private static List<HoursTotals.Ranked> ranked(Map<String, Long> sums) {
    return sums.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new HoursTotals.Ranked(e.getKey(), e.getValue()))
        .toList();
  }
}
