package org.redvest.terminal.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.LocalHub;
import org.redvest.terminal.Terminal;
import org.redvest.terminal.TerminalConfig;
import org.redvest.terminal.attendance.SessionRules;
import org.redvest.terminal.attendance.Sightings;
import org.redvest.terminal.credential.BadgePolicy;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;
import org.redvest.terminal.kiosk.ConsoleScreen;
import org.redvest.terminal.mqtt.FleetState;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.testsupport.Browser;

/**
 * The kiosk screen on real parts: a real hub (embedded broker, SQLite), a terminal replaying a
 * generated badge video through JavaCV and ZXing, its web screen on a free loopback port, and
 * headless Chromium looking at it. Screenshots land in target/screenshots/kiosk-*.png.
 */
class KioskScreenEndToEndTest {
  static final OffsetDateTime REPLAY_START = OffsetDateTime.parse("2026-11-23T08:00:00+08:00");
  static final StationId STATION = StationId.of("JX-RJ-0001");
  static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  static final VolunteerId ZHANG = VolunteerId.of("V-360781-000101");
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);
  Terminal terminal;
  Path data;
  Path video;

  @BeforeEach
  void start() throws Exception {
    data = dir.resolve("kiosk");
    video = dir.resolve("zhang.mp4");
    DemoVideo.write(new DemoScript(List.of(DemoScript.Appearance.of(ZHANG.value(), "张三", 1, 2))), video);
    ManagerPin.write(data.resolve(ScreenSettings.PIN_FILE), "manager-1", "246810");
  }

  @AfterEach
  void stop() {
    if (terminal != null) {
      terminal.close();
    }
  }

  private Terminal startTerminal() {
    return startTerminal(true);
  }

  /** The kiosk with its web screen; {@code joined}: provisioned at the hub first, else not. */
  private Terminal startTerminal(boolean joined) {
    TerminalConfig config = TerminalConfig.replay(video, STATION, KIOSK, local.hub().mqttUrl(), data, REPLAY_START.toInstant())
        .withResendAfter(Duration.ofSeconds(1));
    ScreenSettings settings = ScreenSettings.on(0, data, new SessionRules(LocalTime.of(18, 0), Duration.ofHours(12)))
        .withAnswerWithin(Duration.ofSeconds(90));
    terminal = Terminal.start(joined ? org.redvest.terminal.FleetJoin.joined(local.hub(), config) : config,
        new ConsoleScreen(System.out), null, BadgePolicy.defaults(), settings);
    return terminal;
  }

  private String url(String path) {
    return "http://127.0.0.1:" + terminal.webScreen().port() + path;
  }

  @Test
  void volunteerView_replayedBadge_showsCheckInWithPreviewThenARefusal() {
    startTerminal();
    try (Browser browser = Browser.start(1280, 800)) {
      WebDriver driver = browser.driver();
      driver.get(url("/"));
      waitForText(driver, "title", "请出示志愿者二维码");
      assertThat(driver.findElement(By.id("clock")).getText()).as("station time, not the browser's zone")
          .isEqualTo(REPLAY_START.toLocalTime().toString().substring(0, 5));
      browser.screenshot("kiosk-volunteer-idle-zh");

      terminal.runFrames();

      waitForText(driver, "title", "签到成功");
      assertThat(driver.findElement(By.id("name")).getText()).isEqualTo("张三");
      assertThat(driver.findElement(By.id("time")).getText()).isEqualTo("08:01");
      assertThat(driver.findElement(By.id("detail")).getText()).isEqualTo("今日时长 0 分钟");
      waitForPreview(driver);
      browser.screenshot("kiosk-volunteer-checkin-zh");

      terminal.kiosk().onScannerLine("https://example.com/not-a-badge");
      waitForText(driver, "title", "无法签到");
      assertThat(driver.findElement(By.id("detail")).getText()).isEqualTo("这不是志愿者二维码");
      browser.screenshot("kiosk-volunteer-refused-zh");

      driver.get(url("/?lang=en"));
      waitForText(driver, "title", "Not recorded");
      assertThat(driver.findElement(By.id("detail")).getText()).isEqualTo("not a RedVest badge");
      waitForPreview(driver);
      browser.screenshot("kiosk-volunteer-refused-en");
    }
    try (Browser portrait = Browser.start(800, 1280)) {
      portrait.driver().get(url("/"));
      waitForPreview(portrait.driver());
      portrait.screenshot("kiosk-volunteer-portrait-zh");
    }
  }

  @Test
  void managerView_afterPin_showsOnSiteAndQueue_andAttestedCheckInReachesHubAsManual() throws Exception {
    startTerminal();
    terminal.runFrames();
    try (Browser browser = Browser.start(1280, 800)) {
      WebDriver driver = browser.driver();
      driver.get(url("/manage"));
      ManagerSignIn.submit(driver, "manager-1", "000000");
      waitForText(driver, "pin-error", "还可尝试 4 次");
      browser.screenshot("kiosk-manager-pin-zh");
      ManagerSignIn.withKeypad(driver, "manager-1", "246810");

      waitForText(driver, "on-site", "张三");
      assertThat(driver.findElement(By.id("tile-on-site")).getText()).contains("1");
      assertThat(driver.findElement(By.id("tile-queue")).getText()).contains("待上传事件");
      assertThat(driver.findElement(By.id("tile-hub")).getText()).contains("已连接");
      browser.screenshot("kiosk-manager-zh");

      driver.findElement(By.id("attest-volunteer")).sendKeys("V-360781-000102");
      driver.findElement(By.id("attest-reason")).sendKeys("忘带胸卡，站长核实身份");
      driver.findElement(By.id("attest-submit")).click();
      waitForText(driver, "notice", "已记录站长代录签到");
      assertThat(driver.findElement(By.id("on-site")).getText()).contains("站长代录");

      await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents()).anySatisfy(e -> {
        assertThat(e.get("volunteerId").asText()).isEqualTo("V-360781-000102");
        assertThat(e.get("method").asText()).isEqualTo("MANUAL");
        assertThat(e.get("kind").asText()).isEqualTo("CHECK_IN");
        assertThat(e.get("operatorId").asText()).isEqualTo("manager-1");
        assertThat(e.get("reason").asText()).isEqualTo("忘带胸卡，站长核实身份");
      }));
      driver.get(url("/manage?lang=en"));
      waitForText(driver, "tile-queue", "Waiting for the hub");
      assertThat(driver.findElement(By.id("tile-queue")).getText()).contains(Long.toString(terminal.outbox().depth()));
      browser.screenshot("kiosk-manager-en");
    }
  }

  @Test
  void forgottenCheckOut_volunteerConfirmsLastSighting_hubGetsCorrectionCheckOutThenCheckIn() throws Exception {
    OffsetDateTime yesterdayIn = OffsetDateTime.parse("2026-11-22T08:59:00+08:00");
    try (Outbox outbox = Outbox.open(data, STATION, KIOSK, Clock.systemUTC());
        Sightings sightings = Sightings.open(data, yesterdayIn.toInstant())) {
      outbox.append(Draft.of(ZHANG, EventKind.CHECK_IN, CheckInMethod.QR, yesterdayIn));
      sightings.record(ZHANG, yesterdayIn, CheckInMethod.QR);
      sightings.record(ZHANG, OffsetDateTime.parse("2026-11-22T17:02:30+08:00"), CheckInMethod.FACE);
    }
    startTerminal();
    try (Browser browser = Browser.start(1280, 800)) {
      WebDriver driver = browser.driver();
      driver.get(url("/"));
      waitForText(driver, "title", "请出示志愿者二维码");

      terminal.runFrames();

      waitForText(driver, "detail", "你上次签到 11月22日 08:59 未签退，建议签退时间 17:02（最后一次出现）");
      assertThat(driver.findElement(By.id("confirm")).getText()).isEqualTo("确认");
      browser.screenshot("kiosk-forgotten-zh");
      driver.findElement(By.id("confirm")).click();
      waitForText(driver, "title", "签到成功");
      assertThat(driver.findElement(By.id("detail")).getText()).contains("上次签退已记为 11月22日 17:02");
      browser.screenshot("kiosk-forgotten-confirmed-zh");
    }

    await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents()).hasSize(3));
    List<JsonNode> events = hubEvents();
    JsonNode out = events.get(1);
    assertThat(out.get("kind").asText()).isEqualTo("CHECK_OUT");
    assertThat(out.get("method").asText()).isEqualTo("QR");
    assertThat(OffsetDateTime.parse(out.get("occurredAt").asText()))
        .isEqualTo(OffsetDateTime.parse("2026-11-22T17:02:30+08:00"));
    assertThat(out.get("correction").asText()).isEqualTo("LAST_SIGHTING");
    JsonNode in = events.get(2);
    assertThat(in.get("kind").asText()).isEqualTo("CHECK_IN");
    assertThat(OffsetDateTime.parse(in.get("occurredAt").asText())).isEqualTo(REPLAY_START.plusMinutes(1));
    assertThat(in.has("correction")).isFalse();
  }

  @Test
  void managerView_openSessionFromYesterday_closedAtProposedLastSighting_hubGetsManualCorrection() throws Exception {
    OffsetDateTime yesterdayIn = OffsetDateTime.parse("2026-11-22T08:59:00+08:00");
    try (Outbox outbox = Outbox.open(data, STATION, KIOSK, Clock.systemUTC());
        Sightings sightings = Sightings.open(data, yesterdayIn.toInstant())) {
      outbox.append(Draft.of(ZHANG, EventKind.CHECK_IN, CheckInMethod.QR, yesterdayIn));
      sightings.record(ZHANG, OffsetDateTime.parse("2026-11-22T17:02:30+08:00"), CheckInMethod.QR);
      sightings.name(ZHANG, "张三");
    }
    startTerminal();
    try (Browser browser = Browser.start(1280, 800)) {
      WebDriver driver = browser.driver();
      driver.get(url("/manage"));
      ManagerSignIn.submit(driver, "manager-1", "246810");
      waitForText(driver, "open", "17:02 · 最后一次出现");
      driver.findElement(By.cssSelector("#open input[name=reason]")).sendKeys("志愿者离站时忘记签退");
      browser.screenshot("kiosk-manager-open-sessions-zh");
      driver.findElement(By.cssSelector("#open button")).click();
      waitForText(driver, "notice", "已签退（站长确认的更正）");
      assertThat(driver.findElement(By.id("open")).getText()).contains("没有未签退的记录");
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents()).hasSize(2));
    JsonNode out = hubEvents().get(1);
    assertThat(out.get("kind").asText()).isEqualTo("CHECK_OUT");
    assertThat(out.get("method").asText()).isEqualTo("MANUAL");
    assertThat(out.get("operatorId").asText()).isEqualTo("manager-1");
    assertThat(out.get("reason").asText()).isEqualTo("志愿者离站时忘记签退");
    assertThat(out.get("correction").asText()).isEqualTo("LAST_SIGHTING");
    assertThat(OffsetDateTime.parse(out.get("occurredAt").asText()))
        .isEqualTo(OffsetDateTime.parse("2026-11-22T17:02:30+08:00"));
  }

  @Test
  void forgottenCheckOut_volunteerCorrectsTheTime_recordedAsEntered() throws Exception {
    OffsetDateTime yesterdayIn = OffsetDateTime.parse("2026-11-22T08:59:00+08:00");
    try (Outbox outbox = Outbox.open(data, STATION, KIOSK, Clock.systemUTC())) {
      outbox.append(Draft.of(ZHANG, EventKind.CHECK_IN, CheckInMethod.QR, yesterdayIn));
    }
    startTerminal();
    try (Browser browser = Browser.start(1280, 800, "en-US")) {
      WebDriver driver = browser.driver();
      driver.get(url("/?lang=en"));
      terminal.runFrames();
      waitForText(driver, "detail", "Suggested check-out: 18:00 (station closing)");
      driver.findElement(By.id("change")).click();
      ((JavascriptExecutor) driver).executeScript("document.getElementById('end').value = '2026-11-22T16:30'");
      browser.screenshot("kiosk-forgotten-change-en");
      driver.findElement(By.id("confirm")).click();
      waitForText(driver, "title", "Checked in");
      browser.screenshot("kiosk-forgotten-confirmed-en");
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents()).hasSize(3));
    JsonNode out = hubEvents().get(1);
    assertThat(OffsetDateTime.parse(out.get("occurredAt").asText()))
        .isEqualTo(OffsetDateTime.parse("2026-11-22T16:30:00+08:00"));
    assertThat(out.get("correction").asText()).isEqualTo("ENTERED");
  }

  /**
   * Issue 12: a kiosk revoked at the hub (a stolen kiosk) is dropped by the broker and its login
   * refused from then on; the manager view says so, and the check-in it records stays in its outbox.
   */
  @Test
  void managerView_kioskRevokedAtTheHub_showsLoginRefusedAndKeepsTheCheckIn() throws Exception {
    startTerminal();
    await().atMost(WAIT).until(terminal::isConnected);
    java.net.http.HttpResponse<String> revoked = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + local.hub().httpPort()
            + "/api/fleet/terminals/" + STATION + "/" + KIOSK + "/revoke"))
            .header("Authorization", "Bearer " + local.hub().apiToken())
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    terminal.kiosk().onScannerLine("RV1:V-360781-000102:李四");

    await().atMost(WAIT).until(() -> terminal.fleetState().kind() == FleetState.Kind.LOGIN_REFUSED);
    assertThat(terminal.fleetState().detail()).contains("refused the login JX-RJ-0001/kiosk-1");
    assertThat(terminal.outbox().depth()).isEqualTo(1);
    try (Browser browser = Browser.start(1280, 1000)) {
      WebDriver driver = browser.driver();
      driver.get(url("/manage?lang=en"));
      ManagerSignIn.submit(driver, "manager-1", "246810");
      waitForText(driver, "tile-fleet", "login refused");
      assertThat(driver.findElement(By.id("tile-fleet")).getText()).contains("was revoked");
      assertThat(driver.findElement(By.id("tile-queue")).getText()).contains("1");
      browser.screenshot("kiosk-manager-login-refused-en");
      driver.get(url("/manage?lang=zh"));
      waitForText(driver, "tile-fleet", "登录被拒");
      browser.screenshot("kiosk-manager-login-refused-zh");
    }
    assertThat(hubEvents()).isEmpty();
  }

  /**
   * Issue 12: a kiosk installed without a claim joins from its manager screen: the manager arms
   * the camera for a join code (and can stop it), or types the hub's claim code with its address
   * and TLS pin; the screen shows the hub's answer.
   */
  @Test
  void managerView_notJoined_armsTheCameraForAJoinCode_thenJoinsWithATypedClaimCode() {
    startTerminal(false);
    String code = local.hub().fleet().createClaim(new org.redvest.protocol.fleet.TerminalAccount(STATION, KIOSK), "admin",
        Duration.ofHours(1)).code();
    try (Browser browser = Browser.start(1280, 1100)) {
      WebDriver driver = browser.driver();
      driver.get(url("/manage"));
      ManagerSignIn.submit(driver, "manager-1", "246810");
      waitForText(driver, "tile-fleet", "未入网");
      assertThat(driver.findElement(By.id("join-status")).getText()).contains("尚未入网");
      browser.screenshot("kiosk-manager-not-joined-zh");

      driver.findElement(By.id("join-scan")).click();
      waitForText(driver, "join-status", "入网二维码对准摄像头");
      assertThat(terminal.joinDesk().status().state()).isEqualTo(org.redvest.terminal.fleet.JoinDesk.State.ARMED);
      browser.screenshot("kiosk-manager-join-armed-zh");
      driver.findElement(By.id("join-cancel")).click();
      waitForText(driver, "join-status", "尚未入网");

      driver.get(url("/manage?lang=en"));
      driver.findElement(By.id("join-hub")).clear();
      driver.findElement(By.id("join-hub")).sendKeys("https://127.0.0.1:" + local.hub().httpsPort());
      driver.findElement(By.id("join-code")).sendKeys(code);
      driver.findElement(By.id("join-pin")).sendKeys(local.hub().tls().orElseThrow().pin().toString());
      browser.screenshot("kiosk-manager-join-typed-en");
      driver.findElement(By.id("join-submit")).click();
      waitForText(driver, "join-status", "Joined as JX-RJ-0001/kiosk-1");
      browser.screenshot("kiosk-manager-joined-en");
    }
    assertThat(terminal.restartNeeded()).as("started again with the new login").isTrue();
    assertThat(local.hub().fleet().terminals()).singleElement()
        .satisfies(t -> assertThat(t.account().username()).isEqualTo("JX-RJ-0001/kiosk-1"));
  }

  private static void waitForText(WebDriver driver, String id, String text) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
  }

  private static void waitForPreview(WebDriver driver) {
    new WebDriverWait(driver, WAIT).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return document.getElementById('preview').naturalWidth > 0;"));
    Object width = ((JavascriptExecutor) driver).executeScript("return document.getElementById('preview').naturalWidth;");
    assertThat(((Number) width).intValue()).isEqualTo(DemoVideo.WIDTH);
  }

  private List<JsonNode> hubEvents() throws Exception {
    Path db = dir.resolve("hub").resolve("hub.db");
    ObjectMapper json = new ObjectMapper();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        PreparedStatement st = c.prepareStatement(
            "SELECT payload FROM events WHERE station = ? AND terminal = ? ORDER BY terminal_seq")) {
      st.setString(1, STATION.value());
      st.setString(2, KIOSK.value());
      List<JsonNode> events = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          events.add(json.readTree(rs.getBytes(1)));
        }
      }
      return events;
    }
  }

}
