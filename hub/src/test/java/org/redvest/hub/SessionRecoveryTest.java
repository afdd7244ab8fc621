package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.redvest.hub.web.SignIn;
import org.redvest.hub.web.WebAuth;
import org.redvest.protocol.EventKind;
import org.redvest.testsupport.Browser;

/**
 * Sessions never stay behind their events: a hub stopped between an ingest batch's commit and the
 * session rewrite rewrites those volunteers at its next start; a hub started with other session
 * settings recomputes every volunteer; an admin can recompute everything and watch the progress.
 * Real hub, real broker, real SQLite file; the stopped-in-between state is made in the file.
 */
class SessionRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private Hub hub;

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void start_sessionsLeftBehindByAStop_rewrittenFromTheStoredEvents() throws Exception {
    hub = Hub.start(config(Duration.ofHours(12)));
    publish("2026-11-20T09:00:00+08:00", "2026-11-20T11:00:00+08:00");
    HubHttp first = HubHttp.api(hub);
    await().atMost(WAIT).until(() -> total(first) == 120);
    hub.close();
    // the state of a hub killed after committing the batch, before rewriting the sessions
    sql("DELETE FROM sessions", "INSERT INTO stale_volunteers (volunteer, marked_at)"
        + " VALUES ('V-1', '2026-11-20T03:00:01Z')");

    hub = Hub.start(config(Duration.ofHours(12)));
    HubHttp restarted = HubHttp.api(hub);
    await().atMost(WAIT).until(() -> total(restarted) == 120);
    assertThat(count("SELECT COUNT(*) FROM stale_volunteers")).isZero();
    assertThat(restarted.json("/health").path("sessionsPending").asInt()).isZero();
  }

  @Test
  void start_maximumSessionChanged_everyVolunteerRecomputed() throws Exception {
    hub = Hub.start(config(Duration.ofHours(12)));
    publish("2026-11-20T07:00:00+08:00", "2026-11-20T20:00:00+08:00"); // 13 h: over the maximum
    HubHttp http = HubHttp.api(hub);
    await().atMost(WAIT).until(() -> http.json("/api/sessions?volunteerId=V-1").size() == 1);
    assertThat(total(http)).isZero();
    hub.close();

    hub = Hub.start(config(Duration.ofHours(14)));
    HubHttp longer = HubHttp.api(hub);
    // recorded minutes (the daily cap then counts 8 h of them until the day is approved)
    await().atMost(WAIT).until(() -> longer.json("/api/sessions?volunteerId=V-1").get(0)
        .path("minutes").asLong() == 13 * 60);
    JsonNode progress = longer.json("/api/sessions/recompute");
    assertThat(progress.path("total").asInt()).isEqualTo(1);
    assertThat(progress.path("pending").asInt()).isZero();
  }

  @Test
  void recomputePage_adminStartsIt_progressReachesIdleWithEveryVolunteerCounted() throws Exception {
    hub = Hub.start(config(Duration.ofHours(12)));
    publish("2026-11-20T09:00:00+08:00", "2026-11-20T11:00:00+08:00");
    HubHttp http = HubHttp.api(hub);
    await().atMost(WAIT).until(() -> total(http) == 120);
    hub.users().create("mgr", "站长", org.redvest.hub.domain.Role.STATION_MANAGER,
        java.util.Set.of(org.redvest.protocol.StationId.of("JX-RJ-0001")), "manager-pass-1");

    String base = "http://127.0.0.1:" + hub.httpPort();
    try (Browser browser = Browser.start(1280, 900)) {
      WebDriver driver = browser.driver();
      SignIn.as(driver, base, "mgr", "manager-pass-1");
      driver.get(base + "/ui/recompute");
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("hub admins only");

      driver.manage().deleteCookieNamed(WebAuth.COOKIE);
      SignIn.as(driver, base, "admin", java.nio.file.Files.readString(
          dir.resolve("admin-password")).strip());
      driver.get(base + "/ui/import");
      driver.findElement(By.id("recompute-link")).click();
      driver.findElement(By.id("recompute")).click();
      await().atMost(WAIT).until(() -> driver.findElement(By.id("recompute-state")).getText().equals("空闲")
          && driver.findElement(By.id("total")).getText().equals("1"));
      assertThat(driver.findElement(By.id("pending")).getText()).isEqualTo("0");
      browser.screenshot("recompute-done-zh");
    }
    assertThat(total(http)).as("same hours after recomputing").isEqualTo(120);
  }

  private HubConfig config(Duration maxSession) {
    return HubConfig.local(dir).withMaxSession(maxSession);
  }

  private void publish(String in, String out) throws Exception {
    try (PahoTerminal kiosk = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1")) {
      kiosk.publish(kiosk.event(1, "V-1", EventKind.CHECK_IN, in));
      kiosk.publish(kiosk.event(2, "V-1", EventKind.CHECK_OUT, out));
      await().atMost(WAIT).until(() -> Long.valueOf(2).equals(kiosk.lastAck()));
    }
  }

  private static long total(HubHttp http) {
    return http.json("/api/volunteers/V-1/hours").path("totalMinutes").asLong();
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.executeUpdate(s);
      }
    }
  }

  private long count(String query) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
        Statement st = c.createStatement(); var rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
