package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.redvest.hub.domain.Role;
import org.redvest.hub.web.SignIn;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.StationId;
import org.redvest.testsupport.Browser;

/**
 * The review queue and a correction's approval in a real browser against a real hub, in Chinese
 * and English, with screenshots in target/screenshots. The two managers are real dashboard
 * accounts and sign in through the login page.
 */
class HubReviewBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final String PASSWORD = "manager-pass-1";

  @TempDir Path dataDir;
  private Hub hub;
  private PahoTerminal kiosk;
  private String base;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dataDir));
    hub.users().create("mgr-a", "王经理", Role.STATION_MANAGER, Set.of(STATION), PASSWORD);
    hub.users().create("mgr-a2", "Li Manager", Role.STATION_MANAGER, Set.of(STATION), PASSWORD);
    kiosk = new PahoTerminal(hub, STATION.value(), "kiosk-1");
    base = "http://127.0.0.1:" + hub.httpPort();
  }

  @AfterEach
  void stop() throws Exception {
    kiosk.close();
    hub.close();
  }

  @Test
  void reviewQueue_acceptCorrectApprove_itemsLeaveQueueAndTrailShowsDecisions() throws Exception {
    OffsetDateTime day = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(2).withHour(8).withMinute(59)
        .truncatedTo(ChronoUnit.MINUTES);
    // recorded offline and delivered two days later; the orphan check-out also back-dated (an anomaly)
    AttendanceEvent forgotten = offline(kiosk.event(1, "V-360781-000101", EventKind.CHECK_IN, day.toString()));
    kiosk.publish(forgotten);
    kiosk.publish(offline(kiosk.event(2, "V-360781-000102", EventKind.CHECK_IN, day.plusMinutes(30).toString())));
    kiosk.publish(offline(kiosk.event(3, "V-360781-000102", EventKind.CHECK_OUT, day.plusHours(2).toString())));
    kiosk.publish(kiosk.event(4, "V-360781-000103", EventKind.CHECK_OUT, day.plusHours(5).toString()));
    await().atMost(WAIT).until(() -> hub.ingestStats().stored() == 4);

    try (Browser browser = Browser.start(1280, 900)) {
      ChromeDriver driver = browser.driver();
      SignIn.as(driver, base, "mgr-a", PASSWORD);
      await().atMost(WAIT).until(() -> {
        driver.get(base + "/ui/review?lang=zh");
        return rows(driver).size() == 4; // three sessions and the back-dated anomaly
      });
      assertThat(driver.getTitle()).startsWith("待审核 (4)");
      browser.screenshot("review-queue-zh");

      WebElement closedRow = row(driver, "V-360781-000102");
      closedRow.findElement(By.name("reason")).sendKeys("纸质签到表核对无误");
      closedRow.findElement(By.className("accept")).click();
      await().atMost(WAIT).until(() -> !driver.findElements(By.id("notice")).isEmpty());
      assertThat(rows(driver)).hasSize(3);

      row(driver, "V-360781-000101").findElement(By.className("correct")).click();
      await().atMost(WAIT).until(() -> !driver.findElements(By.id("request")).isEmpty());
      assertThat(driver.findElement(By.id("kind")).getDomProperty("value")).isEqualTo("SET_END");
      driver.executeScript("document.getElementById('end').value = arguments[0]",
          day.plusHours(3).plusMinutes(5).toLocalDateTime().toString());
      driver.findElement(By.id("reason")).sendKeys("忘记签退,午饭后离开");
      browser.screenshot("correction-form-zh");
      driver.findElement(By.id("submit")).click();
      await().atMost(WAIT).until(() -> !driver.findElements(By.id("summary")).isEmpty());
      String correctionUrl = driver.getCurrentUrl();
      assertThat(driver.findElement(By.id("decide")).getText()).contains("四眼原则");

      SignIn.as(driver, base, "mgr-a2", PASSWORD);
      driver.get(correctionUrl + "?lang=en");
      assertThat(driver.findElement(By.id("summary")).getText()).contains("requested").contains("3 h 05 min");
      browser.screenshot("correction-approve-en");
      driver.findElement(By.id("approve-reason")).sendKeys("called the volunteer");
      driver.findElement(By.id("approve")).click();
      await().atMost(WAIT).until(() -> driver.findElement(By.id("summary")).getText().contains("approved"));
      assertThat(driver.findElement(By.id("audit")).getText()).contains("correction requested")
          .contains("correction approved").contains("mgr-a2");
      browser.screenshot("correction-approved-en");

      driver.get(base + "/ui/review");
      assertThat(rows(driver)).hasSize(2).allMatch(r -> r.getText().contains("V-360781-000103"));
      browser.screenshot("review-queue-en");

      driver.get(base + "/ui/audit?session=in:" + forgotten.eventId());
      assertThat(driver.findElement(By.id("audit")).getText()).contains("correction approved");
      browser.screenshot("audit-trail-en");
      driver.get(base + "/ui/corrections?lang=zh");
      assertThat(driver.findElement(By.id("corrections")).getText()).contains("已批准");
      browser.screenshot("corrections-list-zh");
    }
  }

  @Test
  void addSession_volunteerWithoutPhoneEnteredByManager_approvedAndCountedInHours() throws Exception {
    OffsetDateTime day = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1).withHour(9).withMinute(0)
        .truncatedTo(ChronoUnit.MINUTES);
    kiosk.publish(offline(kiosk.event(1, "V-360781-000104", EventKind.CHECK_IN, day.toString())));
    kiosk.publish(offline(kiosk.event(2, "V-360781-000104", EventKind.CHECK_OUT, day.plusHours(1).toString())));
    await().atMost(WAIT).until(() -> hub.ingestStats().stored() == 2);

    try (Browser browser = Browser.start(1280, 900, "en-US")) {
      ChromeDriver driver = browser.driver();
      SignIn.as(driver, base, "mgr-a", PASSWORD);
      driver.get(base + "/ui/corrections?lang=en");
      driver.findElement(By.name("volunteerId")).sendKeys("V-360781-000104");
      driver.findElement(By.cssSelector("#lookup button")).click();
      await().atMost(WAIT).until(() -> !driver.findElements(By.id("sessions")).isEmpty());
      assertThat(driver.findElement(By.id("sessions")).getText()).contains("1 h 00 min").contains("Correct");
      driver.findElement(By.name("stationId")).sendKeys(STATION.value());
      driver.executeScript("document.getElementById('start').value = arguments[0];"
          + "document.getElementById('end').value = arguments[1]",
          day.plusHours(4).toLocalDateTime().toString(), day.plusHours(2).toLocalDateTime().toString());
      driver.findElement(By.id("reason")).sendKeys("end typed before start");
      driver.findElement(By.id("submit")).click();
      await().atMost(WAIT).until(() -> !driver.findElements(By.id("error")).isEmpty());
      assertThat(driver.findElement(By.id("error")).getText()).contains("Please check the form")
          .contains("end: must be after start");
      browser.screenshot("correction-error-en");
      driver.navigate().back();
      driver.findElement(By.id("reason")).clear();
      driver.executeScript("document.getElementById('start').value = arguments[0];"
          + "document.getElementById('end').value = arguments[1]",
          day.plusHours(2).toLocalDateTime().toString(), day.plusHours(4).plusMinutes(30).toLocalDateTime().toString());
      driver.findElement(By.id("reason")).sendKeys("No phone; signed the paper sheet at the desk");
      driver.findElement(By.name("requesterKind")).click();
      browser.screenshot("correction-add-session-en");
      driver.findElement(By.id("submit")).click();
      await().atMost(WAIT).until(() -> !driver.findElements(By.id("summary")).isEmpty());
      assertThat(driver.findElement(By.id("summary")).getText()).contains("Add session")
          .contains("the volunteer (entered for them)").contains("2 h 30 min");

      String correctionUrl = driver.getCurrentUrl();
      SignIn.as(driver, base, "mgr-a2", PASSWORD);
      driver.get(correctionUrl);
      driver.findElement(By.id("approve")).click();
      await().atMost(WAIT).until(() -> driver.findElement(By.id("summary")).getText().contains("approved"));
    }
    HubHttp http = HubHttp.api(hub);
    var hours = http.json("/api/volunteers/V-360781-000104/hours");
    assertThat(hours.path("totalMinutes").asLong()).isEqualTo(60 + 150);
    assertThat(hours.path("sessions").get(1).path("corrected").asBoolean()).isTrue();
    assertThat(hours.path("sessions").get(1).path("grade").asText()).isEqualTo("ATTESTED");
  }

  private static AttendanceEvent offline(AttendanceEvent e) {
    return e.withEvidence(Evidence.NONE.withRecordedOffline(true));
  }

  private static List<WebElement> rows(ChromeDriver driver) {
    return driver.findElements(By.cssSelector("#queue tr[data-item]"));
  }

  private static WebElement row(ChromeDriver driver, String volunteer) {
    return rows(driver).stream().filter(r -> r.getText().contains(volunteer)).findFirst().orElseThrow();
  }
}
