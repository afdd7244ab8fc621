package org.redvest.hub.corrections;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redvest.hub.store.SessionQuery;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.hub.web.Principal;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * {@code /ui/corrections} (list with filters, request form, one correction with its history and
 * decision forms) and {@code /ui/audit?session=} (a session's audit trail), server-rendered.
 */
final class CorrectionPages {
  private final Corrections corrections;
  private final ZoneId zone;

  CorrectionPages(Corrections corrections) {
    this.corrections = corrections;
    this.zone = corrections.zone();
  }

  void routing(Javalin app) {
    app.get("/ui/corrections", this::list);
    app.get("/ui/corrections/new", this::form);
    app.post("/ui/corrections", this::create);
    app.get("/ui/corrections/{id}", this::one);
    app.post("/ui/corrections/{id}/{action}", this::decide);
    app.get("/ui/audit", this::trail);
  }

  private void list(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    Correction.State state = CorrectionRoutes.state(ctx.queryParam("state"));
    StationId station = CorrectionRoutes.param(ctx, "stationId", StationId::of);
    List<Correction> list = corrections.list(who, state, station, null, null);
    StringBuilder b = new StringBuilder(SessionText.STYLE);
    b.append("<form class=\"card\" method=\"get\" action=\"/ui/corrections\" id=\"filters\">")
        .append(lang.t("状态", "State")).append(" <select name=\"state\"><option value=\"\">")
        .append(lang.t("全部", "all")).append("</option>");
    for (Correction.State s : Correction.State.values()) {
      b.append("<option value=\"").append(s).append('"').append(s == state ? " selected" : "").append('>')
          .append(Html.esc(SessionText.stateText(lang, s))).append("</option>");
    }
    b.append("</select> ").append(lang.t("站点", "Station")).append(" <input name=\"stationId\" size=\"14\" value=\"")
        .append(Html.esc(station == null ? "" : station.value())).append("\"> <button>")
        .append(lang.t("筛选", "Filter")).append("</button></form>");
    b.append("<div class=\"card\"><form method=\"get\" action=\"/ui/corrections/new\" id=\"lookup\">")
        .append(lang.t("申请更正：志愿者编号", "Request a correction: volunteer id"))
        .append(" <input name=\"volunteerId\" size=\"18\" required> <button>")
        .append(lang.t("查看其时段", "List their sessions")).append("</button> <a href=\"/ui/corrections/new?kind=ADD_SESSION\">")
        .append(lang.t("补录一个时段", "Add a missing session")).append("</a></form></div>");
    b.append("<table id=\"corrections\"><tr><th>#</th><th>").append(lang.t("类型", "Kind")).append("</th><th>")
        .append(lang.t("志愿者", "Volunteer")).append("</th><th>").append(lang.t("原记录", "Before")).append("</th><th>")
        .append(lang.t("更正后", "After")).append("</th><th>").append(lang.t("理由", "Reason")).append("</th><th>")
        .append(lang.t("申请人", "Requested by")).append("</th><th>").append(lang.t("状态", "State")).append("</th></tr>");
    for (Correction c : list) {
      b.append("<tr><td><a href=\"/ui/corrections/").append(c.id()).append("\">#").append(c.id()).append("</a></td><td>")
          .append(Html.esc(SessionText.kind(lang, c.kind()))).append("</td><td>").append(Html.esc(c.volunteerId().value()))
          .append("</td><td>").append(SessionText.snapshot(lang, c.before(), zone)).append("</td><td>")
          .append(SessionText.snapshot(lang, c.after(), zone)).append("</td><td>").append(Html.esc(c.reason()))
          .append("</td><td>").append(Html.esc(c.requestedBy())).append("<br><span class=\"muted\">")
          .append(Html.esc(SessionText.time(c.requestedAt().atOffset(java.time.ZoneOffset.UTC), zone)))
          .append("</span></td><td>").append(SessionText.state(lang, c.state())).append("</td></tr>");
    }
    if (list.isEmpty()) {
      b.append("<tr><td colspan=\"8\" class=\"muted\">").append(lang.t("没有更正申请", "No corrections")).append("</td></tr>");
    }
    b.append("</table>");
    Page.render(ctx, lang, lang.t("更正", "Corrections"), b.toString());
  }

  /** The request form; with a volunteer and no session, that volunteer's sessions to pick from. */
  private void form(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    VolunteerId volunteer = CorrectionRoutes.param(ctx, "volunteerId", VolunteerId::of);
    String sessionText = ctx.queryParam("session");
    String kindText = ctx.queryParam("kind");
    StringBuilder b = new StringBuilder(SessionText.STYLE);
    CorrectedSession target = null;
    if (sessionText != null && !sessionText.isBlank()) {
      target = CorrectionRoutes.session(ctx, who, corrections);
      volunteer = target.session().volunteerId();
    } else if (volunteer != null && !"ADD_SESSION".equals(kindText)) {
      b.append("<h2>").append(lang.t("该志愿者的时段", "Sessions of ")).append(Html.esc(volunteer.value()))
          .append("</h2>").append(sessionPicker(lang, who, volunteer)).append("<h2>")
          .append(lang.t("或补录一个缺失的时段", "Or add a missing session")).append("</h2>");
    }
    Correction.Kind kind = target == null ? Correction.Kind.ADD_SESSION : defaultKind(target, kindText);
    b.append("<form class=\"card\" method=\"post\" action=\"/ui/corrections\" id=\"request\">");
    if (target != null) {
      b.append("<input type=\"hidden\" name=\"session\" value=\"").append(Html.esc(target.key().value())).append("\">")
          .append("<p>").append(lang.t("时段", "Session")).append(": ")
          .append(SessionText.snapshot(lang, Snapshot.of(target.session()), zone)).append("</p>");
    }
    b.append("<p><label>").append(lang.t("志愿者编号", "Volunteer id")).append(" <input name=\"volunteerId\" required value=\"")
        .append(Html.esc(volunteer == null ? "" : volunteer.value())).append('"').append(target != null ? " readonly" : "")
        .append("></label></p><p><label>").append(lang.t("更正类型", "Kind")).append(" <select name=\"kind\" id=\"kind\">");
    for (Correction.Kind k : Correction.Kind.values()) {
      if ((k == Correction.Kind.ADD_SESSION) == (target == null)) {
        b.append("<option value=\"").append(k).append('"').append(k == kind ? " selected" : "").append('>')
            .append(Html.esc(SessionText.kind(lang, k))).append("</option>");
      }
    }
    b.append("</select></label></p>");
    if (target == null) {
      b.append("<p><label>").append(lang.t("站点编号", "Station id")).append(" <input name=\"stationId\" required value=\"")
          .append(Html.esc(ctx.queryParam("stationId") == null ? "" : ctx.queryParam("stationId"))).append("\"></label></p>");
    }
    b.append("<p><label>").append(lang.t("开始", "Start")).append(" <input type=\"datetime-local\" name=\"start\" id=\"start\" value=\"")
        .append(target == null ? "" : SessionText.input(target.session().checkInAt(), zone)).append("\"></label> <label>")
        .append(lang.t("结束", "End")).append(" <input type=\"datetime-local\" name=\"end\" id=\"end\" value=\"")
        .append(target == null ? "" : SessionText.input(target.session().checkOutAt(), zone)).append("\"></label> <span class=\"muted\">")
        .append(lang.t("时区", "zone")).append(' ').append(Html.esc(zone.getId())).append("</span></p><p><label>")
        .append(lang.t("理由（必填）", "Reason (required)")).append("<br><textarea name=\"reason\" id=\"reason\" rows=\"3\" cols=\"60\" required>")
        .append("</textarea></label></p><p><label><input type=\"checkbox\" name=\"requesterKind\" value=\"VOLUNTEER\"> ")
        .append(lang.t("志愿者本人提出，由我代为录入", "The volunteer asked; I enter it for them")).append("</label></p><button id=\"submit\">")
        .append(lang.t("提交更正申请", "Request correction")).append("</button> <span class=\"muted\">")
        .append(lang.t("批准须由另一位负责人或平台管理员完成", "Another manager or a hub admin approves it")).append("</span></form>");
    Page.render(ctx, lang, lang.t("申请更正", "Request a correction"), b.toString());
  }

  private String sessionPicker(Lang lang, Principal who, VolunteerId volunteer) {
    StringBuilder b = new StringBuilder("<table id=\"sessions\"><tr><th>").append(lang.t("时段", "Session"))
        .append("</th><th>").append(lang.t("操作", "Actions")).append("</th></tr>");
    List<CorrectedSession> list = corrections.sessions().corrected(new SessionQuery(volunteer, null, null, null))
        .stream().filter(s -> who.canSee(s.session().stationId())).toList();
    for (CorrectedSession s : list) {
      String q = "volunteerId=" + Html.esc(volunteer.value()) + "&amp;session=" + Html.esc(s.key().value());
      b.append("<tr><td>").append(SessionText.snapshot(lang, Snapshot.of(s.session()), zone))
          .append(s.corrected() ? " <span class=\"pill\">" + lang.t("已更正", "corrected") + "</span>" : "")
          .append("</td><td><a href=\"/ui/corrections/new?").append(q).append("\">").append(lang.t("更正", "Correct"))
          .append("</a> · <a href=\"/ui/corrections/new?").append(q).append("&amp;kind=VOID_SESSION\">")
          .append(lang.t("作废", "Void")).append("</a> · <a href=\"/ui/audit?session=").append(Html.esc(s.key().value()))
          .append("\">").append(lang.t("审计记录", "Audit trail")).append("</a></td></tr>");
    }
    if (list.isEmpty()) {
      b.append("<tr><td colspan=\"2\" class=\"muted\">").append(lang.t("您的站点没有该志愿者的时段", "No sessions at your stations"))
          .append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  private static Correction.Kind defaultKind(CorrectedSession target, String asked) {
    if (asked != null && !asked.isBlank()) {
      try {
        return Correction.Kind.valueOf(asked);
      } catch (IllegalArgumentException e) {
        throw new CorrectionException(400, "kind", "unknown kind \"" + asked + "\"");
      }
    }
    return target.session().checkInAt() == null ? Correction.Kind.SET_START : Correction.Kind.SET_END;
  }

  private void create(Context ctx) {
    Principal who = Access.principal(ctx);
    Map<String, String> fields = new HashMap<>();
    for (String name : List.of("kind", "session", "volunteerId", "stationId", "start", "end", "reason",
        "requesterKind")) {
      fields.put(name, ctx.formParam(name));
    }
    Correction c = corrections.request(who, CorrectionRequest.parse(fields, zone));
    ctx.redirect("/ui/corrections/" + c.id(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void decide(Context ctx) {
    Principal who = Access.principal(ctx);
    long id = CorrectionRoutes.id(ctx);
    String why = ctx.formParam("reason");
    switch (ctx.pathParam("action")) {
      case "approve" -> corrections.approve(who, id, why);
      case "reject" -> corrections.reject(who, id, why);
      case "withdraw" -> corrections.withdraw(who, id, why);
      default -> throw new CorrectionException(404, "action", "must be approve, reject or withdraw");
    }
    ctx.redirect("/ui/corrections/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void one(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    Correction c = corrections.get(CorrectionRoutes.id(ctx));
    if (!who.canSee(c.stationId())) {
      throw new CorrectionException(403, null, "not your station: " + c.stationId().value());
    }
    StringBuilder b = new StringBuilder(SessionText.STYLE + "<div class=\"card\" id=\"summary\"><p>")
        .append(Html.esc(SessionText.kind(lang, c.kind()))).append(" · ").append(Html.esc(c.volunteerId().value()))
        .append(" · ").append(Html.esc(c.stationId().value())).append(" · ").append(SessionText.state(lang, c.state()))
        .append("</p><p>").append(lang.t("理由", "Reason")).append(": ").append(Html.esc(c.reason())).append("</p><p>")
        .append(lang.t("申请人", "Requested by")).append(": ").append(Html.esc(c.requestedBy())).append(" (")
        .append(Html.esc(SessionText.requester(lang, c.requesterKind()))).append(")</p>")
        .append(sideBySide(lang, c.before(), c.after()));
    if (c.decidedBy() != null) {
      b.append("<p>").append(lang.t("决定", "Decided by")).append(": ").append(Html.esc(c.decidedBy())).append(", ")
          .append(Html.esc(SessionText.time(c.decidedAt().atOffset(java.time.ZoneOffset.UTC), zone)))
          .append(c.decisionReason() == null || c.decisionReason().isEmpty() ? "" : " — " + Html.esc(c.decisionReason()))
          .append("</p>");
    }
    b.append("<p><a href=\"/ui/audit?session=").append(Html.esc(c.sessionKey().value())).append("\">")
        .append(lang.t("该时段的审计记录", "Audit trail of this session")).append("</a></p></div>");
    if (c.state() == Correction.State.REQUESTED) {
      b.append(decisionForms(lang, who, c));
    }
    b.append("<h2>").append(lang.t("历史", "History")).append("</h2>")
        .append(auditTable(lang, corrections.trailOfCorrection(c.id())));
    Page.render(ctx, lang, lang.t("更正", "Correction") + " #" + c.id(), b.toString());
  }

  private String decisionForms(Lang lang, Principal who, Correction c) {
    StringBuilder b = new StringBuilder("<div class=\"card\" id=\"decide\">");
    long busiest = corrections.busiestDay(c);
    if (busiest > 0) {
      boolean over = busiest > corrections.rules().managerDayLimit().toMinutes();
      b.append("<p class=\"").append(over ? "warn" : "muted").append("\" id=\"day-total\">")
          .append(lang.t("批准后该志愿者当天最多计入 ", "After approval the volunteer's busiest day is "))
          .append(Html.esc(SessionText.minutes(lang, busiest))).append(over
              ? lang.t("，超过 " + corrections.rules().managerDayLimit().toHours() + " 小时:须由平台管理员(机构审批)批准。",
                  ", over " + corrections.rules().managerDayLimit().toHours() + " h: needs organisation approval (a hub admin).")
              : lang.t("（站点负责人可批准 " + corrections.rules().managerDayLimit().toHours() + " 小时以内)。",
                  " (station managers may approve up to " + corrections.rules().managerDayLimit().toHours() + " h).")).append("</p>");
    }
    if (!who.username().equals(c.requestedBy())) {
      b.append("<form class=\"inline\" method=\"post\" action=\"/ui/corrections/").append(c.id()).append("/approve\">")
          .append("<input name=\"reason\" size=\"30\" id=\"approve-reason\" placeholder=\"")
          .append(lang.t("批准说明（可选）", "Note (optional)")).append("\"> <button id=\"approve\">").append(lang.t("批准", "Approve"))
          .append("</button></form> &nbsp; <form class=\"inline\" method=\"post\" action=\"/ui/corrections/").append(c.id())
          .append("/reject\"><input name=\"reason\" size=\"30\" required placeholder=\"").append(lang.t("驳回理由", "Why reject"))
          .append("\"> <button class=\"secondary\" id=\"reject\">").append(lang.t("驳回", "Reject")).append("</button></form>");
    } else {
      b.append("<p class=\"muted\">").append(lang.t("您不能批准自己提交的申请（四眼原则）。",
          "You cannot approve your own request (four eyes).")).append("</p>");
    }
    if (who.username().equals(c.requestedBy()) || who.isAdmin()) {
      b.append(" &nbsp; <form class=\"inline\" method=\"post\" action=\"/ui/corrections/").append(c.id()).append("/withdraw\">")
          .append("<input name=\"reason\" size=\"24\" required placeholder=\"").append(lang.t("撤回理由", "Why withdraw"))
          .append("\"> <button class=\"secondary\" id=\"withdraw\">").append(lang.t("撤回", "Withdraw")).append("</button></form>");
    }
    return b.append("</div>").toString();
  }

  private void trail(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    CorrectedSession s = CorrectionRoutes.session(ctx, who, corrections);
    StringBuilder b = new StringBuilder(SessionText.STYLE + "<div class=\"card\"><p>")
        .append(Html.esc(s.session().volunteerId().value()))
        .append(" · ").append(Html.esc(s.key().value()));
    if (s.corrected()) {
      b.append(" · <span class=\"pill warn\">").append(lang.t("已更正", "corrected")).append("</span> <a href=\"/ui/corrections/")
          .append(s.correctionId()).append("\">#").append(s.correctionId()).append("</a>");
    }
    b.append("</p>").append(sideBySide(lang, s.original() == null ? null : Snapshot.of(s.original()),
        Snapshot.of(s.session()), lang.t("原始记录（事件）", "Original (from events)"), lang.t("当前（含更正）", "Now (corrections applied)")))
        .append("<p><a href=\"/ui/corrections/new?session=").append(Html.esc(s.key().value())).append("\">")
        .append(lang.t("申请更正此时段", "Request a correction of this session")).append("</a></p></div><h2>")
        .append(lang.t("审计记录", "Audit trail")).append("</h2>").append(auditTable(lang, corrections.trail(s)));
    Page.render(ctx, lang, lang.t("时段审计记录", "Session audit trail"), b.toString());
  }

  private String sideBySide(Lang lang, Snapshot before, Snapshot after) {
    return sideBySide(lang, before, after, lang.t("原记录", "Before"), lang.t("更正后", "After"));
  }

  private String sideBySide(Lang lang, Snapshot before, Snapshot after, String left, String right) {
    return "<table class=\"sides\"><tr><th>" + Html.esc(left) + "</th><th>" + Html.esc(right) + "</th></tr><tr><td>"
        + SessionText.snapshot(lang, before, zone) + "</td><td>" + SessionText.snapshot(lang, after, zone) + "</td></tr></table>";
  }

  private String auditTable(Lang lang, List<AuditEntry> entries) {
    StringBuilder b = new StringBuilder("<table id=\"audit\"><tr><th>").append(lang.t("时间", "When")).append("</th><th>")
        .append(lang.t("操作人", "Who")).append("</th><th>").append(lang.t("操作", "Action")).append("</th><th>")
        .append(lang.t("理由", "Why")).append("</th><th>").append(lang.t("之前", "Before")).append("</th><th>")
        .append(lang.t("之后", "After")).append("</th></tr>");
    for (AuditEntry e : entries) {
      b.append("<tr><td>").append(Html.esc(SessionText.time(e.at().atOffset(java.time.ZoneOffset.UTC), zone)))
          .append("</td><td>").append(Html.esc(e.actor())).append("</td><td>").append(Html.esc(SessionText.action(lang, e.action())))
          .append(e.correctionId() == null ? "" : " <a href=\"/ui/corrections/" + e.correctionId() + "\">#" + e.correctionId() + "</a>")
          .append("</td><td>").append(Html.esc(e.reason())).append("</td><td>").append(SessionText.snapshot(lang, e.before(), zone))
          .append("</td><td>").append(SessionText.snapshot(lang, e.after(), zone)).append("</td></tr>");
    }
    if (entries.isEmpty()) {
      b.append("<tr><td colspan=\"6\" class=\"muted\">").append(lang.t("暂无记录", "Nothing yet")).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }
}
