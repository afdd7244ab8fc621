package org.redvest.hub.web.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.HubHttp;
import org.redvest.hub.domain.certificates.CertificateNumber;
import org.redvest.hub.domain.certificates.CertificateSettings;
import org.redvest.hub.domain.certificates.Certificates;
import org.redvest.hub.domain.exports.HoursFixture;
import org.redvest.hub.web.exports.ExportRoutes;

/** Certificates issued over real HTTP from sessions a real hub made of real MQTT check-ins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateRoutesTest {
  private static final Pattern NUMBER = Pattern.compile("RV-2026-\\d{6}");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HoursFixture fixture;
  private HubHttp anonymous;
  private HubHttp admin;
  private HubHttp manager;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    fixture = HoursFixture.start(dataDir, (app, dashboard) -> {
      ExportRoutes.register(app, dashboard);
      CertificateRoutes.register(app, dashboard, CertificateSettings.defaults());
    });
    anonymous = HubHttp.at(fixture.baseUrl());
    admin = anonymous.asTestUser("admin");
    manager = anonymous.asTestUser("manager");
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void issue_adminForZhang_pdfStatesEveryBlockAndHashIsRegistered() throws Exception {
    HubHttp.Reply response = issue(admin, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type").orElse("")).startsWith("application/pdf");
    String number = response.header("X-Certificate-Number").orElseThrow();
    assertThat(number).matches(NUMBER);
    assertThat(response.header("X-Certificate-Sha256")).contains(Certificates.sha256(response.bytes()));
    try (PDDocument pdf = Loader.loadPDF(response.bytes())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1);
      assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
      String text = new PDFTextStripper().getText(pdf);
      // (1) identity
      assertThat(text).contains("志愿服务记录证明", "一、志愿者身份信息", "张三丰", "3607**********0011", "V-360781-000101");
      // (2) hours and content: 150 + 105 min of guiding at Ruijin, 60 min at the museum
      assertThat(text).contains("二、服务时长与服务内容", "5.25 小时（315 分钟）", "2026年11月1日 至 2026年11月30日",
          "为游客提供红色旧址讲解服务", "瑞金红色旧址服务站", "4.25", "展厅秩序维护与观众引导", "1.00");
      // (3) issuer: the organisation running the station with most of the minutes
      assertThat(text).contains("三、出具单位", "瑞金市志愿者协会", "李明", "王芳", "0797-2521234");
      // (4) number and date of issue (10:00 in Shanghai on 23 November)
      assertThat(text).contains("四、证明编号与出具日期", number, "2026年11月23日");
      assertThat(text).contains(fixture.baseUrl() + "/verify/" + number);

      BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 150);
      Files.createDirectories(SCREENSHOTS);
      ImageIO.write(page, "png", SCREENSHOTS.resolve("certificate-page1.png").toFile());
      Files.write(SCREENSHOTS.resolve("certificate.pdf"), response.bytes());
      assertThat(decodeQr(page)).isEqualTo(fixture.baseUrl() + "/verify/" + number);
    }
  }

  @Test
  void verify_issuedThenRevoked_genuineThenRevokedWithoutSignIn() {
    HubHttp.Reply issued = issue(admin, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");
    String number = issued.header("X-Certificate-Number").orElseThrow();
    String sha = issued.header("X-Certificate-Sha256").orElseThrow();

    HubHttp.Reply genuine = anonymous.get("/verify/" + number);
    assertThat(genuine.status()).isEqualTo(200);
    assertThat(genuine.text()).contains("data-state=\"genuine\"", "证明真实有效", "张*丰", "5.25",
        "瑞金市志愿者协会", "2026-11-01</span> – <span class=\"nw\">2026-11-30", "2026-11-23").doesNotContain("张三丰");
    assertThat(anonymous.get("/verify/" + number + "?lang=en").text())
        .contains("Genuine certificate", "Total hours");
    assertThat(anonymous.get("/verify/" + number + "?sha256=" + sha).text()).contains("data-match=\"true\"");
    assertThat(anonymous.get("/verify/" + number + "?sha256=" + "0".repeat(64)).text())
        .contains("data-match=\"false\"");

    HubHttp.Reply revoke = admin.postForm("/ui/certificates/" + number + "/revoke",
        Map.of("reason", "时长更正后重新开具"));
    assertThat(revoke.status()).isEqualTo(303);

    String revoked = anonymous.get("/verify/" + number).text();
    assertThat(revoked).contains("data-state=\"revoked\"", "此证明已被撤销", "时长更正后重新开具");
    assertThat(admin.postForm("/ui/certificates/" + number + "/revoke", Map.of("reason", "again"))
        .status()).isEqualTo(404);
  }

  @Test
  void verify_onTheRealHubWithoutSignIn_findsTheRegisteredCertificate() {
    String number = issue(admin, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30")
        .header("X-Certificate-Number").orElseThrow();
    HubHttp hub = HubHttp.of(fixture.hub);

    HubHttp.Reply page = hub.get("/verify/" + number);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("data-state=\"genuine\"", number);
    assertThat(hub.get("/verify/RV-2026-999999").status()).isEqualTo(404);
    assertThat(hub.postForm("/ui/certificates", Map.of("volunteerId", "V-1")).status()).isEqualTo(401);
  }

  @Test
  void verify_unknownOrMalformedNumber_notFoundAndSaysSo() {
    HubHttp.Reply unknown = anonymous.get("/verify/RV-2026-999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).contains("data-state=\"unknown\"", "查无此证明", "RV-2026-999999");
    HubHttp.Reply malformed = anonymous.get("/verify/%3Cb%3Ex");
    assertThat(malformed.status()).isEqualTo(404);
    assertThat(malformed.text()).contains("&lt;b&gt;x").doesNotContain("<b>x");
    assertThat(anonymous.get("/verify/RV-2026-999999?lang=en").text()).contains("No such certificate");
    assertThat(anonymous.get("/verify/RV-2026-000000").status()).isEqualTo(404);
    assertThat(anonymous.get("/verify/RV-0001-000001").status()).isEqualTo(404);
  }

  @Test
  void numbers_sequentialWithinYearAndRestartInNextYear() {
    long first = seq(issue(admin, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30"));
    long second = seq(issue(admin, HoursFixture.LI.value(), "2026-11-01", "2026-11-30"));
    assertThat(second).isEqualTo(first + 1);

    Instant before = fixture.clock.instant();
    try {
      fixture.clock.set(Instant.parse("2027-01-02T02:00:00Z"));
      HubHttp.Reply nextYear = issue(admin, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");
      assertThat(nextYear.header("X-Certificate-Number")).contains("RV-2027-000001");
    } finally {
      fixture.clock.set(before);
    }
    assertThat(seq(issue(admin, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30"))).isEqualTo(second + 1);
  }

  @Test
  void numbers_sixIssuedAtOnce_uniqueAndContiguous() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<Long>> issued = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        issued.add(pool.submit(() -> seq(issue(admin, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30"))));
      }
      java.util.SortedSet<Long> numbers = new java.util.TreeSet<>();
      for (java.util.concurrent.Future<Long> f : issued) {
        numbers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(numbers).hasSize(6);
      assertThat(numbers.last() - numbers.first()).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void issue_stationManager_certifiesOnlyTheirStationsHours() throws Exception {
    HubHttp.Reply response = issue(manager, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");

    assertThat(response.status()).isEqualTo(200);
    try (PDDocument pdf = Loader.loadPDF(response.bytes())) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains("4.25 小时（255 分钟）").doesNotContain("展厅秩序维护与观众引导");
    }
    assertThat(issue(manager, HoursFixture.FORMULA.value(), "2026-11-01", "2026-11-30").status())
        .isEqualTo(403);
  }

  @Test
  void issue_unknownVolunteerOrNoHours_refusedWithReason() {
    HubHttp.Reply unknown = issue(admin, "V-360781-999999", "2026-11-01", "2026-11-30");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).contains("V-360781-999999 is not in the catalogue");

    HubHttp.Reply empty = issue(admin, HoursFixture.ZHANG.value(), "2026-10-01", "2026-10-31");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.text()).contains("no credited hours");

    assertThat(issue(admin, HoursFixture.ZHANG.value(), "2026-11-30", "2026-11-01").status()).isEqualTo(400);
    assertThat(issue(anonymous, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30").status()).isEqualTo(401);
  }

  @Test
  void issue_adminNamesIssuer_thatOrganisationSigns() throws Exception {
    HubHttp.Reply response = admin.postForm("/ui/certificates", Map.of("volunteerId",
        HoursFixture.ZHANG.value(), "from", "2026-11-01", "to", "2026-11-30", "organisationId", "ORG-GZ"));

    try (PDDocument pdf = Loader.loadPDF(response.bytes())) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("赣州市青年志愿者协会", "陈刚", "刘洋");
    }
    assertThat(manager.postForm("/ui/certificates", Map.of("volunteerId", HoursFixture.ZHANG.value(),
        "from", "2026-11-01", "to", "2026-11-30", "organisationId", "ORG-GZ")).status()).isEqualTo(403);
  }

  @Test
  void revoke_stationManager_forbidden() {
    String number = issue(manager, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30")
        .header("X-Certificate-Number").orElseThrow();

    assertThat(manager.postForm("/ui/certificates/" + number + "/revoke", Map.of("reason", "x"))
        .status()).isEqualTo(403);
    assertThat(anonymous.get("/verify/" + number).text()).contains("data-state=\"genuine\"");
  }

  @Test
  void list_adminSeesRevokeForms_managerSeesOwnWithout() {
    String number = issue(manager, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30")
        .header("X-Certificate-Number").orElseThrow();

    String adminPage = admin.get("/ui/certificates").text();
    assertThat(adminPage).contains(number, "/ui/certificates/" + number + "/revoke", "rj-manager");
    String managerPage = manager.get("/ui/certificates?lang=en").text();
    assertThat(managerPage).contains(number, "Issued certificates").doesNotContain("/revoke");
  }

  private static HubHttp.Reply issue(HubHttp as, String volunteer, String from, String to) {
    return as.postForm("/ui/certificates", Map.of("volunteerId", volunteer, "from", from, "to", to));
  }

  private static long seq(HubHttp.Reply response) {
    return CertificateNumber.parse(response.header("X-Certificate-Number").orElseThrow()).seq();
  }

  private static String decodeQr(BufferedImage page) throws Exception {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)));
    return new QRCodeReader().decode(bitmap).getText();
  }
}
