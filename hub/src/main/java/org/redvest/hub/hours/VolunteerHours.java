package org.redvest.hub.hours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.redvest.protocol.VolunteerId;

/**
 * A volunteer's credited minutes in a date range (inclusive, in the hub's zone; null bounds are
 * open). {@code totalMinutes} is the sum of {@code days}; a session across the range boundary
 * contributes only its minutes on days inside the range.
 */
public record VolunteerHours(
    VolunteerId volunteerId,
    long totalMinutes,
    List<Session> sessions,
    Session openSession,
    List<DayMinutes> days) {

  public static VolunteerHours of(
      VolunteerId volunteerId, List<Session> all, LocalDate from, LocalDate to, ZoneId zone) {
    List<Session> listed = new ArrayList<>();
    Session open = null;
    Map<LocalDate, Long> perDay = new TreeMap<>();
    for (Session session : all) {
      if (session.status() == SessionStatus.OPEN) {
        open = session;
        continue;
      }
      LocalDate startDate = session.start().atZone(zone).toLocalDate();
      LocalDate endDate = session.end().atZone(zone).toLocalDate();
      if ((to == null || !startDate.isAfter(to)) && (from == null || !endDate.isBefore(from))) {
        listed.add(session);
      }
      for (DayMinutes day : session.days(zone)) {
        if ((from == null || !day.date().isBefore(from)) && (to == null || !day.date().isAfter(to))) {
          perDay.merge(day.date(), day.minutes(), Long::sum);
        }
      }
    }
    List<DayMinutes> days = new ArrayList<>();
    perDay.forEach((date, minutes) -> days.add(new DayMinutes(date, minutes)));
    long total = days.stream().mapToLong(DayMinutes::minutes).sum();
    return new VolunteerHours(volunteerId, total, List.copyOf(listed), open, List.copyOf(days));
  }
}
