package org.redvest.hub.certificates;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.redvest.hub.exports.Hours;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Dashboard;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.hub.web.Principal;
import org.redvest.protocol.VolunteerId;

/**
 * Routes of the certificate feature (docs/api.md, "Certificates"): issuing from the exports page,
 * the register with revoke for admins, and the public {@code /verify/{number}}.
 */
public final class CertificateRoutes {
  static final int LIST_LIMIT = 200;

  private final Dashboard dashboard;
  private final Certificates certificates;

  private CertificateRoutes(Dashboard dashboard, Certificates certificates) {
    this.dashboard = dashboard;
    this.certificates = certificates;
  }

  public static void register(Javalin app, Dashboard dashboard, CertificateSettings settings) {
    CertificateRoutes routes = new CertificateRoutes(dashboard, new Certificates(dashboard, settings));
    app.post("/ui/certificates", routes::issue);
    app.get("/ui/certificates", routes::list);
    app.post("/ui/certificates/{number}/revoke", routes::revoke);
    app.get("/verify/{number}", ctx -> VerifyPage.render(ctx, ctx.pathParam("number"),
        routes.certificates.find(ctx.pathParam("number")), dashboard.zone()));
  }

  private void issue(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    Certificates.Issued issued;
    try {
      Certificates.Request request = new Certificates.Request(volunteer(ctx.formParam("volunteerId")),
          date(ctx, "from"), date(ctx, "to"), blankToNull(ctx.formParam("organisationId")));
      issued = certificates.issue(request, user, ctx.scheme() + "://" + ctx.host());
    } catch (CertificateException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      Page.render(ctx, lang, lang.t("无法开具证明", "Certificate not issued"),
          "<p class=\"error\" id=\"error\">" + Html.esc(e.getMessage()) + "</p><p><a href=\"/ui/exports\">"
              + lang.t("返回", "Back") + "</a></p>");
      return;
    }
    String number = issued.entry().number().toString();
    ctx.header("Content-Disposition", "attachment; filename=\"" + number + ".pdf\"");
    ctx.header("X-Certificate-Number", number);
    ctx.header("X-Certificate-Sha256", issued.entry().sha256());
    ctx.contentType("application/pdf").result(issued.pdf());
  }

  private void list(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    List<CertificateEntry> entries = certificates.list(user, LIST_LIMIT);
    StringBuilder body = new StringBuilder("<p><a href=\"/ui/exports\">")
        .append(lang.t("开具新证明", "Issue a certificate")).append("</a></p>");
    if (entries.isEmpty()) {
      body.append("<p class=\"muted\">").append(lang.t("尚未开具证明。", "No certificates issued yet.")).append("</p>");
    } else {
      body.append("<table id=\"certificates\"><tr><th>").append(lang.t("编号", "Number")).append("</th><th>")
          .append(lang.t("志愿者", "Volunteer")).append("</th><th>").append(lang.t("期间", "Period"))
          .append("</th><th>").append(lang.t("小时", "Hours")).append("</th><th>")
          .append(lang.t("出具单位", "Issuer")).append("</th><th>").append(lang.t("开具人", "Issued by"))
          .append("</th><th>").append(lang.t("开具日期", "Issued on")).append("</th><th>")
          .append(lang.t("状态", "Status")).append("</th></tr>");
      for (CertificateEntry e : entries) {
        body.append(row(lang, user, e));
      }
      body.append("</table><style>.nw{white-space:nowrap}#certificates input{width:9em}</style>");
    }
    Page.render(ctx, lang, lang.t("已开具的证明", "Issued certificates"), body.toString());
  }

  private String row(Lang lang, Principal user, CertificateEntry e) {
    String n = e.number().toString();
    StringBuilder html = new StringBuilder("<tr data-number=\"").append(n).append("\"><td class=\"nw\"><a href=\"/verify/")
        .append(n).append("\">").append(n).append("</a></td><td>").append(Html.esc(e.volunteerName()))
        .append(" <span class=\"muted nw\">").append(Html.esc(e.volunteerId().value()))
        .append("</span></td><td><span class=\"nw\">").append(e.from()).append("</span> – <span class=\"nw\">")
        .append(e.to()).append("</span></td><td>").append(Hours.text(e.minutes()))
        .append("</td><td>").append(Html.esc(e.organisation())).append("</td><td>").append(Html.esc(e.issuedBy()))
        .append("</td><td class=\"nw\">").append(LocalDate.ofInstant(e.issuedAt(), dashboard.zone()))
        .append("</td><td>");
    if (e.revoked()) {
      html.append("<span class=\"pill bad\">").append(lang.t("已撤销", "revoked")).append("</span> ")
          .append(Html.esc(e.revokedReason()));
    } else {
      html.append("<span class=\"pill ok\">").append(lang.t("有效", "valid")).append("</span>");
      if (user.isAdmin()) {
        html.append(" <form class=\"inline\" method=\"post\" action=\"/ui/certificates/").append(n)
            .append("/revoke\"><input name=\"reason\" required placeholder=\"")
            .append(lang.t("撤销原因", "reason")).append("\"> <button class=\"secondary\">")
            .append(lang.t("撤销", "Revoke")).append("</button></form>");
      }
    }
    return html.append("</td></tr>").toString();
  }

  private void revoke(Context ctx) {
    Principal admin = Access.requireAdmin(ctx);
    CertificateNumber number;
    try {
      number = CertificateNumber.parse(ctx.pathParam("number"));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    String reason = ctx.formParam("reason");
    if (reason == null || reason.isBlank()) {
      throw new BadRequestResponse("reason: say why the certificate is revoked");
    }
    if (!certificates.revoke(number, admin, reason.trim())) {
      throw new NotFoundResponse("no standing certificate " + number);
    }
    ctx.redirect("/ui/certificates", HttpStatus.SEE_OTHER);
  }

  private static VolunteerId volunteer(String text) {
    if (text == null || text.isBlank()) {
      throw new CertificateException("volunteerId: enter the volunteer's ID");
    }
    try {
      return VolunteerId.of(text.trim());
    } catch (RuntimeException e) {
      throw new CertificateException("volunteerId: " + e.getMessage());
    }
  }

  private static LocalDate date(Context ctx, String name) {
    String text = ctx.formParam(name);
    if (text == null || text.isBlank()) {
      throw new CertificateException(name + ": enter a date like 2026-11-01");
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new CertificateException(name + ": must be a date like 2026-11-01, was \"" + text + "\"");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
