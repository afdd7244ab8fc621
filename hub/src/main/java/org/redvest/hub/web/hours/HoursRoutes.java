package org.redvest.hub.web.hours;

import org.redvest.hub.api.BadRequest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.ActivityInfo;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.hours.Period;
import org.redvest.hub.hours.StarRules;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * The hours pages ({@code /ui/hours...}) and their JSON ({@code /api/hours...}): overview,
 * volunteer, station, organisation and activity (docs/dashboard.md, "Hours, stars and the 25-hour
 * metric"). A station manager sees only their stations' sessions.
 */
public final class HoursRoutes {
  private static final long MAX_DAYS_BY_DAY = 366;
  private static final long MAX_DAYS_BY_WEEK = 3 * 366;
  private static final long MAX_DAYS_BY_MONTH = 10 * 366;

  private final Dashboard dashboard;
  private final HoursReports reports;

  private HoursRoutes(Dashboard dashboard, StarRules rules) {
    this.dashboard = dashboard;
    this.reports = new HoursReports(dashboard, rules);
  }

  /** Registers the routes, with the star rule pack of {@code <dataDir>/star-rules.properties}. */
  public static void register(Javalin app, Dashboard dashboard) {
    register(app, dashboard, StarRules.load(dashboard.dataDir()));
  }

  public static void register(Javalin app, Dashboard dashboard, StarRules rules) {
    HoursRoutes routes = new HoursRoutes(dashboard, rules);
    app.get("/ui/hours", ctx -> routes.page(ctx, routes.overview(ctx)));
    app.get("/ui/hours/stations/{id}", ctx -> routes.page(ctx, routes.station(ctx)));
    app.get("/ui/hours/organisations/{id}", ctx -> routes.page(ctx, routes.organisation(ctx)));
    app.get("/ui/hours/activities/{id}", ctx -> routes.page(ctx, routes.activity(ctx)));
    app.get("/ui/hours/volunteers/{id}", routes::volunteerPage);
    app.get("/api/hours", ctx -> routes.json(ctx, routes.overview(ctx)));
    app.get("/api/hours/stations/{id}", ctx -> routes.json(ctx, routes.station(ctx)));
    app.get("/api/hours/organisations/{id}", ctx -> routes.json(ctx, routes.organisation(ctx)));
    app.get("/api/hours/activities/{id}", ctx -> routes.json(ctx, routes.activity(ctx)));
    app.get("/api/hours/volunteers/{id}", ctx -> ctx.json(HoursJson.volunteer(
        routes.volunteerReport(ctx))));
    app.get("/api/hours/star-rules", ctx -> {
      Access.principal(ctx);
      ctx.json(HoursJson.rules(rules));
    });
    app.exception(BadRequest.class, (e, ctx) -> {
      ctx.status(HttpStatus.BAD_REQUEST);
      if (ctx.path().startsWith("/api/")) {
        ctx.json(Map.of("error", e.getMessage(), "parameter", e.parameter()));
      } else {
        Lang lang = Lang.of(ctx);
        Page.error(ctx, lang, lang.get("hours.title"), e.getMessage());
      }
    });
  }

  private HoursReports.Report overview(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    return reports.report(new HoursReports.Scope("overview", null,
        lang.get("hours.overview"), user.isAdmin() ? null : user.stations(), null,
        null), range(ctx));
  }

  private HoursReports.Report station(Context ctx) {
    StationId id = pathId(ctx, StationId::of);
    Access.requireStation(ctx, id);
    String name = dashboard.catalogue().station(id).map(StationInfo::name).orElse(id.value());
    return reports.report(new HoursReports.Scope("station", id.value(), name, Set.of(id), null,
        null), range(ctx));
  }

  private HoursReports.Report organisation(Context ctx) {
    Principal user = Access.principal(ctx);
    String id = ctx.pathParam("id");
    Organisation org = dashboard.catalogue().organisation(id)
        .orElseThrow(() -> new NotFoundResponse("no organisation " + id));
    Set<StationId> stations = new HashSet<>(reports.stationsUnder(id));
    if (!user.isAdmin()) {
      stations.retainAll(user.stations());
      if (stations.isEmpty()) {
        throw new ForbiddenResponse("none of your stations is under " + id);
      }
    }
    return reports.report(new HoursReports.Scope("organisation", id, org.name(), stations, null,
        id), range(ctx));
  }

  private HoursReports.Report activity(Context ctx) {
    Principal user = Access.principal(ctx);
    String id = ctx.pathParam("id");
    ActivityInfo activity = dashboard.catalogue().activity(id).orElse(null);
    Set<StationId> stations;
    if (activity != null && activity.stationId() != null) {
      Access.requireStation(ctx, activity.stationId());
      stations = Set.of(activity.stationId());
    } else {
      stations = user.isAdmin() ? null : user.stations();
    }
    return reports.report(new HoursReports.Scope("activity", id,
        activity == null ? id : activity.name(), stations, id, null), range(ctx));
  }

  private VolunteerReport volunteerReport(Context ctx) {
    Principal user = Access.principal(ctx);
    VolunteerReport report = VolunteerReport.of(dashboard, reports, pathId(ctx, VolunteerId::of),
        user);
    if (!user.isAdmin() && report.listedOf() == 0) {
      throw new ForbiddenResponse("this volunteer has no sessions at your stations");
    }
    return report;
  }

  private void volunteerPage(Context ctx) {
    VolunteerReport report = volunteerReport(ctx);
    Lang lang = Lang.of(ctx);
    Map<String, String> names = new HashMap<>();
    for (StationInfo s : dashboard.catalogue().stations()) {
      names.put(s.id().value(), s.name());
    }
    Map<String, String> activities = new HashMap<>();
    for (String id : new HashSet<>(report.activities().values())) {
      dashboard.catalogue().activity(id).ifPresent(a -> activities.put(id, a.name()));
    }
    Page.render(ctx, lang, lang.get("hours.volunteerTitle"), "web/hours/volunteer.jte",
        "page", HoursPages.volunteer(report, names, activities, reports.rules().name(), lang));
  }

  private void page(Context ctx, HoursReports.Report report) {
    Lang lang = Lang.of(ctx);
    String title = report.scope().name() + (report.scope().id() == null
        || report.scope().name().equals(report.scope().id()) ? "" : " (" + report.scope().id() + ")");
    Page.render(ctx, lang, title, "web/hours/scope.jte", "page", HoursPages.scope(report, lang, ctx.path()));
  }

  private void json(Context ctx, HoursReports.Report report) {
    ctx.json(HoursJson.scope(report));
  }

  /** period, from, to and year from the query, with defaults and bounds. */
  private HoursReports.Range range(Context ctx) {
    String p = ctx.queryParam("period");
    Period period;
    try {
      period = p == null || p.isEmpty() ? Period.DAY : Period.parse(p);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("period", e.getMessage());
    }
    LocalDate today = LocalDate.now(dashboard.clock().withZone(dashboard.zone()));
    LocalDate to = date(ctx, "to", today);
    LocalDate from = date(ctx, "from", switch (period) {
      case DAY -> to.minusDays(29);
      case WEEK -> Period.WEEK.start(to).minusWeeks(11);
      case MONTH -> to.withDayOfMonth(1).minusMonths(11);
    });
    if (to.isBefore(from)) {
      throw new BadRequest("to", "must not be before from (" + from + "), was " + to);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    long max = switch (period) {
      case DAY -> MAX_DAYS_BY_DAY;
      case WEEK -> MAX_DAYS_BY_WEEK;
      case MONTH -> MAX_DAYS_BY_MONTH;
    };
    if (days > max) {
      throw new BadRequest("from", "a range by " + period.name().toLowerCase(
          java.util.Locale.ROOT) + " may cover at most " + max + " days, this one covers " + days);
    }
    String y = ctx.queryParam("year");
    int year = to.getYear();
    if (y != null && !y.isEmpty()) {
      try {
        year = Integer.parseInt(y);
      } catch (NumberFormatException e) {
        year = -1;
      }
      if (year < 2000 || year > 9999) {
        throw new BadRequest("year", "must be a year from 2000 to 9999, was \"" + y + "\"");
      }
    }
    return new HoursReports.Range(period, from, to, year);
  }

  private static LocalDate date(Context ctx, String name, LocalDate fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      LocalDate d = LocalDate.parse(value);
      if (d.getYear() >= 2000 && d.getYear() <= 9999) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw new BadRequest(name, "must be a date like 2026-11-23 in the years 2000 to"
        + " 9999, was \"" + value + "\"");
  }

  private static <T> T pathId(Context ctx, java.util.function.Function<String, T> parse) {
    try {
      return parse.apply(ctx.pathParam("id"));
    } catch (ProtocolException e) {
      throw new BadRequest("id", "not a valid id: \"" + ctx.pathParam("id") + "\"");
    }
  }
}
