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
    ObjectNode m = base("recorded", "ok", in ? "result.checkedIn" : "result.checkedOut");
    m.put("name", name).put("time", WebScreen.HH_MM.format(event.occurredAt()));
    detail(m, lang -> lang.get("result.todayTotal", Today.hours(lang, minutesToday)));
    m.put("beep", true);
    return m.toString();
  }

  static String already(EventKind lastKind, String name, OffsetDateTime lastAt) {
    boolean in = lastKind == EventKind.CHECK_IN;
    ObjectNode m = base("already", "warn", in ? "result.alreadyIn" : "result.alreadyOut");
    m.put("name", name).put("time", WebScreen.HH_MM.format(lastAt));
    detail(m, lang -> lang.get("result.noNeed"));
    return m.toString();
  }

  /** A message whose detail is one of the kiosk's bilingual "中文 (English)" texts. */
  static String of(String type, String tone, String titleKey, String bilingual) {
    ObjectNode m = base(type, tone, titleKey);
    detail(m, lang -> lang.pick(bilingual));
    return m.toString();
  }

  /** A message of {@code type} in {@code tone}, titled with the words of {@code titleKey}. */
  static ObjectNode base(String type, String tone, String titleKey) {
    return WebScreen.JSON.createObjectNode().put("type", type).put("tone", tone)
        .put("title_zh", Lang.ZH.get(titleKey)).put("title_en", Lang.EN.get(titleKey));
  }

  /** Sets the message's detail in both languages. */
  static ObjectNode detail(ObjectNode m, java.util.function.Function<Lang, String> text) {
    return m.put("detail_zh", text.apply(Lang.ZH)).put("detail_en", text.apply(Lang.EN));
  }
}
