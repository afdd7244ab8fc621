package org.redvest.terminal.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.VolunteerBadge;
import org.redvest.protocol.VolunteerId;

/** The kiosk's templates: what data they show is escaped, and every word exists in both languages. */
class PagesTest {
  private static final String ATTACK = "<script>alert('x')</script>\"'&";

  @Test
  void badge_nameTypedByTheManager_isEscaped_inTheTextAndTheImageAddress() {
    String html = ManagerPage.badge(Lang.ZH, new VolunteerBadge(VolunteerId.of("V-1"), ATTACK));

    assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(")
        .contains("/manage/badge.png?volunteer=V-1&amp;name=%3Cscript%3E");
  }

  @Test
  void pin_errorAndNotice_areEscaped() {
    String html = ManagerPage.pinForm(Lang.EN, ATTACK, ATTACK);

    assertThat(html).doesNotContain("<script>alert").contains("Station manager").contains("id=\"keypad\"");
  }

  @Test
  void volunteer_stationCameraAndRecentMessage_areEscaped_theRecentMessageKeptAsJson() {
    String recent = "{\"title_zh\":\"</script><script>alert(1)</script>\"}";

    String html = VolunteerPage.render(Lang.ZH, ATTACK, recent, ATTACK,
        OffsetDateTime.parse("2026-11-23T08:00:00+08:00"));

    assertThat(html).doesNotContain("<script>alert").doesNotContain("</script><script>")
        .contains("data-recent=\"{&#34;title_zh&#34;:&#34;&lt;/script>&lt;script>alert(1)")
        .contains("data-offset-min=\"480\"").contains("摄像头故障：&lt;script&gt;");
  }

  @Test
  void volunteer_noCameraProblem_leavesTheProblemHidden_andNoRecentMessage() {
    String html = VolunteerPage.render(Lang.EN, "S1", null, null, OffsetDateTime.parse("2026-11-23T08:00:00+08:00"));

    assertThat(html).contains("id=\"camera-problem\" class=\"problem\" hidden").doesNotContain("data-recent")
        .contains("Show your volunteer QR code");
  }

  @Test
  void everyWord_hasItsEnglish_andEveryEnglishWordItsChinese() throws IOException {
    Properties zh = load("kiosk.properties");
    Properties en = load("kiosk_en.properties");

    assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
  }

  @Test
  void words_areFilledIn_withQuotesKept_andNumbersUngrouped() {
    assertThat(Lang.EN.get("pin.wrong", 4)).isEqualTo("Wrong manager id or PIN: 4 attempts left");
    assertThat(Lang.ZH.get("duration.minutes", 1500)).isEqualTo("1500 分钟");
    assertThat(Lang.EN.get("today.title")).isEqualTo("Today's sessions");
    assertThat(Lang.EN.get("join.otherBroker", "hub.local")).contains("(hub.local); check with the hub's admin");
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = PagesTest.class.getResourceAsStream(name)) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p;
  }
}
