package org.redvest.hub.web.hours;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redvest.hub.hours.ActiveVolunteers;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.HoursTotals;
import org.redvest.hub.hours.Period;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.StarRating;
import org.redvest.hub.web.Lang;

/**
 * What the hours pages show, worked out from the reports and laid out by the templates
 * {@code web/hours/scope.jte} (the overview, a station, organisation or activity) and
 * {@code web/hours/volunteer.jte}.
 */
final class HoursPages {
  /** A figure at the top of a page. */
  record Figure(String title, String value, String note) {}

  /** One choice of a select. */
  record Option(String value, String label, boolean selected) {}

  /** The date range form. */
  record Filters(String path, List<Option> periods, String from, String to, int year) {}

  /** The top rows of one kind (stations, organisations, …), with the 25 h share where kept. */
  record Ranked(String title, String kind, List<RankedRow> rows, boolean shares) {}

  /** One ranked row. */
  record RankedRow(String href, String name, String hours, String share) {}

  /** A scope's page. */
  record Scope(Filters filters, List<Figure> figures, String chartTitle, BarChart chart,
      List<Ranked> ranked, boolean truncated, long sessionsRead, long millis) {}

  /** One session of a volunteer. */
  record SessionRow(String in, String out, String station, String stationName, String activity,
      long minutes, String status, String gradeTone, String gradeReasons, String grade) {}

  /** A volunteer's page. */
  record Volunteer(String name, String id, String masked, int stars, int maxStars, String total,
      String label, String progress, String next, String rules, BarChart months, String count,
      List<SessionRow> sessions) {}

  private HoursPages() {}

  static Scope scope(HoursReports.Report r, Lang lang, String path) {
    HoursTotals t = r.totals();
    ActiveVolunteers.Share y = r.yearShare();
    List<Figure> figures = List.of(
        new Figure(lang.get("hours.served"), BarChart.hours(t.minutes() / 60.0),
            t.from() + " – " + (t.from().getYear() == t.to().getYear()
                ? t.to().toString().substring(5) : t.to())),
        new Figure(lang.get("hours.sessions"), Long.toString(t.sessions()), ""),
        new Figure(lang.get("hours.volunteers"), Integer.toString(t.volunteers()), ""),
        new Figure(lang.get("hours.yearShare", y.year(), hoursOf(y.thresholdMinutes())),
            y.reached() + " / " + y.active(), lang.get("hours.yearShareNote", percent(y.fraction()))));
    List<Ranked> ranked = List.of(
        ranked(lang.get("hours.top.stations"), "stations", HoursReports.top(t.stations()),
            r.names().stations(), r.stationShares()),
        ranked(lang.get("hours.top.organisations"), "organisations",
            HoursReports.top(t.organisations()), r.names().organisations(), r.organisationShares()),
        ranked(lang.get("hours.top.activities"), "activities", HoursReports.top(t.activities()),
            r.names().activities(), null),
        ranked(lang.get("hours.top.volunteers"), "volunteers",
            HoursReports.top(t.volunteersRanked()), r.names().volunteers(), null));
    HoursReports.Range range = r.range();
    Filters filters = new Filters(path, Arrays.stream(Period.values())
        .map(p -> new Option(p.name().toLowerCase(Locale.ROOT), lang.get("period." + p.name()),
            p == range.period())).toList(), range.from().toString(), range.to().toString(), range.year());
    return new Scope(filters, figures, lang.get("hours.perPeriod", lang.get("period." + t.period().name())),
        BarChart.of(t.buckets(), lang), ranked, r.truncated(), r.sessionsRead(), r.millis());
  }

  static Volunteer volunteer(VolunteerReport v, Map<String, String> stationNames,
      Map<String, String> activityNames, String rulesName, Lang lang) {
    StarRating s = v.star();
    String next = s.nextAtMinutes() == null ? lang.get("hours.topStar")
        : lang.get("hours.nextStar", BarChart.hours((s.nextAtMinutes() - v.cumulativeMinutes()) / 60.0),
            hoursOf(s.nextAtMinutes()));
    List<SessionRow> rows = v.sessions().stream().map(g -> {
      Session x = g.session();
      String station = x.stationId().value();
      return new SessionRow(time(x.checkInAt()), time(x.checkOutAt()), station,
          stationNames.getOrDefault(station, station), activityName(v, x, activityNames), x.minutes(),
          lang.get("status." + x.status().name()), gradeTone(g),
          String.join(", ", g.reasons().stream().map(Enum::name).toList()),
          lang.get("grade." + g.grade().name()));
    }).toList();
    String count = v.sessions().size() + (v.listedOf() > v.sessions().size() ? " / " + v.listedOf() : "");
    return new Volunteer(v.info().map(i -> i.name()).orElse(lang.get("hours.notInCatalogue")),
        v.id().value(), v.info().map(i -> i.idNumberMasked()).orElse(null), s.stars(), s.maxStars(),
        BarChart.hours(v.cumulativeMinutes() / 60.0), s.label(),
        String.format(Locale.ROOT, "%.1f", s.progress() * 100), next, rulesName,
        BarChart.of(v.months().buckets(), lang), count, rows);
  }

  private static String activityName(VolunteerReport v, Session s, Map<String, String> names) {
    String id = s.checkInEventId() == null ? null : v.activities().get(s.checkInEventId());
    return id == null ? "" : names.getOrDefault(id, id);
  }

  private static String gradeTone(GradedSession g) {
    return switch (g.grade()) {
      case VERIFIED -> "ok";
      case ATTESTED -> "";
      case NEEDS_REVIEW -> "warn";
    };
  }

  private static Ranked ranked(String title, String kind, List<HoursTotals.Ranked> rows,
      Map<String, String> names, Map<String, ActiveVolunteers.Share> shares) {
    return new Ranked(title, kind, rows.stream().map(r -> {
      ActiveVolunteers.Share s = shares == null ? null : shares.get(r.id());
      return new RankedRow("/ui/hours/" + kind + "/" + r.id(), names.getOrDefault(r.id(), r.id()),
          BarChart.hours(r.minutes() / 60.0),
          s == null ? "–" : s.reached() + " / " + s.active() + " (" + percent(s.fraction()) + ")");
    }).toList(), shares != null);
  }

  private static String hoursOf(long minutes) {
    return BarChart.hours(minutes / 60.0);
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  private static String time(java.time.OffsetDateTime t) {
    return t == null ? "" : t.toLocalDateTime().toString().replace('T', ' ');
  }
}
