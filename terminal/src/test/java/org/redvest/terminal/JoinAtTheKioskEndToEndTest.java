package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.attendance.SessionRules;
import org.redvest.terminal.credential.BadgePolicy;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;
import org.redvest.terminal.fleet.JoinDesk;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.mqtt.FleetState;
import org.redvest.terminal.screen.ManagerPin;
import org.redvest.terminal.screen.ManagerSignIn;
import org.redvest.terminal.screen.ScreenSettings;
import org.redvest.testsupport.Browser;

/**
 * Issue 12: joining the fleet at the kiosk itself, on real parts: a real hub issues the claim and
 * its join code, ZXing draws it, the kiosk's own QR path reads it from camera frames, and the
 * manager arms the camera through the kiosk's screen over HTTP. A join code is read only while a
 * manager armed the camera, only for this kiosk, only whole, and never once the kiosk has joined.
 */
class JoinAtTheKioskEndToEndTest {
  static final OffsetDateTime REPLAY_START = OffsetDateTime.parse("2026-12-07T08:00:00+08:00");
  static final StationId STATION = StationId.of("JX-RJ-0001");
  static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);
  Terminal terminal;
  Path data;
  Path video;
  RecordingScreen screen = new RecordingScreen();
  CountDownLatch restarted = new CountDownLatch(1);
  long frames;

  @BeforeEach
  void start() throws Exception {
    data = dir.resolve("kiosk");
    video = dir.resolve("empty.mp4");
    DemoVideo.write(new DemoScript(List.of(DemoScript.Appearance.of("V-360781-000101", "张三", 1, 1))), video);
    ManagerPin.write(data.resolve(ScreenSettings.PIN_FILE), "manager-1", "246810");
  }

  @AfterEach
  void stop() {
    if (terminal != null) {
      terminal.close();
    }
  }

  @Test
  void joinCodeShownToTheCamera_refusedUntilAManagerArms_thenJoins_andTheKioskStartedAgainReports()
      throws Exception {
    startUnjoined();
    String joinCode = claim(KIOSK).path("joinCode").asText();
    assertThat(terminal.fleetState().kind()).isEqualTo(FleetState.Kind.NOT_JOINED);

    show(joinCode);

    assertThat(refusals()).anySatisfy(r -> assertThat(r).contains("站长").contains("arm joining"));
    assertThat(Files.exists(data.resolve("fleet").resolve("bundle.json"))).as("nothing kept").isFalse();
    HttpClient stranger = HttpClient.newHttpClient();
    assertThat(post(stranger, "/manage/join/scan", Map.of()).statusCode()).as("arming needs a manager").isEqualTo(401);
    assertThat(terminal.joinDesk().status().state()).isEqualTo(JoinDesk.State.NOT_JOINED);

    // The manager arms the camera and confirms the hub the code names, in a real browser.
    try (Browser browser = Browser.start(1280, 1000)) {
      WebDriver driver = browser.driver();
      driver.get(terminal.webScreen().url() + "manage");
      ManagerSignIn.submit(driver, "manager-1", "246810");
      driver.findElement(By.id("join-scan")).click();
      new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("join-cancel")));
      assertThat(terminal.joinDesk().status().state()).isEqualTo(JoinDesk.State.ARMED);
      assertThat(terminal.joinDesk().status().by()).isEqualTo("manager-1");
      show(joinCode);

      // The page notices by itself that a code was read, and shows its hub before anything is sent.
      new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("join-confirm")));
      assertThat(driver.findElement(By.id("join-check-hub")).getText()).isEqualTo("https://127.0.0.1:" + local.hub().httpsPort());
      assertThat(driver.findElement(By.id("join-check-pin")).getText()).isEqualTo(local.hub().tls().orElseThrow().pin().toString());
      assertThat(screen.guidance).anySatisfy(g -> assertThat(g).contains("已读取入网码"));
      assertThat(local.hub().fleet().terminals()).as("nothing claimed before the manager confirms").isEmpty();
      assertThat(post(stranger, "/manage/join/confirm", Map.of()).statusCode()).as("confirming needs a manager")
          .isEqualTo(401);
      browser.screenshot("kiosk-manager-join-confirm-zh");
      driver.findElement(By.id("join-confirm")).click();

      assertThat(restarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("asked to start again").isTrue();
      browser.screenshot("kiosk-manager-join-confirmed-zh");
    }
    TerminalIdentity identity = TerminalIdentity.open(data);
    assertThat(local.hub().fleet().terminals()).anySatisfy(t -> {
      assertThat(t.account()).isEqualTo(new TerminalAccount(STATION, KIOSK));
      assertThat(t.fingerprint()).isEqualTo(identity.fingerprint());
    });
    assertThat(identity.bundle()).as("the used join code is not kept").isEmpty();

    // Started again, as Main does: the kiosk logs in with its new login and its check-in counts.
    terminal.close();
    terminal = Terminal.start(config(), screen, null, BadgePolicy.defaults(), screenSettings());
    await().atMost(WAIT).until(terminal::isConnected);
    terminal.kiosk().onScannerLine("RV1:V-360781-000102:李四");
    await().atMost(WAIT).until(() -> terminal.outbox().depth() == 0);
    assertThat(terminal.joinDesk().status().state()).isEqualTo(JoinDesk.State.JOINED);
    show(joinCode);
    assertThat(refusals()).anySatisfy(r -> assertThat(r).contains("本机已入网"));
  }

  @Test
  void armed_joinCodeForAnotherKioskOrAltered_refusedWithTheReason_stillArmed_signingOutDisarms() throws Exception {
    startUnjoined();
    terminal.joinDesk().arm("manager-1");

    show(claim(TerminalId.of("kiosk-2")).path("joinCode").asText());
    String ours = claim(KIOSK).path("joinCode").asText();
    show(ours.replace("\"hub\":\"https://127.0.0.1:", "\"hub\":\"https://127.0.0.2:"));

    assertThat(refusals()).anySatisfy(r -> assertThat(r).contains("this join code is for another kiosk")
        .doesNotContain("kiosk-1"));
    assertThat(refusals()).anySatisfy(r -> assertThat(r).contains("damaged or altered"));
    assertThat(terminal.joinDesk().status().state()).isEqualTo(JoinDesk.State.ARMED);
    assertThat(local.hub().fleet().terminals()).isEmpty();
    assertThat(restarted.getCount()).isEqualTo(1);

    HttpClient manager = signedIn();
    assertThat(post(manager, "/manage/logout", Map.of()).statusCode()).isEqualTo(302);
    assertThat(terminal.joinDesk().status().state()).as("an armed camera does not outlive its manager's session")
        .isEqualTo(JoinDesk.State.NOT_JOINED);
  }

  @Test
  void typedClaimCode_wrongCodeShowsTheHubsReason_theRightOneJoins() throws Exception {
    startUnjoined();
    HttpClient manager = signedIn();
    Map<String, String> form = Map.of("hub", "https://127.0.0.1:" + local.hub().httpsPort(),
        "pin", local.hub().tls().orElseThrow().pin().toString(), "code", "AAAA-BBBB-CCCC");
    assertThat(post(HttpClient.newHttpClient(), "/manage/join", form).statusCode())
        .as("a claim needs a manager").isEqualTo(401);

    assertThat(post(manager, "/manage/join", form).statusCode()).isEqualTo(302);
    await().atMost(WAIT).until(() -> terminal.joinDesk().status().state() == JoinDesk.State.REFUSED);
    assertThat(terminal.joinDesk().status().detail()).contains("refused");

    String code = claim(KIOSK).path("code").asText();
    assertThat(post(manager, "/manage/join", Map.of("hub", form.get("hub"), "pin", form.get("pin"), "code", code))
        .statusCode()).isEqualTo(302);
    assertThat(restarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(TerminalIdentity.open(data).provisioning()).isPresent();
    assertThat(post(manager, "/manage/join/scan", Map.of()).statusCode()).as("joined: nothing to arm").isEqualTo(409);
  }

  // --- helpers ---

  private List<String> refusals() {
    return screen.lines.stream().filter(l -> l.startsWith("REFUSED ")).toList();
  }

  private void startUnjoined() {
    terminal = Terminal.start(config(), screen, null, BadgePolicy.defaults(), screenSettings());
    terminal.onRestartNeeded(restarted::countDown);
  }

  private TerminalConfig config() {
    return TerminalConfig.replay(video, STATION, KIOSK, local.hub().mqttUrl(), data, REPLAY_START.toInstant())
        .withResendAfter(Duration.ofSeconds(1));
  }

  private ScreenSettings screenSettings() {
    return ScreenSettings.on(0, data, new SessionRules(LocalTime.of(18, 0), Duration.ofHours(12)));
  }

  /** A claim for {@code kiosk} from the hub's API, with its join code for the hub's HTTPS address. */
  private JsonNode claim(TerminalId kiosk) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + local.hub().httpPort() + "/api/fleet/claims"))
        .header("Authorization", "Bearer " + local.hub().apiToken())
        .POST(HttpRequest.BodyPublishers.ofString("{\"stationId\":\"" + STATION + "\",\"terminalId\":\""
            + kiosk + "\",\"hub\":\"https://127.0.0.1:" + local.hub().httpsPort() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  /** {@code text} as a QR code on a phone held up to the camera: a few frames through the kiosk. */
  private void show(String text) throws Exception {
    BufferedImage qr = MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(text,
        BarcodeFormat.QR_CODE, 400, 400, Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, 4)));
    BufferedImage frame = new BufferedImage(DemoVideo.WIDTH, DemoVideo.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame.createGraphics();
    g.setColor(new Color(0x50, 0x58, 0x60));
    g.fillRect(0, 0, frame.getWidth(), frame.getHeight());
    g.drawImage(qr, (frame.getWidth() - qr.getWidth()) / 2, (frame.getHeight() - qr.getHeight()) / 2, null);
    g.dispose();
    for (int i = 0; i < 3; i++) {
      terminal.kiosk().onFrame(CardFaceEndToEndTest.frame(frame, ++frames));
    }
  }

  private HttpClient signedIn() throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> in = post(client, "/manage/login", Map.of("manager", "manager-1", "pin", "246810"));
    assertThat(in.statusCode()).as(in.body()).isEqualTo(302);
    return client;
  }

  private HttpResponse<String> post(HttpClient client, String path, Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return client.send(HttpRequest.newBuilder(URI.create(terminal.webScreen().url() + path.substring(1)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
