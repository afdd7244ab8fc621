package org.redvest.hub.web.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.redvest.hub.HubHttp;
import org.redvest.hub.domain.credentials.Credentials;
import org.redvest.hub.domain.passes.Passes;
import org.redvest.testsupport.Browser;

/**
 * The pass page in headless Chromium at phone size: its QR image changes when the window ends (a
 * 2-second step here, so the wait is short), in Chinese and English.
 */
class PassPageBrowserTest {
  @TempDir Path dir;
  private Credentials credentials;
  private Javalin app;
  private HubHttp http;

  @BeforeEach
  void start() {
    credentials = Credentials.open(dir, Clock.systemUTC());
    app = Javalin.create();
    PassRoutes.register(app, Passes.open(dir, credentials, Clock.systemUTC(), Duration.ofSeconds(2),
        Duration.ofSeconds(1)));
    app.start(0);
    http = HubHttp.on(app.port());
  }

  @AfterEach
  void stop() {
    app.stop();
    credentials.close();
  }

  @Test
  void passPage_windowEnds_qrImageChanges() throws Exception {
    String url = http.base() + create("V-360781-000123", "张三");
    try (Browser browser = Browser.start(390, 844)) {
      browser.driver().get(url);
      WebElement qr = browser.driver().findElement(By.id("qr"));
      String firstSrc = qr.getDomProperty("src");
      String firstSerial = qr.getDomAttribute("data-serial");
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("志愿者通行码");
      browser.screenshot("pass-page-zh");

      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(qr.getDomProperty("src")).isNotEqualTo(firstSrc);
        assertThat(qr.getDomAttribute("data-serial")).isNotEqualTo(firstSerial);
      });
      await().atMost(Duration.ofSeconds(5)).until(() -> (Boolean) browser.driver()
          .executeScript("var i=document.getElementById('qr');return i.complete && i.naturalWidth > 0;"));
      assertThat(browser.driver().findElement(By.id("status")).getText()).isEmpty();
    }
  }

  @Test
  void passPage_english_isTranslated() throws Exception {
    String url = http.base() + create("V-360781-000124", "李四") + "?lang=en";
    try (Browser browser = Browser.start(390, 844, "en-US")) {
      browser.driver().get(url);
      await().atMost(Duration.ofSeconds(5)).until(() -> (Boolean) browser.driver()
          .executeScript("var i=document.getElementById('qr');return i.complete && i.naturalWidth > 0;"));
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Volunteer pass");
      assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("s until the code changes");
      browser.screenshot("pass-page-en");
    }
  }

  @Test
  void passPage_revokedWhileOpen_saysSoAtTheNextWindowAndShowsNoCode() throws Exception {
    String path = create("V-360781-000125", "王五");
    String url = http.base() + path;
    try (Browser browser = Browser.start(390, 844)) {
      browser.driver().get(url);
      assertThat(browser.driver().findElements(By.id("qr"))).hasSize(1);

      http.postJson("/api/passes/" + lastId + "/revoke", "");

      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(browser.driver().findElement(By.id("status")).getText()).contains("已被撤销"));
      assertThat(browser.driver().findElements(By.id("qr"))).isEmpty();
      browser.screenshot("pass-page-revoked-zh");
    }
  }

  private long lastId;

  private String create(String volunteer, String name) {
    HubHttp.Reply r = http.postJson("/api/passes",
        "{\"volunteerId\":\"" + volunteer + "\",\"displayName\":\"" + name + "\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    var json = r.json();
    lastId = json.get("id").asLong();
    return json.get("url").asText();
  }
}
