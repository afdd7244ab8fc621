package org.redvest.hub.web.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.VolunteerInfo;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.EvidenceGrading;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.HoursRollup;
import org.redvest.hub.hours.HoursTotals;
import org.redvest.hub.hours.Period;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.StarRating;
import org.redvest.protocol.VolunteerId;

/**
 * One volunteer's hours page: their star from all credited minutes, the last twelve months, and
 * their sessions with evidence grades (newest first). A station manager sees only the sessions
 * and months at their own stations; the star is the volunteer's own and counts every station.
 *
 * @param sessions graded, newest first, at most {@value #MAX_LISTED}
 * @param listedOf how many sessions the user may see in all
 */
record VolunteerReport(VolunteerId id, Optional<VolunteerInfo> info, long cumulativeMinutes,
    StarRating star, HoursTotals months, List<GradedSession> sessions, Map<UUID, String> activities,
    int listedOf) {

  static final int MAX_LISTED = 500;
  private static final EvidenceGrading GRADING = EvidenceGrading.defaults();

  static VolunteerReport of(Dashboard dashboard, HoursReports reports, VolunteerId id,
      Principal user) {
    List<Session> all = new ArrayList<>();
    Map<UUID, String> activities = new java.util.HashMap<>();
    reports.scan().scan(id, null, Instant.EPOCH, null, 0, (s, activity) -> {
      all.add(s);
      if (activity != null) {
        activities.put(s.checkInEventId(), activity);
      }
    });
    long cumulative = all.stream().mapToLong(Session::minutes).sum();
    List<Session> visible = all.stream().filter(s -> user.canSee(s.stationId())).toList();
    LocalDate today = LocalDate.now(dashboard.clock().withZone(dashboard.zone()));
    HoursRollup months = new HoursRollup(dashboard.zone(), Period.MONTH,
        today.withDayOfMonth(1).minusMonths(11), today);
    for (Session s : visible) {
      months.add(s, null, List.of());
    }
    List<Session> newest = new ArrayList<>(visible);
    newest.sort(Comparator.comparing(Session::start).reversed());
    List<Session> listed = newest.subList(0, Math.min(MAX_LISTED, newest.size()));
    return new VolunteerReport(id, dashboard.catalogue().volunteer(id), cumulative,
        reports.rules().rate(cumulative), months.totals(), grade(dashboard, listed), activities,
        visible.size());
  }

  private static List<GradedSession> grade(Dashboard dashboard, List<Session> sessions) {
    List<UUID> ids = new ArrayList<>();
    for (Session s : sessions) {
      ids.add(s.checkInEventId());
      ids.add(s.checkOutEventId());
    }
    ids.removeIf(Objects::isNull);
    Map<UUID, EndEvidence> evidence = dashboard.reports().evidence(ids);
    return sessions.stream().map(s -> GRADING.grade(s, end(evidence, s.checkInEventId()),
        end(evidence, s.checkOutEventId()))).toList();
  }

  private static EndEvidence end(Map<UUID, EndEvidence> evidence, UUID id) {
    return id == null ? null : evidence.get(id);
  }
}
