package org.redvest.hub.hours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.redvest.protocol.VolunteerId;

/**
 * The daily caps applied to a set of sessions: each volunteer's days ({@link CapDay}) and how each
 * session's minutes split into counted and pending ({@link SessionCap}). Within a day the earliest
 * minutes count first, so a later session carries the pending part.
 */
public final class CapAssessment {
  private final List<CapDay> days;
  private final Map<Session, SessionCap> bySession;

  private CapAssessment(List<CapDay> days, Map<Session, SessionCap> bySession) {
    this.days = List.copyOf(days);
    this.bySession = bySession;
  }

  static CapAssessment of(DailyCaps caps, List<Session> sessions, ZoneId zone, ApprovedDays approved) {
    Map<VolunteerId, Map<LocalDate, List<Piece>>> perVolunteer = new LinkedHashMap<>();
    List<Session> ordered = new ArrayList<>(sessions);
    ordered.sort(Comparator.comparing(Session::start));
    for (Session session : ordered) {
      for (DayMinutes day : session.days(zone)) {
        perVolunteer.computeIfAbsent(session.volunteerId(), v -> new TreeMap<>())
            .computeIfAbsent(day.date(), d -> new ArrayList<>()).add(new Piece(session, day.minutes()));
      }
    }
    List<CapDay> days = new ArrayList<>();
    Map<Session, long[]> counted = new IdentityHashMap<>();
    Map<Session, Approval> required = new IdentityHashMap<>();
    perVolunteer.forEach((volunteer, byDate) -> byDate.forEach((date, pieces) -> {
      Approval granted = approved.granted(volunteer, date).orElse(null);
      long total = pieces.stream().mapToLong(Piece::minutes).sum();
      long remaining = Math.min(total, caps.allowance(granted));
      long countedTotal = remaining;
      for (Piece piece : pieces) {
        long part = Math.min(piece.minutes(), remaining);
        remaining -= part;
        counted.computeIfAbsent(piece.session(), s -> new long[1])[0] += part;
      }
      DailyCaps.Tier tier = caps.tierOf(total).orElse(null);
      Approval needed = countedTotal < total ? tier.approval() : null;
      if (needed != null) {
        for (Piece piece : pieces) {
          required.merge(piece.session(), needed, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
      }
      days.add(new CapDay(volunteer, date, total, countedTotal, tier, needed));
    }));
    Map<Session, SessionCap> bySession = new IdentityHashMap<>();
    for (Session session : sessions) {
      long[] c = counted.get(session);
      long countedMinutes = c == null ? session.minutes() : c[0];
      bySession.put(session, new SessionCap(countedMinutes, session.minutes() - countedMinutes,
          required.get(session)));
    }
    return new CapAssessment(days, bySession);
  }

  /** Every volunteer-day with credited minutes, by volunteer then date. */
  public List<CapDay> days() {
    return days;
  }

  /** The days over a cap whose excess is still pending. */
  public List<CapDay> pendingDays() {
    return days.stream().filter(d -> d.requiredApproval() != null).toList();
  }

  /** The split of {@code session} (one of those assessed, by identity). */
  public SessionCap of(Session session) {
    SessionCap cap = bySession.get(session);
    return cap != null ? cap : SessionCap.uncapped(session.minutes());
  }

  private record Piece(Session session, long minutes) {}
}
