package org.redvest.hub.web.hours;

import static org.redvest.hub.web.Html.esc;

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

/** The HTML bodies of the hours pages; every value from data goes through {@code Html.esc}. */
final class HoursPages {
  static final String CSS = "<style>.chart{display:block;background:#fff}"
      + ".big{font-size:26px;font-weight:700}.bar{height:12px;background:#eef0f3;border-radius:6px;"
      + "overflow:hidden}.bar>span{display:block;height:100%;background:#b71c1c}"
      + ".stars{color:#d97706;font-size:24px;letter-spacing:2px}.grid2{display:grid;"
      + "grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:14px}"
      + "form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end}"
      + "form.filters label{display:flex;flex-direction:column;font-size:13px;color:#6b7280}"
      + "td.num,th.num{text-align:right}.note{font-size:13px}</style>";

  private HoursPages() {}

  static String scope(HoursReports.Report r, Lang lang, String path) {
    StringBuilder b = new StringBuilder(CSS);
    b.append(filters(r.range(), lang, path));
    HoursTotals t = r.totals();
    ActiveVolunteers.Share y = r.yearShare();
    b.append("<div class=\"cards\">")
        .append(card(lang.t("服务时长（小时）", "Hours served"), BarChart.hours(t.minutes() / 60.0),
            t.from() + " – " + (t.from().getYear() == t.to().getYear()
                ? t.to().toString().substring(5) : t.to())))
        .append(card(lang.t("服务人次", "Sessions"), Long.toString(t.sessions()), ""))
        .append(card(lang.t("志愿者人数", "Volunteers"), Integer.toString(t.volunteers()), ""))
        .append(card(lang.t(y.year() + " 年服务满 " + hoursOf(y.thresholdMinutes()) + " 小时",
                "≥ " + hoursOf(y.thresholdMinutes()) + " h in " + y.year()),
            y.reached() + " / " + y.active(),
            lang.t("占当年服务志愿者的 ", "") + percent(y.fraction())
                + lang.t("", " of volunteers who served")))
        .append("</div>");
    b.append("<div class=\"card\"><h2>").append(esc(lang.t("按", "Hours per ")))
        .append(esc(periodName(t.period(), lang))).append(esc(lang.t("统计时长", "")))
        .append("</h2>").append(BarChart.svg(t.buckets(), lang)).append("</div>");
    b.append("<div class=\"grid2\">");
    b.append(ranked(lang.t("站点", "Stations"), "stations", HoursReports.top(t.stations()),
        r.names().stations(), r.stationShares(), lang));
    b.append(ranked(lang.t("组织", "Organisations"), "organisations",
        HoursReports.top(t.organisations()), r.names().organisations(), r.organisationShares(),
        lang));
    b.append(ranked(lang.t("活动", "Activities"), "activities", HoursReports.top(t.activities()),
        r.names().activities(), null, lang));
    b.append(ranked(lang.t("志愿者", "Volunteers"), "volunteers",
        HoursReports.top(t.volunteersRanked()), r.names().volunteers(), null, lang));
    b.append("</div>");
    // how much the page read and how long it took, for operators (not shown)
    b.append("<!-- read ").append(r.sessionsRead()).append(" sessions in ").append(r.millis()).append(" ms -->");
    if (r.truncated()) {
      b.append("<p class=\"error\">").append(esc(lang.t(
          "记录过多，结果不完整：请缩小日期范围。",
          "Too many sessions: the figures are incomplete. Narrow the date range."))).append("</p>");
    }
    return b.toString();
  }

  static String volunteer(VolunteerReport v, Map<String, String> stationNames,
      Map<String, String> activityNames, String rulesName, Lang lang) {
    StringBuilder b = new StringBuilder(CSS);
    StarRating s = v.star();
    b.append("<div class=\"grid2\"><div class=\"card\">");
    b.append("<div class=\"big\">").append(esc(v.info().map(i -> i.name())
        .orElse(lang.t("（未登记）", "(not in the catalogue)")))).append("</div>");
    b.append("<div class=\"muted\">").append(esc(v.id().value()));
    v.info().map(i -> i.idNumberMasked()).ifPresent(m -> b.append(" · ").append(esc(m)));
    b.append("</div></div><div class=\"card\">");
    b.append("<div class=\"stars\" title=\"").append(s.stars()).append("/").append(s.maxStars())
        .append("\">").append("★".repeat(s.stars())).append("☆".repeat(s.maxStars() - s.stars()))
        .append("</div>");
    b.append("<div>").append(esc(lang.t("累计服务 ", "Total served: ")))
        .append(BarChart.hours(v.cumulativeMinutes() / 60.0)).append(esc(lang.t(" 小时", " h")));
    if (s.label() != null) {
      b.append(" · ").append(esc(s.label()));
    }
    b.append("</div>");
    b.append("<div class=\"bar\" id=\"star-progress\"><span style=\"width:")
        .append(String.format(Locale.ROOT, "%.1f", s.progress() * 100)).append("%\"></span></div>");
    b.append("<div class=\"muted\">").append(esc(s.nextAtMinutes() == null
        ? lang.t("已达最高星级", "Top star reached")
        : lang.t("距下一星级还需 ", "Next star in ")
            + BarChart.hours((s.nextAtMinutes() - v.cumulativeMinutes()) / 60.0)
            + lang.t(" 小时（" + hoursOf(s.nextAtMinutes()) + " 小时）",
                " h (at " + hoursOf(s.nextAtMinutes()) + " h)"))).append("</div>");
    b.append("<div class=\"muted\">").append(esc(lang.t("星级标准：", "Star rules: ")))
        .append(esc(rulesName)).append("</div></div></div>");
    b.append("<div class=\"card\"><h2>").append(esc(lang.t("近 12 个月服务时长", "Last 12 months")))
        .append("</h2>").append(BarChart.svg(v.months().buckets(), lang)).append("</div>");
    b.append("<h2>").append(esc(lang.t("服务记录", "Sessions"))).append(" (")
        .append(v.sessions().size()).append(v.listedOf() > v.sessions().size()
            ? " / " + v.listedOf() : "").append(")</h2>");
    b.append("<table><tr><th>").append(esc(lang.t("签到", "Check-in"))).append("</th><th>")
        .append(esc(lang.t("签退", "Check-out"))).append("</th><th>")
        .append(esc(lang.t("站点", "Station"))).append("</th><th>")
        .append(esc(lang.t("活动", "Activity"))).append("</th><th class=\"num\">")
        .append(esc(lang.t("分钟", "Minutes"))).append("</th><th>")
        .append(esc(lang.t("状态", "Status"))).append("</th><th>")
        .append(esc(lang.t("证据等级", "Evidence"))).append("</th></tr>");
    for (GradedSession g : v.sessions()) {
      Session x = g.session();
      String station = x.stationId().value();
      b.append("<tr><td>").append(esc(time(x.checkInAt()))).append("</td><td>")
          .append(esc(time(x.checkOutAt()))).append("</td><td><a href=\"/ui/hours/stations/")
          .append(esc(station)).append("\">").append(esc(stationNames.getOrDefault(station, station)))
          .append("</a></td><td>").append(esc(activityName(v, x, activityNames)))
          .append("</td><td class=\"num\">")
          .append(x.minutes()).append("</td><td>").append(esc(status(x.status(), lang)))
          .append("</td><td>").append(grade(g, lang)).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  private static String activityName(VolunteerReport v, Session s, Map<String, String> names) {
    String id = s.checkInEventId() == null ? null : v.activities().get(s.checkInEventId());
    return id == null ? "" : names.getOrDefault(id, id);
  }

  private static String status(org.redvest.hub.hours.SessionStatus status, Lang lang) {
    return switch (status) {
      case CLOSED -> lang.t("已签退", "closed");
      case OPEN -> lang.t("服务中", "open");
      case AUTO_CLOSED -> lang.t("未签退（自动关闭）", "auto-closed");
      case SUPERSEDED -> lang.t("被其他站点签到取代", "superseded");
      case OVER_MAXIMUM -> lang.t("超过最长时长", "over maximum");
      case ORPHAN_CHECK_OUT -> lang.t("无签到的签退", "orphan check-out");
      case VOIDED -> lang.t("已作废（更正）", "voided (correction)");
    };
  }

  private static String grade(GradedSession g, Lang lang) {
    String css = switch (g.grade()) {
      case VERIFIED -> "ok";
      case ATTESTED -> "";
      case NEEDS_REVIEW -> "warn";
    };
    String text = switch (g.grade()) {
      case VERIFIED -> lang.t("已核验", "verified");
      case ATTESTED -> lang.t("人工确认", "attested");
      case NEEDS_REVIEW -> lang.t("待审核", "needs review");
    };
    return "<span class=\"pill " + css + "\" title=\"" + esc(String.join(", ",
        g.reasons().stream().map(Enum::name).toList())) + "\">" + esc(text) + "</span>";
  }

  private static String filters(HoursReports.Range range, Lang lang, String path) {
    StringBuilder b = new StringBuilder("<form class=\"filters card\" method=\"get\" action=\"")
        .append(esc(path)).append("\"><label>").append(esc(lang.t("统计周期", "Period")))
        .append("<select name=\"period\">");
    for (Period p : Period.values()) {
      b.append("<option value=\"").append(p.name().toLowerCase(Locale.ROOT)).append('"')
          .append(p == range.period() ? " selected" : "").append('>')
          .append(esc(periodName(p, lang))).append("</option>");
    }
    b.append("</select></label>")
        .append(dateInput(lang.t("开始日期", "From"), "from", range.from().toString()))
        .append(dateInput(lang.t("结束日期", "To"), "to", range.to().toString()))
        .append("<label>").append(esc(lang.t("年度（25 小时指标）", "Year (25 h metric)")))
        .append("<input type=\"number\" name=\"year\" min=\"2000\" max=\"9999\" value=\"")
        .append(range.year()).append("\"></label><button>").append(esc(lang.t("查询", "Show")))
        .append("</button></form>");
    return b.toString();
  }

  private static String dateInput(String label, String name, String value) {
    return "<label>" + esc(label) + "<input type=\"date\" name=\"" + name + "\" value=\""
        + esc(value) + "\"></label>";
  }

  private static String ranked(String title, String kind, List<HoursTotals.Ranked> rows,
      Map<String, String> names, Map<String, ActiveVolunteers.Share> shares, Lang lang) {
    StringBuilder b = new StringBuilder("<div class=\"card\" id=\"top-" + kind + "\"><h2>")
        .append(esc(title)).append("</h2>");
    if (rows.isEmpty()) {
      return b.append("<p class=\"muted\">").append(esc(lang.t("无", "None")))
          .append("</p></div>").toString();
    }
    b.append("<table><tr><th>").append(esc(lang.t("名称", "Name"))).append("</th><th class=\"num\">")
        .append(esc(lang.t("小时", "Hours"))).append("</th>");
    if (shares != null) {
      b.append("<th class=\"num\">").append(esc(lang.t("满 25 小时", "≥ 25 h"))).append("</th>");
    }
    b.append("</tr>");
    for (HoursTotals.Ranked r : rows) {
      b.append("<tr><td><a href=\"/ui/hours/").append(kind).append('/').append(esc(r.id()))
          .append("\">").append(esc(names.getOrDefault(r.id(), r.id()))).append("</a></td>")
          .append("<td class=\"num\">").append(BarChart.hours(r.minutes() / 60.0)).append("</td>");
      if (shares != null) {
        ActiveVolunteers.Share s = shares.get(r.id());
        b.append("<td class=\"num\">").append(s == null ? "–"
            : s.reached() + " / " + s.active() + " (" + percent(s.fraction()) + ")").append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</table></div>").toString();
  }

  private static String card(String title, String value, String note) {
    return "<div class=\"card\"><div class=\"muted\">" + esc(title) + "</div><div class=\"big\">"
        + esc(value) + "</div><div class=\"muted note\">" + esc(note) + "</div></div>";
  }

  static String periodName(Period p, Lang lang) {
    return switch (p) {
      case DAY -> lang.t("日", "day");
      case WEEK -> lang.t("周", "week");
      case MONTH -> lang.t("月", "month");
    };
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
