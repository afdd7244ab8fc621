package org.redvest.hub.review;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redvest.hub.catalogue.Catalogue;
import org.redvest.hub.corrections.CorrectedSession;
import org.redvest.hub.corrections.Correction;
import org.redvest.hub.corrections.CorrectionException;
import org.redvest.hub.corrections.CorrectionRequest;
import org.redvest.hub.corrections.Corrections;
import org.redvest.hub.corrections.SessionKey;
import org.redvest.hub.corrections.SessionText;
import org.redvest.hub.hours.Approval;
import org.redvest.hub.store.Anomaly;
import org.redvest.hub.store.AnomalyRows;
import org.redvest.hub.store.DayApprovals;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Dashboard;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.hub.web.Principal;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * The review queue: {@code /ui/review} and {@code GET /api/review}, with the actions accept as
 * counted ({@code POST /api/review/accept}), correct (a prefilled correction form) and reject
 * ({@code POST /api/review/void}: a VOID_SESSION correction request). Each action is audited.
 */
public final class ReviewPages {
  private final ReviewQueue queue;
  private final Corrections corrections;
  private final DayApprovals approvals;
  private final Catalogue catalogue;

  private ReviewPages(ReviewQueue queue, Corrections corrections, DayApprovals approvals, Catalogue catalogue) {
    this.queue = queue;
    this.corrections = corrections;
    this.approvals = approvals;
    this.catalogue = catalogue;
  }

  /**
   * Registers the queue; accepting a day over a daily cap grants its approval in {@code approvals}
   * (a station manager grants ORGANISATION, a day over the higher cap needs a hub admin).
   */
  public static void register(Javalin app, Dashboard dashboard, Corrections corrections, DayApprovals approvals) {
    AnomalyRows.Rules rules = AnomalyRows.Rules.of(dashboard.config().evidence(), dashboard.zone())
        .withApproved(approvals);
    ReviewQueue queue = new ReviewQueue(dashboard.database(), dashboard.reports(),
        new AnomalyRows(dashboard.database()), rules, corrections, dashboard.clock());
    new ReviewPages(queue, corrections, approvals, dashboard.catalogue()).routing(app);
  }

  private void routing(Javalin app) {
    app.get("/api/review", ctx -> ctx.json(queue.items(Access.principal(ctx))));
    app.post("/api/review/accept", ctx -> {
      Map<String, String> f = jsonFields(ctx);
      accept(Access.principal(ctx), f.get("item"), f.get("reason"));
      ctx.json(Map.of("item", f.get("item"), "decision", "ACCEPTED"));
    });
    app.post("/api/review/void", ctx -> {
      Map<String, String> f = jsonFields(ctx);
      Correction c = voidRequest(Access.principal(ctx), f.get("item"), f.get("reason"));
      ctx.status(201).json(Map.of("item", f.get("item"), "correctionId", c.id(), "state", c.state().name()));
    });
    app.get("/ui/review", this::page);
    app.post("/ui/review/accept", ctx -> {
      accept(Access.principal(ctx), ctx.formParam("item"), ctx.formParam("reason"));
      ctx.redirect("/ui/review?accepted=1", HttpStatus.SEE_OTHER);
    });
    app.post("/ui/review/void", ctx -> {
      Correction c = voidRequest(Access.principal(ctx), ctx.formParam("item"), ctx.formParam("reason"));
      ctx.redirect("/ui/corrections/" + c.id(), HttpStatus.SEE_OTHER);
    });
  }

  private void accept(Principal who, String item, String reason) {
    ReviewItem found = inQueue(who, item);
    CorrectedSession session = found.session() == null ? null : session(found);
    StationId station = found.stationId() == null ? null : StationId.of(found.stationId());
    if (found.day() == null) {
      corrections.acceptReview(who, found.key(), session, station, found.volunteerId(), reason);
      return;
    }
    // A day over a daily cap: accepting it is the approval its pending minutes wait for.
    Approval level = found.reasons().contains(Anomaly.Kind.OVER_HIGHER_CAP.name()) ? Approval.HIGHER
        : Approval.ORGANISATION;
    if (level == Approval.HIGHER && !who.isAdmin()) {
      throw new CorrectionException(403, "item", "a day over the higher daily cap needs a hub admin's approval");
    }
    VolunteerId volunteer = VolunteerId.of(found.volunteerId());
    // decided per day and level: a key accepted before approvals existed does not block it
    String decision = "day:" + volunteer.value() + ":" + found.day() + ":" + level;
    corrections.acceptReview(who, found.key(), decision, null, station, found.volunteerId(), reason,
        (c, why) -> approvals.write(c, volunteer, found.day(), level, who.username(), why));
    approvals.remember(volunteer, found.day(), level);
  }

  private Correction voidRequest(Principal who, String item, String reason) {
    ReviewItem found = inQueue(who, item);
    if (found.session() == null) {
      throw new CorrectionException(400, "item", "an anomaly cannot be voided: correct or void its sessions");
    }
    Map<String, String> fields = new HashMap<>();
    fields.put("kind", "VOID_SESSION");
    fields.put("session", found.session());
    fields.put("volunteerId", found.volunteerId());
    fields.put("reason", reason);
    return corrections.request(who, CorrectionRequest.parse(fields, corrections.zone()));
  }

  private ReviewItem inQueue(Principal who, String item) {
    if (item == null || item.isBlank()) {
      throw new CorrectionException(400, "item", "is required");
    }
    boolean overCap = item.startsWith("anomaly:" + Anomaly.Kind.OVER_DAILY_CAP + ":")
        || item.startsWith("anomaly:" + Anomaly.Kind.OVER_HIGHER_CAP + ":");
    if (!overCap && corrections.decidedReviewItems().contains(item)) {
      throw new CorrectionException(409, "item", item + " was already decided");
    }
    return queue.find(who, item).orElseThrow(() -> new CorrectionException(404, "item",
        item + " is not in your review queue"));
  }

  private CorrectedSession session(ReviewItem item) {
    SessionKey key = SessionKey.parse(item.session());
    return corrections.target(corrections.volunteerOf(key), key);
  }

  private void page(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    List<ReviewItem> items = queue.items(who);
    StringBuilder b = new StringBuilder(SessionText.STYLE);
    if (ctx.queryParam("accepted") != null) {
      b.append("<p class=\"notice\" id=\"notice\">").append(lang.t("已记录审核决定。", "Review decision recorded.")).append("</p>");
    }
    b.append("<p class=\"muted\">").append(lang.t("需要审核的时段与异常，按时间从早到晚；只显示您负责的站点。",
        "Sessions needing review and anomalies, oldest first; only your stations.")).append("</p>");
    b.append("<style>#queue td:nth-child(-n+3){white-space:nowrap}#queue form.act{margin:0 0 4px;display:flex;gap:4px}"
        + "#queue form.act input{width:11em}#queue td:last-child{width:330px}</style>");
    b.append("<table id=\"queue\"><tr><th>").append(lang.t("时间", "When")).append("</th><th>")
        .append(lang.t("志愿者", "Volunteer")).append("</th><th>").append(lang.t("站点", "Station")).append("</th><th>")
        .append(lang.t("原因", "Why")).append("</th><th>").append(lang.t("操作", "Actions")).append("</th></tr>");
    // one catalogue look-up per volunteer and station on the page, not per row
    Map<String, String> cells = new HashMap<>();
    for (ReviewItem i : items) {
      // ids in the queue come from stored events, which were validated at ingest
      String volunteer = cells.computeIfAbsent("v:" + i.volunteerId(), k -> named(i.volunteerId(),
          id -> catalogue.volunteer(VolunteerId.of(id)).map(v -> v.name())));
      String station = cells.computeIfAbsent("s:" + i.stationId(), k -> named(i.stationId(),
          id -> catalogue.station(StationId.of(id)).map(st -> st.name())));
      b.append("<tr data-item=\"").append(Html.esc(i.key())).append("\"><td>")
          .append(Html.esc(SessionText.time(i.at().atOffset(java.time.ZoneOffset.UTC), corrections.zone())))
          .append("</td><td>").append(volunteer).append("</td><td>")
          .append(station).append("</td><td>").append(why(lang, i))
          .append("</td><td>").append(actions(lang, i, who.isAdmin())).append("</td></tr>");
    }
    if (items.isEmpty()) {
      b.append("<tr><td colspan=\"5\" class=\"muted\" id=\"empty\">").append(lang.t("没有待审核的项目", "Nothing to review"))
          .append("</td></tr>");
    }
    b.append("</table>");
    Page.render(ctx, lang, lang.t("待审核", "Review queue") + " (" + items.size() + ")", b.toString());
  }

  private static String why(Lang lang, ReviewItem i) {
    StringBuilder b = new StringBuilder();
    for (String r : i.reasons()) {
      b.append("<span class=\"pill warn\">").append(Html.esc(reason(lang, r))).append("</span> ");
    }
    if (i.type() == ReviewItem.Type.SESSION) {
      b.append("<br>").append(Html.esc(SessionText.status(lang, i.status()))).append(" · ")
          .append(Html.esc(SessionText.minutes(lang, i.minutes())));
    } else {
      // The anomaly's sentence comes from the store in English; Chinese pages fold it away.
      b.append(lang == Lang.EN ? "<br><span class=\"muted\">" + Html.esc(i.detail()) + "</span>"
          : "<details><summary class=\"muted\">详情(英文)</summary><span class=\"muted\">" + Html.esc(i.detail())
              + "</span></details>");
    }
    return b.toString();
  }

  private static String actions(Lang lang, ReviewItem i, boolean admin) {
    StringBuilder b = new StringBuilder();
    if (i.day() != null) {
      if (i.reasons().contains(Anomaly.Kind.OVER_HIGHER_CAP.name()) && !admin) {
        return "<div class=\"muted\">" + lang.t("超过更高上限：需中心管理员批准", "Over the higher cap: a hub admin approves")
            + "</div>";
      }
      return "<form class=\"act\" method=\"post\" action=\"/ui/review/accept\"><input type=\"hidden\" name=\"item\" value=\""
          + Html.esc(i.key()) + "\"><input name=\"reason\" required placeholder=\"" + lang.t("批准理由", "Why to approve")
          + "\"> <button class=\"accept\">" + lang.t("批准 ", "Approve ") + Html.esc(i.day().toString())
          + "</button></form>";
    }
    if (i.pendingCorrectionId() != null) {
      b.append("<div><a href=\"/ui/corrections/").append(i.pendingCorrectionId()).append("\">")
          .append(lang.t("更正待审批", "correction pending")).append(" #").append(i.pendingCorrectionId()).append("</a></div>");
    }
    b.append("<form class=\"act\" method=\"post\" action=\"/ui/review/accept\"><input type=\"hidden\" name=\"item\" value=\"")
        .append(Html.esc(i.key())).append("\"><input name=\"reason\" required placeholder=\"")
        .append(lang.t("计入理由", "Why it counts")).append("\"> <button class=\"accept\">").append(lang.t("按原记录计入", "Accept as counted"))
        .append("</button></form>");
    if (i.session() != null && i.pendingCorrectionId() == null) {
      b.append("<form class=\"act\" method=\"post\" action=\"/ui/review/void\"><input type=\"hidden\" name=\"item\" value=\"")
          .append(Html.esc(i.key())).append("\"><input name=\"reason\" required placeholder=\"")
          .append(lang.t("作废理由", "Why to void")).append("\"> <button class=\"secondary void\">")
          .append(lang.t("驳回（作废）", "Reject (void)")).append("</button></form>")
          .append("<div><a class=\"correct\" href=\"/ui/corrections/new?session=").append(Html.esc(i.session())).append("\">")
          .append(lang.t("更正时间…", "Correct times…")).append("</a>");
    } else {
      b.append("<div>");
    }
    if (i.session() != null) {
      b.append(" · <a href=\"/ui/audit?session=").append(Html.esc(i.session())).append("\">").append(lang.t("审计记录", "Audit trail"))
          .append("</a>");
    }
    return b.append("</div>").toString();
  }

  /** The catalogue's name for {@code id} above the id, or the id alone ("–" for none). */
  private static String named(String id, java.util.function.Function<String, java.util.Optional<String>> name) {
    if (id == null) {
      return "–";
    }
    String found = name.apply(id).filter(n -> !n.isBlank()).orElse(null);
    return found == null ? Html.esc(id) : Html.esc(found) + "<br><span class=\"muted\">" + Html.esc(id) + "</span>";
  }

  private static String reason(Lang lang, String r) {
    return switch (r) {
      case "INCOMPLETE" -> lang.t("不完整", "incomplete");
      case "FLAGGED" -> lang.t("有标记", "flagged");
      case "NO_EVIDENCE" -> lang.t("无事件证据", "no evidence");
      case "PLAIN_BADGE" -> lang.t("普通胸卡", "plain badge");
      case "LOW_FACE_SCORE" -> lang.t("人脸分数低", "low face score");
      case "NO_LIVENESS" -> lang.t("无活体检测", "no liveness");
      case "CLOCK_OFFSET" -> lang.t("终端时钟偏差", "clock offset");
      case "BACK_DATED" -> lang.t("补传过晚", "back-dated");
      case "CHAIN_BROKEN" -> lang.t("哈希链断裂", "chain broken");
      case "REVOKED_TERMINAL" -> lang.t("吊销后收到（管理员放行）", "received after revocation (released)");
      case "CREDENTIAL_AT_TWO_TERMINALS" -> lang.t("同一凭证两台终端", "credential at two terminals");
      case "TWO_STATIONS_AT_ONCE" -> lang.t("同时在两个站点", "two stations at once");
      case "OVER_DAILY_CAP" -> lang.t("超过每日上限", "over daily cap");
      case "OVER_HIGHER_CAP" -> lang.t("超过更高上限", "over higher cap");
      default -> r;
    };
  }

  private static Map<String, String> jsonFields(Context ctx) {
    Map<String, String> fields = new HashMap<>();
    if (ctx.body().isBlank()) {
      return fields;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ctx.body());
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CorrectionException(400, "body", "is not valid JSON");
    }
    return fields;
  }
}
