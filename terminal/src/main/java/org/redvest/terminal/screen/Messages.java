package org.redvest.terminal.screen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventKind;

/**
 * The results pushed to the volunteer view, as JSON carrying both languages; the page shows the
 * one it is set to. {@code tone} is ok, warn or error (green, amber, red).
 */
final class Messages {
  private Messages() {}

  static String recorded(AttendanceEvent event, String name, long minutesToday) {
    boolean in = event.kind() == EventKind.CHECK_IN;
    ObjectNode m = base("recorded", "ok", in ? "签到成功" : "签退成功", in ? "Checked in" : "Checked out");
    m.put("name", name).put("time", WebScreen.HH_MM.format(event.occurredAt()));
    m.put("detail_zh", "今日时长 " + Today.hours(Lang.ZH, minutesToday));
    m.put("detail_en", "Today: " + Today.hours(Lang.EN, minutesToday));
    m.put("beep", true);
    return m.toString();
  }

  static String already(EventKind lastKind, String name, OffsetDateTime lastAt) {
    boolean in = lastKind == EventKind.CHECK_IN;
    ObjectNode m = base("already", "warn", in ? "已签到" : "已签退", in ? "Already checked in" : "Already checked out");
    m.put("name", name).put("time", WebScreen.HH_MM.format(lastAt));
    m.put("detail_zh", "请勿重复扫码").put("detail_en", "No need to scan again");
    return m.toString();
  }

  /** A message whose detail is one of the kiosk's bilingual "中文 (English)" texts. */
  static String of(String type, String tone, String titleZh, String titleEn, String bilingual) {
    ObjectNode m = base(type, tone, titleZh, titleEn);
    m.put("detail_zh", Lang.ZH.pick(bilingual)).put("detail_en", Lang.EN.pick(bilingual));
    return m.toString();
  }

  static ObjectNode base(String type, String tone, String titleZh, String titleEn) {
    return WebScreen.JSON.createObjectNode().put("type", type).put("tone", tone)
        .put("title_zh", titleZh).put("title_en", titleEn);
  }
}
