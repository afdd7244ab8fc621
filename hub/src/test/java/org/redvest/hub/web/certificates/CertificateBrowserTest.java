package org.redvest.hub.web.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redvest.hub.HubHttp;
import org.redvest.hub.domain.certificates.CertificateSettings;
import org.redvest.hub.domain.exports.Hours;
import org.redvest.hub.domain.exports.HoursFixture;
import org.redvest.hub.web.exports.ExportRoutes;
import org.redvest.testsupport.Browser;

/** The exports page on a desktop and the public verify page on a phone, in Chinese and English. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateBrowserTest {
  private HoursFixture fixture;
  private HubHttp admin;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    fixture = HoursFixture.start(dataDir, (app, dashboard) -> {
      ExportRoutes.register(app, dashboard);
      CertificateRoutes.register(app, dashboard, CertificateSettings.defaults());
    });
    admin = HubHttp.at(fixture.baseUrl()).asTestUser("admin");
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void exportsPage_managerDesktop_formsInBothLanguages() {
    try (Browser browser = Browser.start(1280, 900)) {
      ChromeDriver driver = browser.driver();
      signInAs(driver, "manager");
      driver.get(fixture.baseUrl() + "/ui/exports?lang=zh");
      waitFor(driver, "download-xlsx");
      assertThat(driver.findElement(By.id("download-csv")).getText()).isEqualTo("下载 CSV");
      assertThat(driver.findElement(By.id("stationId")).getText()).contains("瑞金红色旧址服务站").doesNotContain("赣州");
      browser.screenshot("exports-zh");

      driver.get(fixture.baseUrl() + "/ui/exports?lang=en");
      waitFor(driver, "issue");
      assertThat(driver.findElement(By.id("issue")).getText()).isEqualTo("Issue and download PDF");
      browser.screenshot("exports-en");
    }
  }

  @Test
  void certificatesList_adminDesktop_showsRegisterWithRevoke() {
    String number = issue();
    try (Browser browser = Browser.start(1280, 900)) {
      ChromeDriver driver = browser.driver();
      signInAs(driver, "admin");
      driver.get(fixture.baseUrl() + "/ui/certificates?lang=zh");
      waitFor(driver, "certificates");
      assertThat(driver.findElement(By.cssSelector("tr[data-number='" + number + "']")).getText())
          .contains("张三丰", "5.25", "瑞金市志愿者协会", "有效", "撤销");
      browser.screenshot("certificates-list-zh");
    }
  }

  @Test
  void verifyPage_phone_genuineRevokedAndUnknownFitTheScreen() {
    String number = issue();
    try (Browser browser = Browser.start(390, 844)) {
      ChromeDriver driver = browser.driver();
      driver.get(fixture.baseUrl() + "/verify/" + number + "?lang=zh");
      waitFor(driver, "verdict");
      assertThat(driver.findElement(By.id("verdict")).getDomAttribute("data-state")).isEqualTo("genuine");
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("证明真实有效", "张*丰", "5.25 小时");
      assertFitsWidth(driver);
      browser.screenshot("verify-phone-zh");

      driver.get(fixture.baseUrl() + "/verify/RV-2026-999999");
      waitFor(driver, "verdict");
      assertThat(driver.findElement(By.id("verdict")).getText()).contains("查无此证明");
      browser.screenshot("verify-phone-unknown-zh");
    }
    admin.postForm("/ui/certificates/" + number + "/revoke", Map.of("reason", "Hours corrected, reissued"));
    try (Browser browser = Browser.start(390, 844, "en-US")) {
      ChromeDriver driver = browser.driver();
      driver.get(fixture.baseUrl() + "/verify/" + number + "?lang=en");
      waitFor(driver, "verdict");
      assertThat(driver.findElement(By.id("verdict")).getDomAttribute("data-state")).isEqualTo("revoked");
      assertThat(driver.findElement(By.tagName("body")).getText())
          .contains("This certificate has been revoked", "Hours corrected, reissued", "Total hours");
      assertFitsWidth(driver);
      browser.screenshot("verify-phone-revoked-en");
    }
  }

  private String issue() {
    return admin.postForm("/ui/certificates", Map.of("volunteerId", HoursFixture.ZHANG.value(),
            "from", "2026-11-01", "to", "2026-11-30"))
        .header("X-Certificate-Number").orElseThrow();
  }

  private void signInAs(ChromeDriver driver, String user) {
    driver.get(fixture.baseUrl() + "/verify/RV-2026-000000");
    driver.manage().addCookie(new Cookie("test-user", user));
  }

  private static void waitFor(ChromeDriver driver, String id) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  private static void assertFitsWidth(ChromeDriver driver) {
    Object overflow = driver.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
  }
}
