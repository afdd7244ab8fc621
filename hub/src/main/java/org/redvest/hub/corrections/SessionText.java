package org.redvest.hub.corrections;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;

/** How sessions, corrections and audit lines read on the pages, in both languages (escaped HTML). */
public final class SessionText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  /** Keeps times, ids and pills on one line in the tables of these pages. */
  public static final String STYLE = "<style>.nw,.pill{white-space:nowrap}"
      + "#audit td:nth-child(-n+2),#corrections td:nth-child(-n+3){white-space:nowrap}</style>";

  private SessionText() {}

  /** A time in the hub's zone, e.g. 2026-11-23 17:30; "–" when absent. */
  public static String time(OffsetDateTime t, ZoneId zone) {
    return t == null ? "–" : t.atZoneSameInstant(zone).format(TIME);
  }

  /** A time as a {@code datetime-local} input value in the hub's zone. */
  static String input(OffsetDateTime t, ZoneId zone) {
    return t == null ? "" : t.atZoneSameInstant(zone).format(INPUT);
  }

  public static String minutes(Lang lang, long minutes) {
    return minutes / 60 + lang.t(" 小时 ", " h ") + String.format("%02d", minutes % 60) + lang.t(" 分", " min");
  }

  public static String status(Lang lang, String status) {
    return switch (status) {
      case "CLOSED" -> lang.t("已签退", "closed");
      case "OPEN" -> lang.t("进行中", "open");
      case "AUTO_CLOSED" -> lang.t("未签退（自动关闭）", "no check-out (auto-closed)");
      case "SUPERSEDED" -> lang.t("被另一站签到取代", "superseded by another station");
      case "OVER_MAXIMUM" -> lang.t("超过最长时长", "over the maximum");
      case "ORPHAN_CHECK_OUT" -> lang.t("无签到的签退", "check-out without check-in");
      case "VOIDED" -> lang.t("已作废", "voided");
      default -> status;
    };
  }

  public static String kind(Lang lang, Correction.Kind kind) {
    return switch (kind) {
      case SET_END -> lang.t("更正签退时间", "Set end");
      case SET_START -> lang.t("更正签到时间", "Set start");
      case SET_TIMES -> lang.t("更正起止时间", "Set times");
      case ADD_SESSION -> lang.t("补录时段", "Add session");
      case VOID_SESSION -> lang.t("作废时段", "Void session");
    };
  }

  public static String stateText(Lang lang, Correction.State state) {
    return switch (state) {
      case REQUESTED -> lang.t("待审批", "requested");
      case APPROVED -> lang.t("已批准", "approved");
      case REJECTED -> lang.t("已驳回", "rejected");
      case WITHDRAWN -> lang.t("已撤回", "withdrawn");
    };
  }

  public static String state(Lang lang, Correction.State state) {
    String text = stateText(lang, state);
    String tone = switch (state) {
      case REQUESTED -> "warn";
      case APPROVED -> "ok";
      case REJECTED -> "bad";
      case WITHDRAWN -> "";
    };
    return "<span class=\"pill " + tone + "\">" + text + "</span>";
  }

  public static String action(Lang lang, String action) {
    return switch (action) {
      case "CORRECTION_REQUESTED" -> lang.t("申请更正", "correction requested");
      case "CORRECTION_APPROVED" -> lang.t("批准更正", "correction approved");
      case "CORRECTION_REJECTED" -> lang.t("驳回更正", "correction rejected");
      case "CORRECTION_WITHDRAWN" -> lang.t("撤回更正", "correction withdrawn");
      case "REVIEW_ACCEPTED" -> lang.t("审核：按原记录计入", "review: accepted as counted");
      case "KIOSK_CORRECTION" -> lang.t("在签到机上补签退", "corrected at the kiosk");
      default -> action;
    };
  }

  public static String requester(Lang lang, Correction.RequesterKind kind) {
    return switch (kind) {
      case VOLUNTEER -> lang.t("志愿者本人（代为录入）", "the volunteer (entered for them)");
      case MANAGER -> lang.t("站点负责人", "station manager");
      case ADMIN -> lang.t("平台管理员", "hub admin");
    };
  }

  /** A session snapshot as a small block: times, minutes, status. */
  public static String snapshot(Lang lang, Snapshot s, ZoneId zone) {
    if (s == null) {
      return "<span class=\"muted\">–</span>";
    }
    return "<span class=\"nw\">" + Html.esc(time(s.start(), zone)) + " →</span> <span class=\"nw\">"
        + Html.esc(time(s.end(), zone)) + "</span><br><span class=\"nw\">" + Html.esc(minutes(lang, s.minutes()))
        + "</span> · " + Html.esc(status(lang, s.status())) + " · <span class=\"nw\">" + Html.esc(s.stationId())
        + "</span>";
  }
}
