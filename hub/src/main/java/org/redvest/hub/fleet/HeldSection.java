package org.redvest.hub.fleet;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.redvest.hub.store.HeldEvent;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;

/**
 * The fleet page's table of events held from revoked terminals: when each was received (what
 * decides), the time it claims (which a thief can back-date), the volunteer, whether its
 * signature verifies, and release / discard buttons while it waits; decided ones show who decided
 * and when.
 */
final class HeldSection {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private HeldSection() {}

  static void append(Lang lang, StringBuilder body, List<HeldForReview> held, ZoneId zone) {
    if (held.isEmpty()) {
      return;
    }
    body.append("<h2>").append(lang.t("吊销后收到的事件（暂扣）", "Events received after revocation (held)"))
        .append("</h2><p class=\"muted\">").append(lang.t(
            "以收到时间为准，不看事件自称的时间。放行后计入工时，并标记为待审核（吊销后收到）。",
            "The time of receipt decides, never the time an event claims. A released event is counted"
                + " and graded needs-review (received after revocation)."))
        .append("</p><table id=\"held\"><thead><tr><th>").append(lang.t("终端", "Terminal"))
        .append("</th><th>#</th><th>").append(lang.t("志愿者", "Volunteer")).append("</th><th>")
        .append(lang.t("类型", "Kind")).append("</th><th>").append(lang.t("自称时间", "Claimed time"))
        .append("</th><th>").append(lang.t("收到时间", "Received")).append("</th><th>")
        .append(lang.t("签名", "Signature")).append("</th><th>").append(lang.t("状态", "State"))
        .append("</th><th></th></tr></thead><tbody>");
    for (HeldForReview h : held) {
      body.append("<tr data-held=\"").append(h.id()).append("\" data-state=\"").append(h.state())
          .append("\"><td>").append(Html.esc(h.stationId() + "/" + h.terminalId())).append("</td><td>")
          .append(h.terminalSeq()).append("</td><td>").append(Html.esc(h.volunteerId())).append("</td><td>")
          .append(Html.esc(h.kind())).append("</td><td>").append(Html.esc(h.occurredAt())).append("</td><td>")
          .append(Html.esc(TIME.format(h.receivedAt().atZone(zone)))).append("</td><td>")
          .append(h.signatureValid() ? "<span class=\"pill ok\">" + lang.t("有效", "valid") + "</span>"
              : "<span class=\"pill bad\" title=\"" + Html.esc(String.valueOf(h.signatureDetail())) + "\">"
                  + lang.t("无效", "invalid") + "</span>")
          .append("</td><td>");
      if (h.state() == HeldEvent.State.HELD) {
        body.append("<span class=\"pill warn\">").append(lang.t("暂扣", "held")).append("</span></td><td>");
        if (h.signatureValid()) {
          button(body, h.id(), "release", lang.t("放行", "Release"));
        }
        button(body, h.id(), "discard", lang.t("丢弃", "Discard"));
        body.append("</td></tr>");
      } else {
        body.append(h.state() == HeldEvent.State.RELEASED ? lang.t("已放行", "released")
            : lang.t("已丢弃", "discarded")).append(" · ").append(Html.esc(h.decidedBy())).append(" ")
            .append(Html.esc(TIME.format(h.decidedAt().atZone(zone)))).append("</td><td></td></tr>");
      }
    }
    body.append("</tbody></table>");
  }

  private static void button(StringBuilder body, long id, String action, String label) {
    body.append("<form class=\"inline\" method=\"post\" action=\"/ui/fleet/held/").append(id).append('/')
        .append(action).append("\"><button class=\"secondary ").append(action).append("\">")
        .append(Html.esc(label)).append("</button></form> ");
  }
}
