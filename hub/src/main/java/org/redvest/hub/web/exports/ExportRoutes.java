package org.redvest.hub.web.exports;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.domain.exports.HoursFilter;
import org.redvest.hub.domain.exports.HoursRows;
import org.redvest.hub.store.TerminalView;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.protocol.StationId;

/**
 * The exports page ({@code /ui/exports}) and the downloads it links to, {@code
 * /exports/hours.csv} and {@code /exports/hours.xlsx} (docs/api.md, "Exports"). A station manager
 * gets only the sessions of their own stations.
 */
public final class ExportRoutes {
  static final String CSV_TYPE = "text/csv; charset=utf-8";
  static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final Dashboard dashboard;
  private final HoursExport export;

  private ExportRoutes(Dashboard dashboard) {
    this.dashboard = dashboard;
    this.export = new HoursExport(new HoursRows(dashboard), dashboard.zone());
  }

  public static void register(Javalin app, Dashboard dashboard) {
    ExportRoutes routes = new ExportRoutes(dashboard);
    app.get("/ui/exports", routes::page);
    app.get("/exports/hours.csv", ctx -> routes.download(ctx, false));
    app.get("/exports/hours.xlsx", ctx -> routes.download(ctx, true));
  }

  private void download(Context ctx, boolean xlsx) throws IOException {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    LocalDate today = LocalDate.now(dashboard.clock().withZone(dashboard.zone()));
    LocalDate from = date(ctx, "from", today.withDayOfMonth(1));
    LocalDate to = date(ctx, "to", today);
    if (to.isBefore(from)) {
      throw new BadRequestResponse("to: must not be before from");
    }
    StationId station = blank(ctx.queryParam("stationId")) ? null : station(ctx.queryParam("stationId"));
    if (station != null && !user.canSee(station)) {
      throw new ForbiddenResponse("not your station: " + station.value());
    }
    String organisation = blank(ctx.queryParam("organisationId")) ? null : ctx.queryParam("organisationId").trim();
    HoursExport.Shape shape;
    try {
      shape = HoursExport.Shape.parse(ctx.queryParam("shape"));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    ZoneId zone = dashboard.zone();
    HoursFilter filter = new HoursFilter(from.atStartOfDay(zone).toInstant(),
        to.plusDays(1).atStartOfDay(zone).toInstant(), null, station, organisation, user::canSee);
    String name = "hours-" + shape.name().toLowerCase(java.util.Locale.ROOT) + "-" + from + "_" + to
        + (xlsx ? ".xlsx" : ".csv");
    ctx.contentType(xlsx ? XLSX_TYPE : CSV_TYPE);
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.header("Cache-Control", "no-store");
    OutputStream out = ctx.outputStream();
    export.write(filter, shape, lang, xlsx ? new XlsxTable(out, lang.get("exports.sheet")) : new CsvTable(out));
  }

  private void page(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    LocalDate today = LocalDate.now(dashboard.clock().withZone(dashboard.zone()));
    Map<String, String> organisations = new LinkedHashMap<>();
    for (Organisation o : dashboard.catalogue().organisations()) {
      organisations.put(o.id(), o.name());
    }
    Page.render(ctx, lang, lang.get("exports.title"), "web/exports/exports.jte",
        "monthStart", today.withDayOfMonth(1).toString(), "yearStart", today.withDayOfYear(1).toString(),
        "today", today.toString(), "stations", stations(user), "organisations", organisations,
        "admin", user.isAdmin());
  }

  /** The stations {@code user} may export, by id, named as the catalogue names them. */
  private Map<String, String> stations(Principal user) {
    Map<String, String> stations = new TreeMap<>();
    for (TerminalView t : dashboard.reports().terminals()) {
      StationId id = t.terminal().stationId();
      if (user.canSee(id)) {
        stations.put(id.value(), id.value());
      }
    }
    for (StationInfo s : dashboard.catalogue().stations()) {
      if (user.canSee(s.id())) {
        stations.put(s.id().value(), s.name() + " (" + s.id().value() + ")");
      }
    }
    return stations;
  }

  static LocalDate date(Context ctx, String name, LocalDate fallback) {
    String text = ctx.queryParam(name);
    if (blank(text)) {
      text = ctx.formParam(name);
    }
    if (blank(text)) {
      return fallback;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new BadRequestResponse(name + ": must be a date like 2026-11-01, was \"" + text + "\"");
    }
  }

  private static StationId station(String text) {
    try {
      return StationId.of(text.trim());
    } catch (RuntimeException e) {
      throw new BadRequestResponse("stationId: " + e.getMessage());
    }
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
