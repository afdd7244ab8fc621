package org.redvest.hub.web.certificates;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Forbidden;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.certificates.CertificateException;
import org.redvest.hub.domain.certificates.CertificateNumber;
import org.redvest.hub.domain.certificates.CertificateSettings;
import org.redvest.hub.domain.certificates.Certificates;
import org.redvest.hub.domain.exports.Hours;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
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
    } catch (Forbidden e) {
      throw new ForbiddenResponse(e.getMessage());
    } catch (CertificateException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      Page.render(ctx, lang, lang.get("certificates.notIssued"), "web/certificates/notIssued.jte",
          "error", e.getMessage());
      return;
    }
    String number = issued.entry().number().toString();
    ctx.header("Content-Disposition", "attachment; filename=\"" + number + ".pdf\"");
    ctx.header("X-Certificate-Number", number);
    ctx.header("X-Certificate-Sha256", issued.entry().sha256());
    ctx.contentType("application/pdf").result(issued.pdf());
  }

  /** A certificate as the list shows it. */
  record Row(String number, String volunteerName, String volunteerId, String from, String to,
      String hours, String organisation, String issuedBy, String issuedOn, boolean revoked,
      String revokedReason) {}

  private void list(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    List<Row> rows = certificates.list(user, LIST_LIMIT).stream().map(e -> new Row(e.number().toString(),
        e.volunteerName(), e.volunteerId().value(), e.from().toString(), e.to().toString(),
        Hours.text(e.minutes()), e.organisation(), e.issuedBy(),
        LocalDate.ofInstant(e.issuedAt(), dashboard.zone()).toString(), e.revoked(), e.revokedReason()))
        .toList();
    Page.render(ctx, lang, lang.get("certificates.title"), "web/certificates/list.jte", "rows", rows,
        "admin", user.isAdmin());
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
