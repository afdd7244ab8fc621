package org.redvest.hub.hours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The civilised-city metric (文明城市测评): how many volunteers credited at least the yearly
 * threshold (25 h by default, {@link StarRules#yearThreshold()}) in one calendar year, hub-wide,
 * per station and per organisation. Within a station or organisation only the minutes served
 * there count, so a volunteer with 20 h at each of two stations reaches 25 h hub-wide (and in a
 * common parent organisation) but at neither station.
 */
public final class ActiveVolunteers {
  private final ZoneId zone;
  private final int year;
  private final long thresholdMinutes;
  private final Map<String, Long> hubWide = new HashMap<>();
  private final Map<String, Map<String, Long>> byStation = new HashMap<>();
  private final Map<String, Map<String, Long>> byOrganisation = new HashMap<>();

  public ActiveVolunteers(ZoneId zone, int year, long thresholdMinutes) {
    this.zone = zone;
    this.year = year;
    this.thresholdMinutes = thresholdMinutes;
  }

  /** The calendar year this counts. */
  public int year() {
    return year;
  }

  /** Adds the session's minutes that fall in the year. */
  public void add(Session session, Collection<String> organisations) {
    long inYear = 0;
    for (DayMinutes day : session.days(zone)) {
      if (day.date().getYear() == year) {
        inYear += day.minutes();
      }
    }
    if (inYear == 0) {
      return;
    }
    String volunteer = session.volunteerId().value();
    hubWide.merge(volunteer, inYear, Long::sum);
    byStation.computeIfAbsent(session.stationId().value(), k -> new HashMap<>())
        .merge(volunteer, inYear, Long::sum);
    for (String org : organisations) {
      byOrganisation.computeIfAbsent(org, k -> new HashMap<>()).merge(volunteer, inYear, Long::sum);
    }
  }

  /** The first day of the year, for callers that scan sessions. */
  public LocalDate firstDay() {
    return LocalDate.of(year, 1, 1);
  }

  public Share hubWide() {
    return share(hubWide);
  }

  /** Per station id, sorted by id. */
  public Map<String, Share> stations() {
    return shares(byStation);
  }

  /** Per organisation id, sorted by id. */
  public Map<String, Share> organisations() {
    return shares(byOrganisation);
  }

  private Map<String, Share> shares(Map<String, Map<String, Long>> scoped) {
    Map<String, Share> out = new TreeMap<>();
    scoped.forEach((id, volunteers) -> out.put(id, share(volunteers)));
    return out;
  }

  private Share share(Map<String, Long> volunteers) {
    long reached = volunteers.values().stream().filter(m -> m >= thresholdMinutes).count();
    return new Share(year, thresholdMinutes, volunteers.size(), reached);
  }

  /**
   * @param active volunteers with any credited minutes in the year
   * @param reached those with at least {@code thresholdMinutes}
   */
  public record Share(int year, long thresholdMinutes, long active, long reached) {
    /** reached / active, 0 when nobody served. */
    public double fraction() {
      return active == 0 ? 0 : (double) reached / active;
    }
  }
}
