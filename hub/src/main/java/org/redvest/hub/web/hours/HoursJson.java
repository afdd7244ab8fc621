package org.redvest.hub.web.hours;

import java.util.List;
import java.util.Map;
import org.redvest.hub.hours.ActiveVolunteers;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.HoursTotals;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.StarRating;
import org.redvest.hub.hours.StarRules;

/** JSON shapes of the hours API (docs/api.md, "Hours"): plain values, dates as text. */
final class HoursJson {
  private HoursJson() {}

  record Bucket(String start, String label, long minutes) {}

  record Entry(String id, String name, long minutes, Share yearShare) {}

  record Share(int year, long thresholdMinutes, long active, long reached, double fraction) {}

  record Scope(String kind, String id, String name, String period, String from, String to,
      long minutes, long sessions, int volunteers, List<Bucket> buckets, Share yearShare,
      List<Entry> stations, List<Entry> organisations, List<Entry> activities,
      List<Entry> volunteersTop, long sessionsRead, boolean truncated) {}

  record Star(int stars, String label, int maxStars, Long nextAtMinutes, double progress) {}

  record SessionRow(String stationId, String checkInAt, String checkOutAt, long minutes,
      String status, List<String> flags, String activityId, String grade,
      List<String> reviewReasons) {}

  record Volunteer(String volunteerId, String name, String organisationId, String idNumberMasked,
      long cumulativeMinutes, Star star, List<Bucket> months, int sessionCount,
      List<SessionRow> sessions) {}

  record Rules(String name, List<StarRules.Star> stars, long yearThresholdMinutes) {}

  static Scope scope(HoursReports.Report r) {
    HoursTotals t = r.totals();
    HoursReports.Names n = r.names();
    return new Scope(r.scope().kind(), r.scope().id(), r.scope().name(), t.period().name(),
        t.from().toString(), t.to().toString(), t.minutes(), t.sessions(), t.volunteers(),
        buckets(t.buckets()), share(r.yearShare()),
        entries(HoursReports.top(t.stations()), n.stations(), r.stationShares()),
        entries(HoursReports.top(t.organisations()), n.organisations(), r.organisationShares()),
        entries(HoursReports.top(t.activities()), n.activities(), Map.of()),
        entries(HoursReports.top(t.volunteersRanked()), n.volunteers(), Map.of()),
        r.sessionsRead(), r.truncated());
  }

  static Volunteer volunteer(VolunteerReport v) {
    StarRating s = v.star();
    return new Volunteer(v.id().value(), v.info().map(i -> i.name()).orElse(null),
        v.info().map(i -> i.organisationId()).orElse(null),
        v.info().map(i -> i.idNumberMasked()).orElse(null), v.cumulativeMinutes(),
        new Star(s.stars(), s.label(), s.maxStars(), s.nextAtMinutes(), s.progress()),
        buckets(v.months().buckets()), v.listedOf(),
        v.sessions().stream().map(g -> session(g, v)).toList());
  }

  static Rules rules(StarRules rules) {
    return new Rules(rules.name(), rules.stars(), rules.yearThresholdMinutes());
  }

  private static SessionRow session(GradedSession g, VolunteerReport v) {
    Session s = g.session();
    return new SessionRow(s.stationId().value(), text(s.checkInAt()), text(s.checkOutAt()),
        s.minutes(), s.status().name(), s.flags().stream().map(Enum::name).toList(),
        s.checkInEventId() == null ? null : v.activities().get(s.checkInEventId()),
        g.grade().name(), g.reasons().stream().map(Enum::name).toList());
  }

  private static List<Bucket> buckets(List<HoursTotals.Bucket> buckets) {
    return buckets.stream().map(b -> new Bucket(b.start().toString(), b.label(), b.minutes()))
        .toList();
  }

  private static List<Entry> entries(List<HoursTotals.Ranked> rows, Map<String, String> names,
      Map<String, ActiveVolunteers.Share> shares) {
    return rows.stream().map(r -> new Entry(r.id(), names.get(r.id()), r.minutes(),
        shares.containsKey(r.id()) ? share(shares.get(r.id())) : null)).toList();
  }

  private static Share share(ActiveVolunteers.Share s) {
    return new Share(s.year(), s.thresholdMinutes(), s.active(), s.reached(), s.fraction());
  }

  private static String text(java.time.OffsetDateTime value) {
    return value == null ? null : org.redvest.protocol.WireCodec.formatTime(value);
  }
}
