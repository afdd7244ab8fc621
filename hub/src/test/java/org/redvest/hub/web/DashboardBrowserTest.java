package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.PahoTerminal;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Topics;
import org.redvest.testsupport.Browser;

/** The dashboard in a real browser against a real hub, check-ins arriving over real MQTT. */
class DashboardBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Hub hub;
  private PahoTerminal north;
  private PahoTerminal south;
  private String base;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dir));
    base = "http://127.0.0.1:" + hub.httpPort();
    north = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1");
    south = new PahoTerminal(hub, "JX-RJ-0002", "kiosk-7");
    for (PahoTerminal t : new PahoTerminal[] {north, south}) {
      t.publishRaw(Topics.defaults().status(t.station, t.terminal),
          "{\"state\":\"online\",\"at\":\"2026-11-23T08:00:00.000+08:00\"}");
      t.publishRaw(Topics.defaults().heartbeat(t.station, t.terminal),
          "{\"at\":\"2026-11-23T09:00:30.000+08:00\",\"fps\":14.8,\"queueDepth\":3,"
              + "\"oldestUnackedAgeS\":42,\"cameraState\":\"ok\"}");
    }
  }

  @AfterEach
  void stop() throws Exception {
    north.close();
    south.close();
    hub.close();
  }

  @Test
  void dashboard_signInLiveFeedUsersAndScopedStations() throws Exception {
    try (Browser browser = Browser.start(1280, 900)) {
      WebDriver driver = browser.driver();
      WebDriverWait wait = new WebDriverWait(driver, WAIT);

      driver.get(base + "/ui/live");
      assertThat(driver.getCurrentUrl()).as("sent to sign in first").contains("/login?next=");
      SignIn.submit(driver, "admin", "not-the-password");
      String error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")))
          .getText();
      assertThat(error).isEqualTo("用户名或密码不正确。");
      browser.screenshot("dashboard-login-error-zh");

      SignIn.submit(driver, "admin", adminPassword());
      wait.until(ExpectedConditions.urlToBe(base + "/ui/live"));
      wait.until(ExpectedConditions.textToBe(By.id("feed-state"), "已连接"));
      north.publish(north.event(1, "V-360781-000101", EventKind.CHECK_IN, "2026-11-23T08:01:00+08:00"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed"), "V-360781-000101"));
      assertThat(driver.findElement(By.cssSelector("#feed tbody tr")).getText())
          .contains("JX-RJ-0001", "kiosk-1", "签到", "二维码");
      browser.screenshot("dashboard-live-zh");

      driver.get(base + "/ui/stations");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stations-body"), "JX-RJ-0002"));
      assertThat(driver.findElements(By.cssSelector(".card.station"))).hasSize(2);
      browser.screenshot("dashboard-stations-admin-zh");

      driver.get(base + "/ui/users?lang=en");
      driver.findElement(By.id("new-username")).sendKeys("li");
      driver.findElement(By.id("new-displayName")).sendKeys("Li Station");
      driver.findElement(By.id("new-stations")).sendKeys("JX-RJ-0002");
      driver.findElement(By.id("new-password")).sendKeys("station-pass-1");
      driver.findElement(By.id("create-user")).click();
      assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users-notice")))
          .getText()).isEqualTo("Created user li");
      browser.screenshot("dashboard-users-en");

      driver.findElement(By.id("logout")).click();
      wait.until(ExpectedConditions.urlContains("/login"));
      driver.get(base + "/ui/stations");
      assertThat(driver.getCurrentUrl()).as("signed out").contains("/login?next=%2Fui%2Fstations");

      SignIn.submit(driver, "li", "station-pass-1");
      wait.until(ExpectedConditions.urlToBe(base + "/ui/stations"));
      String stations = driver.findElement(By.id("stations-body")).getText();
      assertThat(stations).contains("JX-RJ-0002", "kiosk-7", "online").doesNotContain("JX-RJ-0001");
      assertThat(driver.findElements(By.linkText("Users"))).as("no admin navigation").isEmpty();
      browser.screenshot("dashboard-stations-manager-en");

      driver.get(base + "/ui/live");
      wait.until(ExpectedConditions.textToBe(By.id("feed-state"), "connected"));
      north.publish(north.event(2, "V-360781-000102", EventKind.CHECK_IN, "2026-11-23T08:02:00+08:00"));
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> hub.ingestStats().stored() == 2);
      south.publish(south.event(1, "V-360781-000103", EventKind.CHECK_OUT, "2026-11-23T08:03:00+08:00"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed"), "V-360781-000103"));
      assertThat(driver.findElement(By.id("feed")).getText()).as("another station's check-in")
          .doesNotContain("V-360781-000102").doesNotContain("V-360781-000101").contains("check-out");
      browser.screenshot("dashboard-live-manager-en");
    }
  }

  private String adminPassword() throws Exception {
    return Files.readString(dir.resolve(WebAuth.ADMIN_PASSWORD_FILE)).strip();
  }
}
