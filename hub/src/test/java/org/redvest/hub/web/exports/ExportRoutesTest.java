package org.redvest.hub.web.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redvest.hub.domain.exports.HoursFixture.FORMULA_NAME;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.HubHttp;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.exports.Hours;
import org.redvest.hub.domain.exports.HoursFixture;

/** Exports over real HTTP from sessions a real hub made of real MQTT check-ins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportRoutesTest {
  private static final String NOVEMBER = "from=2026-11-01&to=2026-11-30";

  private HoursFixture fixture;
  private HubHttp anonymous;
  private HubHttp admin;
  private HubHttp manager;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    fixture = HoursFixture.start(dataDir, ExportRoutes::register);
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
  void csv_adminNovember_bomChineseHeaderAndEverySession() {
    HubHttp.Reply response = admin.get("/exports/hours.csv?" + NOVEMBER);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(response.header("Content-Disposition").orElse(""))
        .contains("attachment", "hours-sessions-2026-11-01_2026-11-30.csv");
    assertThat(Arrays.copyOf(response.bytes(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
    List<String> lines = lines(response);
    assertThat(lines.get(0)).isEqualTo("志愿者编号,姓名,组织,站点,活动,签到时间,签退时间,计入分钟,小时,证据等级,状态,标记,记录分钟,待批准分钟");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).startsWith("V-360781-000101,张三丰,瑞金市志愿者协会,瑞金红色旧址服务站,红色讲解,"
        + "2026-11-02 09:00,2026-11-02 11:30,150,2.50,");
    assertThat(lines.get(1)).contains(",CLOSED,");
  }

  @Test
  void csv_namesWithCommaQuoteOrFormula_quotedAndGuarded() {
    String csv = admin.get("/exports/hours.csv?" + NOVEMBER).text();

    assertThat(csv).contains("V-360781-000102,\"李四, \"\"小李\"\"\",瑞金市志愿者协会");
    assertThat(csv).contains("V-360781-000103,\"'" + FORMULA_NAME.replace("\"", "\"\"") + "\",");
    assertThat(csv).doesNotContain("," + FORMULA_NAME);
  }

  @Test
  void csv_stationManager_onlyTheirStation() {
    List<String> lines = lines(manager.get("/exports/hours.csv?" + NOVEMBER));

    assertThat(lines).hasSize(4);
    assertThat(lines.subList(1, 4)).allMatch(l -> l.contains("瑞金红色旧址服务站"));
    assertThat(String.join("\n", lines)).doesNotContain("赣州");
  }

  @Test
  void csv_stationManagerAsksForOtherStation_forbidden() {
    assertThat(manager.get("/exports/hours.csv?stationId=JX-GZ-0002&" + NOVEMBER).status())
        .isEqualTo(403);
  }

  @Test
  void csv_noUser_unauthorized() {
    assertThat(anonymous.get("/exports/hours.csv?" + NOVEMBER).status()).isEqualTo(401);
  }

  @Test
  void csv_badDate_badRequestNamingParameter() {
    HubHttp.Reply response = admin.get("/exports/hours.csv?from=2026-13-01");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("from");
  }

  @Test
  void csv_organisationFilter_onlyItsStations() {
    List<String> lines = lines(admin.get("/exports/hours.csv?organisationId=ORG-GZ&" + NOVEMBER));

    assertThat(lines).hasSize(3);
    assertThat(lines.subList(1, 3)).allMatch(l -> l.contains("赣州博物馆服务站"));
  }

  @Test
  void csv_periodOneDay_onlySessionsStartingThatDay() {
    List<String> lines = lines(admin.get("/exports/hours.csv?from=2026-11-03&to=2026-11-03"));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("2026-11-03 14:00", ",105,1.75,");
  }

  @Test
  void csv_totalsPerVolunteer_sumOfTheirSessions() {
    List<String> lines = lines(admin.get("/exports/hours.csv?shape=volunteers&lang=en&" + NOVEMBER));

    assertThat(lines.get(0)).isEqualTo("Volunteer ID,Name,Organisation,Stations,Sessions,Counted minutes,Hours,Needing review,Pending approval (min)");
    assertThat(lines).contains("V-360781-000101,张三丰,瑞金市志愿者协会,瑞金红色旧址服务站、赣州博物馆服务站,3,315,5.25,3,0");
    assertThat(lines).hasSize(4);
  }

  @Test
  void xlsx_admin_readsBackWithTypedCellsAndFrozenHeader(@TempDir Path dir) throws Exception {
    HubHttp.Reply response = admin.get("/exports/hours.xlsx?" + NOVEMBER);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type").orElse("")).isEqualTo(ExportRoutes.XLSX_TYPE);

    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.bytes()),
        new ReadingOptions(true, false))) {
      List<Row> rows = workbook.getFirstSheet().read();
      assertThat(rows).hasSize(6);
      assertThat(rows.get(0).getCell(0).asString()).isEqualTo("志愿者编号");
      assertThat(rows.get(0).getCell(8).asString()).isEqualTo("小时");
      Row zhang = rows.get(1);
      assertThat(zhang.getCell(1).asString()).isEqualTo("张三丰");
      assertThat(zhang.getCell(7).getType()).isEqualTo(CellType.NUMBER);
      assertThat(zhang.getCell(7).asNumber()).isEqualByComparingTo(BigDecimal.valueOf(150));
      assertThat(zhang.getCell(8).getType()).isEqualTo(CellType.NUMBER);
      assertThat(zhang.getCell(8).asNumber()).isEqualByComparingTo(new BigDecimal("2.5"));
      assertThat(zhang.getCell(5).asDate()).isEqualTo(LocalDateTime.parse("2026-11-02T09:00"));
      String formulaName = rows.stream().filter(r -> r.getCell(0).asString().equals("V-360781-000103"))
          .findFirst().orElseThrow().getCell(1).getText();
      assertThat(formulaName).isEqualTo(FORMULA_NAME);
    }
    Path file = java.nio.file.Files.write(dir.resolve("hours.xlsx"), response.bytes());
    String sheetXml = entry(file, "xl/worksheets/sheet1.xml");
    assertThat(sheetXml).contains("state=\"frozen\"").contains("ySplit=\"1\"").doesNotContain("<f>");
  }

  @Test
  void page_english_formWithBothDownloadsAndCertificateForm() {
    HubHttp.Reply response = manager.get("/ui/exports?lang=en");
    String html = response.text();

    assertThat(response.status()).isEqualTo(200);
    assertThat(html).contains("Export hours", "Download CSV", "Download Excel (XLSX)",
        "Issue a service-record certificate", "瑞金红色旧址服务站 (JX-RJ-0001)");
    assertThat(html).doesNotContain("JX-GZ-0002");
  }

  private static List<String> lines(HubHttp.Reply response) {
    String text = response.text();
    assertThat(text).startsWith("\uFEFF");
    return List.of(text.substring(1).split("\r\n"));
  }

  private static String entry(Path zip, String name) throws Exception {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      ZipEntry entry = file.getEntry(name);
      assertThat(entry).as(name).isNotNull();
      return new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
