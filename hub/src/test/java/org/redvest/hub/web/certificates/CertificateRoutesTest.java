package org.redvest.hub.web.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
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
import org.redvest.hub.domain.certificates.CertificateNumber;
import org.redvest.hub.domain.certificates.CertificateSettings;
import org.redvest.hub.domain.certificates.Certificates;
import org.redvest.hub.domain.exports.HoursFixture;
import org.redvest.hub.domain.exports.TestHttp;
import org.redvest.hub.web.exports.ExportRoutes;

/** Certificates issued over real HTTP from sessions a real hub made of real MQTT check-ins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateRoutesTest {
  private static final Pattern NUMBER = Pattern.compile("RV-2026-\\d{6}");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HoursFixture fixture;
  private TestHttp http;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    fixture = HoursFixture.start(dataDir, (app, dashboard) -> {
      ExportRoutes.register(app, dashboard);
      CertificateRoutes.register(app, dashboard, CertificateSettings.defaults());
    });
    http = new TestHttp(fixture.baseUrl());
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void issue_adminForZhang_pdfStatesEveryBlockAndHashIsRegistered() throws Exception {
    HttpResponse<byte[]> response = issue("admin", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
    String number = response.headers().firstValue("X-Certificate-Number").orElseThrow();
    assertThat(number).matches(NUMBER);
    assertThat(response.headers().firstValue("X-Certificate-Sha256")).contains(Certificates.sha256(response.body()));
    try (PDDocument pdf = Loader.loadPDF(response.body())) {
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
      Files.write(SCREENSHOTS.resolve("certificate.pdf"), response.body());
      assertThat(decodeQr(page)).isEqualTo(fixture.baseUrl() + "/verify/" + number);
    }
  }

  @Test
  void verify_issuedThenRevoked_genuineThenRevokedWithoutSignIn() {
    HttpResponse<byte[]> issued = issue("admin", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");
    String number = issued.headers().firstValue("X-Certificate-Number").orElseThrow();
    String sha = issued.headers().firstValue("X-Certificate-Sha256").orElseThrow();

    HttpResponse<byte[]> genuine = http.get(null, "/verify/" + number);
    assertThat(genuine.statusCode()).isEqualTo(200);
    assertThat(TestHttp.text(genuine)).contains("data-state=\"genuine\"", "证明真实有效", "张*丰", "5.25",
        "瑞金市志愿者协会", "2026-11-01</span> – <span class=\"nw\">2026-11-30", "2026-11-23").doesNotContain("张三丰");
    assertThat(TestHttp.text(http.get(null, "/verify/" + number + "?lang=en")))
        .contains("Genuine certificate", "Total hours");
    assertThat(TestHttp.text(http.get(null, "/verify/" + number + "?sha256=" + sha))).contains("data-match=\"true\"");
    assertThat(TestHttp.text(http.get(null, "/verify/" + number + "?sha256=" + "0".repeat(64))))
        .contains("data-match=\"false\"");

    HttpResponse<byte[]> revoke = http.postForm("admin", "/ui/certificates/" + number + "/revoke",
        Map.of("reason", "时长更正后重新开具"));
    assertThat(revoke.statusCode()).isEqualTo(303);

    String revoked = TestHttp.text(http.get(null, "/verify/" + number));
    assertThat(revoked).contains("data-state=\"revoked\"", "此证明已被撤销", "时长更正后重新开具");
    assertThat(http.postForm("admin", "/ui/certificates/" + number + "/revoke", Map.of("reason", "again"))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void verify_onTheRealHubWithoutSignIn_findsTheRegisteredCertificate() {
    String number = issue("admin", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30")
        .headers().firstValue("X-Certificate-Number").orElseThrow();
    TestHttp hub = new TestHttp("http://127.0.0.1:" + fixture.hub.httpPort());

    HttpResponse<byte[]> page = hub.get(null, "/verify/" + number);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(TestHttp.text(page)).contains("data-state=\"genuine\"", number);
    assertThat(hub.get(null, "/verify/RV-2026-999999").statusCode()).isEqualTo(404);
    assertThat(hub.postForm(null, "/ui/certificates", Map.of("volunteerId", "V-1")).statusCode()).isEqualTo(401);
  }

  @Test
  void verify_unknownOrMalformedNumber_notFoundAndSaysSo() {
    HttpResponse<byte[]> unknown = http.get(null, "/verify/RV-2026-999999");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(TestHttp.text(unknown)).contains("data-state=\"unknown\"", "查无此证明", "RV-2026-999999");
    HttpResponse<byte[]> malformed = http.get(null, "/verify/%3Cb%3Ex");
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(TestHttp.text(malformed)).contains("&lt;b&gt;x").doesNotContain("<b>x");
    assertThat(TestHttp.text(http.get(null, "/verify/RV-2026-999999?lang=en"))).contains("No such certificate");
    assertThat(http.get(null, "/verify/RV-2026-000000").statusCode()).isEqualTo(404);
    assertThat(http.get(null, "/verify/RV-0001-000001").statusCode()).isEqualTo(404);
  }

  @Test
  void numbers_sequentialWithinYearAndRestartInNextYear() {
    long first = seq(issue("admin", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30"));
    long second = seq(issue("admin", HoursFixture.LI.value(), "2026-11-01", "2026-11-30"));
    assertThat(second).isEqualTo(first + 1);

    Instant before = fixture.clock.instant();
    try {
      fixture.clock.set(Instant.parse("2027-01-02T02:00:00Z"));
      HttpResponse<byte[]> nextYear = issue("admin", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");
      assertThat(nextYear.headers().firstValue("X-Certificate-Number")).contains("RV-2027-000001");
    } finally {
      fixture.clock.set(before);
    }
    assertThat(seq(issue("admin", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30"))).isEqualTo(second + 1);
  }

  @Test
  void numbers_sixIssuedAtOnce_uniqueAndContiguous() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<Long>> issued = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        issued.add(pool.submit(() -> seq(issue("admin", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30"))));
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
    HttpResponse<byte[]> response = issue("manager", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30");

    assertThat(response.statusCode()).isEqualTo(200);
    try (PDDocument pdf = Loader.loadPDF(response.body())) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains("4.25 小时（255 分钟）").doesNotContain("展厅秩序维护与观众引导");
    }
    assertThat(issue("manager", HoursFixture.FORMULA.value(), "2026-11-01", "2026-11-30").statusCode())
        .isEqualTo(403);
  }

  @Test
  void issue_unknownVolunteerOrNoHours_refusedWithReason() {
    HttpResponse<byte[]> unknown = issue("admin", "V-360781-999999", "2026-11-01", "2026-11-30");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(TestHttp.text(unknown)).contains("V-360781-999999 is not in the catalogue");

    HttpResponse<byte[]> empty = issue("admin", HoursFixture.ZHANG.value(), "2026-10-01", "2026-10-31");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(TestHttp.text(empty)).contains("no credited hours");

    assertThat(issue("admin", HoursFixture.ZHANG.value(), "2026-11-30", "2026-11-01").statusCode()).isEqualTo(400);
    assertThat(issue(null, HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30").statusCode()).isEqualTo(401);
  }

  @Test
  void issue_adminNamesIssuer_thatOrganisationSigns() throws Exception {
    HttpResponse<byte[]> response = http.postForm("admin", "/ui/certificates", Map.of("volunteerId",
        HoursFixture.ZHANG.value(), "from", "2026-11-01", "to", "2026-11-30", "organisationId", "ORG-GZ"));

    try (PDDocument pdf = Loader.loadPDF(response.body())) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("赣州市青年志愿者协会", "陈刚", "刘洋");
    }
    assertThat(http.postForm("manager", "/ui/certificates", Map.of("volunteerId", HoursFixture.ZHANG.value(),
        "from", "2026-11-01", "to", "2026-11-30", "organisationId", "ORG-GZ")).statusCode()).isEqualTo(403);
  }

  @Test
  void revoke_stationManager_forbidden() {
    String number = issue("manager", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30")
        .headers().firstValue("X-Certificate-Number").orElseThrow();

    assertThat(http.postForm("manager", "/ui/certificates/" + number + "/revoke", Map.of("reason", "x"))
        .statusCode()).isEqualTo(403);
    assertThat(TestHttp.text(http.get(null, "/verify/" + number))).contains("data-state=\"genuine\"");
  }

  @Test
  void list_adminSeesRevokeForms_managerSeesOwnWithout() {
    String number = issue("manager", HoursFixture.ZHANG.value(), "2026-11-01", "2026-11-30")
        .headers().firstValue("X-Certificate-Number").orElseThrow();

    String admin = TestHttp.text(http.get("admin", "/ui/certificates"));
    assertThat(admin).contains(number, "/ui/certificates/" + number + "/revoke", "rj-manager");
    String manager = TestHttp.text(http.get("manager", "/ui/certificates?lang=en"));
    assertThat(manager).contains(number, "Issued certificates").doesNotContain("/revoke");
  }

  private HttpResponse<byte[]> issue(String user, String volunteer, String from, String to) {
    return http.postForm(user, "/ui/certificates", Map.of("volunteerId", volunteer, "from", from, "to", to));
  }

  private static long seq(HttpResponse<byte[]> response) {
    return CertificateNumber.parse(response.headers().firstValue("X-Certificate-Number").orElseThrow()).seq();
  }

  private static String decodeQr(BufferedImage page) throws Exception {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)));
    return new QRCodeReader().decode(bitmap).getText();
  }
}
