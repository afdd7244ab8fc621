package org.redvest.hub.exports;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.redvest.hub.catalogue.Organisation;
import org.redvest.hub.catalogue.StationInfo;
import org.redvest.hub.store.TerminalView;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Dashboard;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.hub.web.Principal;
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
    export.write(filter, shape, lang, xlsx ? new XlsxTable(out, lang.t("志愿时长", "Hours")) : new CsvTable(out));
  }

  private void page(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    LocalDate today = LocalDate.now(dashboard.clock().withZone(dashboard.zone()));
    StringBuilder body = new StringBuilder();
    body.append("<div class=\"card\"><h2>").append(lang.t("导出志愿时长", "Export hours")).append("</h2>")
        .append("<form method=\"get\" action=\"/exports/hours.csv\" id=\"export-form\">")
        .append("<p>").append(dateField(lang.t("从", "From"), "from", today.withDayOfMonth(1)))
        .append(" ").append(dateField(lang.t("到", "To"), "to", today)).append("</p><p>")
        .append(stationSelect(lang, user)).append(" ").append(organisationSelect(lang)).append("</p><p>")
        .append(radio("shape", "sessions", lang.t("逐次明细", "One row per session"), true)).append(" ")
        .append(radio("shape", "volunteers", lang.t("按志愿者汇总", "Totals per volunteer"), false))
        .append("</p><p><button id=\"download-csv\" formaction=\"/exports/hours.csv\">")
        .append(lang.t("下载 CSV", "Download CSV")).append("</button> ")
        .append("<button id=\"download-xlsx\" formaction=\"/exports/hours.xlsx\">")
        .append(lang.t("下载 Excel (XLSX)", "Download Excel (XLSX)")).append("</button></p>")
        .append("<p class=\"muted\">").append(lang.t(
            "按签到时间所在日期计入期间；站点负责人只能导出自己站点的记录。CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开。",
            "A session counts in the period its check-in falls in; station managers export only their own "
                + "stations. The CSV is UTF-8 with a byte-order mark, so Excel opens it directly."))
        .append("</p></form></div>");
    body.append("<div class=\"card\"><h2>").append(lang.t("开具志愿服务记录证明", "Issue a service-record certificate"))
        .append("</h2><form method=\"post\" action=\"/ui/certificates\" id=\"certificate-form\"><p><label>")
        .append(lang.t("志愿者编号", "Volunteer ID"))
        .append(" <input name=\"volunteerId\" id=\"volunteerId\" required placeholder=\"V-360781-000101\"></label> ")
        .append(dateField(lang.t("从", "From"), "from", today.withDayOfYear(1))).append(" ")
        .append(dateField(lang.t("到", "To"), "to", today)).append("</p>")
        .append(user.isAdmin() ? "<p>" + issuerSelect(lang) + "</p>" : "")
        .append("<p><button id=\"issue\">")
        .append(lang.t("开具并下载 PDF", "Issue and download PDF")).append("</button> <a href=\"/ui/certificates\">")
        .append(lang.t("已开具的证明", "Issued certificates")).append("</a></p><p class=\"muted\">")
        .append(lang.t("每份证明登记编号，并带有可在本平台核验的二维码。",
            "Every certificate is registered with a number and carries a QR code that verifies it on this hub."))
        .append("</p></form></div>");
    Page.render(ctx, lang, lang.t("导出与证明", "Exports and certificates"), body.toString());
  }

  private String stationSelect(Lang lang, Principal user) {
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
    StringBuilder html = new StringBuilder("<label>").append(lang.t("站点", "Station"))
        .append(" <select name=\"stationId\" id=\"stationId\"><option value=\"\">")
        .append(user.isAdmin() ? lang.t("全部站点", "All stations") : lang.t("我的全部站点", "All my stations"))
        .append("</option>");
    stations.forEach((id, label) -> html.append("<option value=\"").append(Html.esc(id)).append("\">")
        .append(Html.esc(label)).append("</option>"));
    return html.append("</select></label>").toString();
  }

  private String organisationSelect(Lang lang) {
    StringBuilder html = new StringBuilder("<label>").append(lang.t("组织", "Organisation"))
        .append(" <select name=\"organisationId\" id=\"organisationId\"><option value=\"\">")
        .append(lang.t("全部组织", "All organisations")).append("</option>");
    for (Organisation o : dashboard.catalogue().organisations()) {
      html.append("<option value=\"").append(Html.esc(o.id())).append("\">").append(Html.esc(o.name()))
          .append("</option>");
    }
    return html.append("</select></label>").toString();
  }

  private String issuerSelect(Lang lang) {
    StringBuilder html = new StringBuilder("<label>").append(lang.t("出具单位", "Issuing organisation"))
        .append(" <select name=\"organisationId\" id=\"issuerId\"><option value=\"\">")
        .append(lang.t("按服务站点自动确定", "From the stations served at")).append("</option>");
    for (Organisation o : dashboard.catalogue().organisations()) {
      html.append("<option value=\"").append(Html.esc(o.id())).append("\">").append(Html.esc(o.name()))
          .append("</option>");
    }
    return html.append("</select></label>").toString();
  }

  static String dateField(String label, String name, LocalDate value) {
    return "<label>" + Html.esc(label) + " <input type=\"date\" name=\"" + name + "\" value=\"" + value
        + "\" required></label>";
  }

  private static String radio(String name, String value, String label, boolean checked) {
    return "<label><input type=\"radio\" name=\"" + name + "\" value=\"" + value + "\""
        + (checked ? " checked" : "") + "> " + Html.esc(label) + "</label>";
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
