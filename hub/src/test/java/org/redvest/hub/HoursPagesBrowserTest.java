package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;
import org.redvest.hub.domain.catalogue.CatalogueRows;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.catalogue.ImportRoutes;
import org.redvest.hub.web.hours.HoursRoutes;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;
import org.redvest.testsupport.Browser;

/**
 * The hours pages over a real hub: check-ins published over MQTT become sessions in the hub's
 * SQLite file; the catalogue is filled through the import API. Until sign-in is merged, the
 * pages are served by a second Javalin app on the same database whose before-handler sets the
 * signed-in user (the lead switches this to real sign-in on the hub itself).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoursPagesBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Clock CLOCK = Clock.fixed(
      OffsetDateTime.parse("2026-11-23T20:00:00+08:00").toInstant(), java.time.ZoneOffset.UTC);
  private static final Principal ADMIN = new Principal("admin", "管理员", Role.HUB_ADMIN, Set.of());
  private static final Principal MANAGER = new Principal("li", "李站长", Role.STATION_MANAGER,
      Set.of(StationId.of("JX-RJ-0002")));
  private static final String RANGE = "?period=day&from=2026-11-01&to=2026-11-23";

  private Path dir;
  private Hub hub;
  private Database pagesDatabase;
  private Javalin pages;
  /** The pages app, as whoever {@link #user} is. */
  private HubHttp http;
  private final AtomicReference<Principal> user = new AtomicReference<>(ADMIN);

  @BeforeAll
  void start(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    hub = Hub.start(HubConfig.local(dir.resolve("hub")), CLOCK);
    startPagesApp();
    importCatalogue();
    publishCheckIns();
    HubHttp api = HubHttp.api(hub);
    await().atMost(WAIT).until(() -> api.json("/api/sessions").size() == 16);
  }

  @AfterAll
  void stop() {
    if (pages != null) {
      pages.stop();
    }
    if (pagesDatabase != null) {
      pagesDatabase.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  private void startPagesApp() throws Exception {
    Path pagesDir = dir.resolve("pages");
    Files.createDirectories(pagesDir);
    HubConfig config = HubConfig.defaults(pagesDir);
    pagesDatabase = Database.open(dir.resolve("hub").resolve("hub.db"));
    Reports reports = new Reports(pagesDatabase);
    org.redvest.hub.hours.HoursCalculator hours =
        new org.redvest.hub.hours.HoursCalculator(config.maxSession(), CLOCK);
    CatalogueRows catalogue = new CatalogueRows(pagesDatabase);
    Dashboard dashboard = new Dashboard(config.dataDir(), config.evidence(), CLOCK, config.zone(), pagesDatabase, reports,
        hours, q -> reports.sessions(q).stream().map(hours::asOfNow).toList(), catalogue);
    pages = Javalin.create(c -> c.showJavalinBanner = false);
    pages.before(ctx -> ctx.attribute(Access.PRINCIPAL, user.get()));
    HoursRoutes.register(pages, dashboard);
    ImportRoutes.register(pages, dashboard, catalogue);
    pages.start(0);
    http = HubHttp.on(pages.port());
  }

  private void importCatalogue() throws Exception {
    importCsv("organisations", "id,name,parent_id\nORG-JX,江西省志愿服务联合会,\n"
        + "ORG-RJ,瑞金市志愿者协会,ORG-JX\nORG-YD,于都县志愿者协会,ORG-JX\n");
    importCsv("stations", "id,name,organisation_id,latitude,longitude\n"
        + "JX-RJ-0001,瑞金红井服务站,ORG-RJ,25.88,116.02\nJX-RJ-0002,于都渡口服务站,ORG-YD,,\n");
    importCsv("activities", "id,name,station_id,organisation_id,content\n"
        + "A-1,文明交通劝导,JX-RJ-0001,ORG-RJ,路口文明交通劝导\n");
    importCsv("volunteers", "\uFEFFid,name,organisation_id,id_number\n"
        + "V-360781-000101,张三,ORG-RJ,11010519491231002X\nV-360781-000102,李四,ORG-YD,\n"
        + "V-360781-000103,王五,ORG-RJ,\n");
  }

  private void importCsv(String kind, String csv) {
    HubHttp.Reply reply = http.post("/api/imports?kind=" + kind, "text/csv; charset=utf-8", csv);
    assertThat(reply.status()).isEqualTo(202);
    String id = reply.json().path("id").asText();
    await().atMost(WAIT).until(() -> "DONE".equals(http.json("/api/imports/" + id).path("state").asText()));
    assertThat(http.json("/api/imports/" + id).path("rejected").asLong()).isZero();
  }

  private void publishCheckIns() throws Exception {
    try (PahoTerminal one = new PahoTerminal(hub, "JX-RJ-0001", "k1");
        PahoTerminal two = new PahoTerminal(hub, "JX-RJ-0002", "k1")) {
      long[] seq = {0, 0};
      for (int day = 2; day <= 20; day += 2) { // ten 3-hour sessions: 30 h
        session(one, seq, 0, "V-360781-000101", "A-1", at(day, "08:00"), at(day, "11:00"));
      }
      session(one, seq, 0, "V-360781-000101", "A-1", at(22, "22:00"), at(23, "01:30"));
      for (int day = 10; day <= 12; day++) {
        session(two, seq, 1, "V-360781-000102", null, at(day, "14:00"), at(day, "16:00"));
      }
      session(one, seq, 0, "V-360781-000103", null, at(21, "09:00"), at(21, "09:45"));
      one.publish(event(one, ++seq[0], "V-360781-000103", EventKind.CHECK_IN, null, at(23, "19:00")));
      await().atMost(WAIT).until(() -> Long.valueOf(seq[0]).equals(one.lastAck())
          && Long.valueOf(seq[1]).equals(two.lastAck()));
    }
  }

  private static void session(PahoTerminal t, long[] seq, int i, String volunteer,
      String activity, String in, String out) throws Exception {
    t.publish(event(t, ++seq[i], volunteer, EventKind.CHECK_IN, activity, in));
    t.publish(event(t, ++seq[i], volunteer, EventKind.CHECK_OUT, activity, out));
  }

  private static AttendanceEvent event(PahoTerminal t, long seq, String volunteer, EventKind kind,
      String activity, String at) {
    return new AttendanceEvent(1, UUID.randomUUID(), t.station, t.terminal, seq,
        VolunteerId.of(volunteer), kind, CheckInMethod.QR, OffsetDateTime.parse(at), activity,
        null, null, null);
  }

  private static String at(int day, String time) {
    return String.format("2026-11-%02dT%s:00+08:00", day, time);
  }

  @Test
  void overviewApi_realCheckIns_totalsPerDayStationOrganisationAndActivity() throws Exception {
    user.set(ADMIN);
    JsonNode o = http.json("/api/hours" + RANGE);

    assertThat(o.path("minutes").asLong()).isEqualTo(1800 + 210 + 360 + 45);
    assertThat(o.path("sessions").asLong()).isEqualTo(15);
    assertThat(o.path("volunteers").asInt()).isEqualTo(3);
    assertThat(o.path("buckets")).hasSize(23);
    assertThat(o.path("buckets").get(21).path("minutes").asLong()).isEqualTo(120); // 22:00-24:00
    assertThat(o.path("buckets").get(22).path("minutes").asLong()).isEqualTo(90);
    assertThat(o.path("stations").get(0).path("id").asText()).isEqualTo("JX-RJ-0001");
    assertThat(o.path("stations").get(0).path("name").asText()).isEqualTo("瑞金红井服务站");
    assertThat(o.path("organisations").get(0).path("id").asText()).isEqualTo("ORG-JX");
    assertThat(o.path("organisations").get(0).path("minutes").asLong()).isEqualTo(2415);
    assertThat(o.path("activities").get(0).path("minutes").asLong()).isEqualTo(2010);
    assertThat(o.path("yearShare").path("reached").asLong()).isEqualTo(1);
    assertThat(o.path("yearShare").path("active").asLong()).isEqualTo(3);
  }

  @Test
  void hub_withoutSignIn_hoursAndImportRoutesWiredButDenied() throws Exception {
    for (String path : new String[] {"/api/hours", "/ui/hours", "/api/hours/volunteers/V-1",
        "/ui/import", "/api/imports"}) {
      assertThat(HubHttp.of(hub).get(path).status()).as(path).isEqualTo(401);
    }
  }

  @Test
  void weekApi_rangeOverTwoIsoWeeks_sumsPerWeek() throws Exception {
    user.set(ADMIN);
    JsonNode o = http.json("/api/hours?period=week&from=2026-11-16&to=2026-11-29");

    // W47 (16-22): 3 h on 16, 18, 20 + 2 h on the 22nd before midnight + 45 min on the 21st.
    assertThat(o.path("buckets").get(0).path("label").asText()).isEqualTo("2026-W47");
    assertThat(o.path("buckets").get(0).path("minutes").asLong()).isEqualTo(540 + 120 + 45);
    assertThat(o.path("buckets").get(1).path("minutes").asLong()).isEqualTo(90);
  }

  @Test
  void scopedApis_organisationActivityVolunteer_rollUp() throws Exception {
    user.set(ADMIN);
    assertThat(http.json("/api/hours/organisations/ORG-RJ" + RANGE).path("minutes").asLong())
        .isEqualTo(2055);
    assertThat(http.json("/api/hours/activities/A-1" + RANGE).path("minutes").asLong())
        .isEqualTo(2010);
    JsonNode v = http.json("/api/hours/volunteers/V-360781-000101");
    assertThat(v.path("cumulativeMinutes").asLong()).isEqualTo(2010);
    assertThat(v.path("star").path("stars").asInt()).isZero();
    assertThat(v.path("idNumberMasked").asText()).isEqualTo("1****************X");
    assertThat(v.path("sessions").get(0).path("activityId").asText()).isEqualTo("A-1");
    assertThat(v.path("sessions").get(0).path("grade").asText()).isNotEmpty();
  }

  @Test
  void stationManager_otherStation_forbiddenAndOverviewOnlyOwn() throws Exception {
    user.set(MANAGER);
    try {
      assertThat(http.get("/api/hours/stations/JX-RJ-0001").status()).isEqualTo(403);
      assertThat(http.get("/api/hours/volunteers/V-360781-000101").status()).isEqualTo(403);
      assertThat(http.get("/ui/import").status()).isEqualTo(403);
      assertThat(http.json("/api/hours" + RANGE).path("minutes").asLong()).isEqualTo(360);
    } finally {
      user.set(ADMIN);
    }
  }

  @Test
  void api_badParameters_400NamingParameter() throws Exception {
    user.set(ADMIN);
    HubHttp.Reply reply = http.get("/api/hours?period=year");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("parameter").asText()).isEqualTo("period");
    assertThat(http.get("/api/hours?period=day&from=2020-01-01&to=2026-01-01").status())
        .isEqualTo(400);
  }

  @Test
  void pages_zhAndEn_renderOverviewAndVolunteer() {
    user.set(ADMIN);
    String base = http.base();
    try (Browser browser = Browser.start(1280, 1400)) {
      var d = browser.driver();
      d.get(base + "/ui/hours" + RANGE + "&lang=zh");
      assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("服务时长总览");
      assertThat(d.findElements(By.cssSelector("svg.chart rect"))).hasSize(23);
      assertThat(d.findElement(By.id("top-stations")).getText()).contains("瑞金红井服务站");
      browser.screenshot("hours-overview-zh");

      d.get(base + "/ui/hours" + RANGE + "&lang=en");
      assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Hours overview");
      assertThat(d.getPageSource()).contains("≥ 25 h in 2026");
      browser.screenshot("hours-overview-en");

      d.get(base + "/ui/hours/volunteers/V-360781-000101?lang=zh");
      assertThat(d.findElement(By.className("big")).getText()).isEqualTo("张三");
      assertThat(d.findElement(By.id("star-progress")).isDisplayed()).isTrue();
      assertThat(d.findElements(By.cssSelector("table tr"))).hasSize(12);
      browser.screenshot("hours-volunteer-zh");

      d.get(base + "/ui/hours/volunteers/V-360781-000101?lang=en");
      assertThat(d.getPageSource()).contains("Next star in");
      browser.screenshot("hours-volunteer-en");

      d.get(base + "/ui/hours/stations/JX-RJ-0002" + RANGE + "&lang=zh");
      assertThat(d.findElement(By.tagName("h1")).getText()).contains("于都渡口服务站");
      browser.screenshot("hours-station-zh");
    }
  }

  @Test
  void pages_phoneWidth_overviewFitsWithoutSideways() {
    user.set(MANAGER);
    try (Browser browser = Browser.start(390, 844)) {
      var d = browser.driver();
      d.get(http.base() + "/ui/hours" + RANGE + "&lang=zh");
      Object scrollWidth = d.executeScript("return document.documentElement.scrollWidth");
      assertThat(((Number) scrollWidth).intValue()).isLessThanOrEqualTo(390);
      browser.screenshot("hours-overview-manager-phone-zh");
    } finally {
      user.set(ADMIN);
    }
  }

  @Test
  void importPage_uploadThroughForm_showsProgressThenRejectedLines() throws Exception {
    user.set(ADMIN);
    Path csv = dir.resolve("volunteers-upload.csv");
    Files.writeString(csv, "\uFEFFid,name,organisation_id\nV-9,赵九,ORG-RJ\n,无编号,ORG-RJ\n"
        + "V-10,,ORG-RJ\n", StandardCharsets.UTF_8);
    String base = http.base();
    try (Browser browser = Browser.start(1280, 900)) {
      var d = browser.driver();
      d.get(base + "/ui/import?lang=zh");
      browser.screenshot("import-form-zh");
      new org.openqa.selenium.support.ui.Select(d.findElement(By.id("kind")))
          .selectByValue("volunteers");
      d.findElement(By.id("file")).sendKeys(csv.toString());
      d.findElement(By.id("start")).click();
      new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("rejections")).isEmpty());
      assertThat(d.findElement(By.id("imported")).getText()).isEqualTo("1");
      assertThat(d.findElement(By.id("rejections")).getText()).contains("3").contains("id：缺失")
          .contains("name：缺失");
      browser.screenshot("import-done-zh");
    }
  }
}
