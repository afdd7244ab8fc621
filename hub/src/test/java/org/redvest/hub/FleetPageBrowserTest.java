package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redvest.hub.web.SignIn;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.Browser;

/**
 * The fleet page in a real browser: an admin issues a claim code, a kiosk joins with it, an
 * intruder's attempts show up as refusals, and the admin revokes the kiosk.
 */
class FleetPageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Hub hub;
  private String base;

  @BeforeEach
  void start() {
    hub = Hub.start(HubConfig.local(dir));
    base = "http://127.0.0.1:" + hub.httpPort();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void fleetPage_issueCodeJoinSeeRefusalsRevoke() throws Exception {
    try (Browser browser = Browser.start(1280, 1000)) {
      WebDriver driver = browser.driver();
      WebDriverWait wait = new WebDriverWait(driver, WAIT);
      SignIn.as(driver, base, "/ui/fleet", "admin", Files.readString(dir.resolve("admin-password")).strip());
      assertThat(driver.findElement(By.id("fleet")).getText()).contains("还没有终端接入");

      driver.findElement(By.id("claim-station")).sendKeys("JX-RJ-0001");
      driver.findElement(By.id("claim-terminal")).sendKeys("kiosk-1");
      driver.findElement(By.id("create-claim")).click();
      String code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claim-code"))).getText();
      assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
      browser.screenshot("fleet-claim-code-zh");
      // The join code beside it is the same claim as a signed bundle, for the kiosk's camera: read
      // back from the image the browser shows, as a camera would.
      ProvisioningBundle shown = ProvisioningBundle.read(ProvisioningBundle.fileOfJoinCode(
          qrText(driver.findElement(By.id("join-qr")).getDomAttribute("src"))));
      assertThat(shown.account()).isEqualTo(TerminalAccount.of("JX-RJ-0001", "kiosk-1"));
      assertThat(shown.claimCode()).isEqualTo(code);
      assertThat(shown.hub()).hasToString("https://127.0.0.1:" + hub.httpsPort());
      assertThat(shown.hubPin()).isEqualTo(hub.tls().orElseThrow().pin().toString())
          .isEqualTo(driver.findElement(By.id("join-pin")).getText());
      assertThat(shown.hubKey()).isEqualTo(org.redvest.hub.transport.link.HubSigner.open(dir).publicKey());

      // The kiosk joins with the code the page showed; an intruder guesses a password.
      KeyPair key = Ed25519.generate();
      TerminalAccount kiosk = TerminalAccount.of("JX-RJ-0001", "kiosk-1");
      Provisioning joined = hub.fleet().provision(ProvisionRequest.signed(code, kiosk,
          Ed25519.raw(key.getPublic()), key.getPrivate()));
      MqttConnectOptions guess = new MqttConnectOptions();
      guess.setUserName(kiosk.username());
      guess.setPassword("let-me-in-please".toCharArray());
      MqttClient intruder = new MqttClient(hub.mqttUrl(), kiosk.clientId(TerminalAccount.Link.EVENTS),
          new MemoryPersistence());
      try {
        intruder.connect(guess);
      } catch (org.eclipse.paho.client.mqttv3.MqttException expected) {
        // refused, as it should be
      } finally {
        intruder.close();
      }

      driver.get(base + "/ui/fleet");
      String fleet = driver.findElement(By.id("fleet")).getText();
      assertThat(fleet).contains("JX-RJ-0001", "kiosk-1", joined.keyFingerprint(), "正常");
      assertThat(driver.findElement(By.id("refusals")).getText())
          .contains("登录失败", "JX-RJ-0001/kiosk-1", "wrong password");
      browser.screenshot("fleet-joined-refusals-zh");

      driver.findElement(By.cssSelector("tr[data-terminal='JX-RJ-0001/kiosk-1'] button.request-rotation")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-notice"), "已请终端更换密钥"));
      assertThat(driver.findElement(By.id("rotation-JX-RJ-0001/kiosk-1")).getText()).startsWith("已请求更换密钥");
      assertThat(hub.fleet().rotationRequested(kiosk).orElseThrow().requestedBy()).isEqualTo("admin");
      browser.screenshot("fleet-rotation-asked-zh");

      driver.findElement(By.cssSelector("tr[data-terminal='JX-RJ-0001/kiosk-1'] form[action$='/revoke'] button")).click();
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-notice"), "已吊销终端 JX-RJ-0001/kiosk-1"));
      assertThat(driver.findElement(By.cssSelector("tr[data-terminal='JX-RJ-0001/kiosk-1']")).getText())
          .contains("已吊销");
      assertThat(hub.fleet().terminal(kiosk).orElseThrow().revokedBy()).isEqualTo("admin");

      driver.get(base + "/ui/fleet?lang=en");
      assertThat(driver.findElement(By.id("refusals")).getText()).contains("failed login");
      browser.screenshot("fleet-revoked-en");
    }
    assertThat(new String(Files.readAllBytes(dir.resolve("admin-password")), StandardCharsets.UTF_8)).isNotBlank();
  }

  @Test
  void fleetPage_revokeWithHold_releaseOneDiscardOne_endHold() throws Exception {
    Provisioning login = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-1");
    HubHttp http = HubHttp.api(hub);
    try (Browser browser = Browser.start(1280, 1000)) {
      WebDriver driver = browser.driver();
      WebDriverWait wait = new WebDriverWait(driver, WAIT);
      SignIn.as(driver, base, "/ui/fleet", "admin", Files.readString(dir.resolve("admin-password")).strip());

      String row = "tr[data-terminal='JX-RJ-0001/kiosk-1'] ";
      new Select(driver.findElement(By.cssSelector(row + "select.revoke-mode"))).selectByValue("hold");
      driver.findElement(By.cssSelector(row + "form[action$='/revoke'] button")).click();
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-notice"), "暂扣待审核"));

      // The stolen kiosk keeps sending; a check-in and a check-out, both received after the revocation.
      try (PahoTerminal thief = new PahoTerminal(hub.mqttUrl(), hub.config().topics(), login)) {
        thief.publish(thief.event(1, "V-360781-000101", org.redvest.protocol.EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00"));
        thief.publish(thief.event(2, "V-360781-000101", org.redvest.protocol.EventKind.CHECK_OUT, "2026-11-23T17:00:00+08:00"));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Long.valueOf(2).equals(thief.lastAck()));
      }
      driver.get(base + "/ui/fleet");
      assertThat(driver.findElement(By.id("held")).getText()).contains("V-360781-000101", "CHECK_IN",
          "2026-11-23T17:00:00.000+08:00", "有效", "暂扣");
      assertThat(driver.findElement(By.cssSelector(row)).getText()).contains("已吊销 · 暂扣待审");
      browser.screenshot("fleet-held-zh");

      driver.findElement(By.cssSelector("#held tr[data-state='HELD'] button.release")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-notice"), "已放行并计入"));
      driver.findElement(By.cssSelector("#held tr[data-state='HELD'] button.discard")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-notice"), "已丢弃"));
      assertThat(driver.findElement(By.id("held")).getText()).contains("已放行 · admin", "已丢弃 · admin");
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> http.eventCount() == 1);

      driver.findElement(By.cssSelector(row + "button.end-hold")).click();
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-notice"), "已结束暂扣"));
      assertThat(hub.fleet().terminal(login.account()).orElseThrow().holding()).isFalse();

      driver.get(base + "/ui/fleet?lang=en");
      assertThat(driver.findElement(By.id("held")).getText()).contains("released · admin", "discarded · admin");
      browser.screenshot("fleet-held-decided-en");
    }
  }

  /** The text of the QR code in a {@code data:image/png;base64,…} image. */
  private static String qrText(String dataUri) throws Exception {
    byte[] png = java.util.Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    return new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
        new com.google.zxing.common.HybridBinarizer(
            new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)))).getText();
  }
}
