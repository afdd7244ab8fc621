package org.redvest.hub.hours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.redvest.protocol.VolunteerId;

/**
 * A volunteer's credited minutes in a date range (inclusive, in the hub's zone; null bounds are
 * open). {@code totalMinutes} is the sum of {@code days}: the minutes that count now, after the
 * daily caps (docs/hours-rules.md, "Daily caps"); the minutes of days over a cap that await
 * approval are {@code pendingMinutes}. A session across the range boundary contributes only its
 * minutes on days inside the range.
 *
 * @param days counted minutes per day with any
 * @param overCapDays the days in the range over a cap whose excess awaits approval
 */
public record VolunteerHours(
    VolunteerId volunteerId,
    long totalMinutes,
    long pendingMinutes,
    List<Session> sessions,
    Session openSession,
    List<DayMinutes> days,
    List<CapDay> overCapDays) {

  /** The hours with the default daily caps and no approvals. */
  public static VolunteerHours of(
      VolunteerId volunteerId, List<Session> all, LocalDate from, LocalDate to, ZoneId zone) {
    return of(volunteerId, all, from, to, zone, DailyCaps.defaults().assess(all, zone, ApprovedDays.NONE));
  }

  /** The hours of {@code all} (the volunteer's sessions) split as {@code caps} assessed them. */
  public static VolunteerHours of(VolunteerId volunteerId, List<Session> all, LocalDate from,
      LocalDate to, ZoneId zone, CapAssessment caps) {
    List<Session> listed = new ArrayList<>();
    Session open = null;
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
    }
    List<DayMinutes> days = new ArrayList<>();
    List<CapDay> overCap = new ArrayList<>();
    long pending = 0;
    for (CapDay day : caps.days()) {
      if (!day.volunteerId().equals(volunteerId) || !inRange(day.date(), from, to)) {
        continue;
      }
      days.add(new DayMinutes(day.date(), day.countedMinutes()));
      pending += day.pendingMinutes();
      if (day.requiredApproval() != null) {
        overCap.add(day);
      }
    }
    long total = days.stream().mapToLong(DayMinutes::minutes).sum();
    return new VolunteerHours(volunteerId, total, pending, List.copyOf(listed), open,
        List.copyOf(days), List.copyOf(overCap));
  }

  private static boolean inRange(LocalDate date, LocalDate from, LocalDate to) {
    return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
  }
}
