package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.HubHttp;
import org.redvest.hub.PahoTerminal;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;
import org.redvest.hub.domain.catalogue.ActivityInfo;
import org.redvest.hub.domain.catalogue.Catalogue;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.domain.catalogue.VolunteerInfo;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;
import org.redvest.hub.web.map.BaseMap;
import org.redvest.hub.web.map.FictionalCounties;
import org.redvest.protocol.StationId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.testsupport.Browser;
import org.redvest.testsupport.HandClock;

/**
 * The stations page over a real hub's database with a catalogue that has names and coordinates
 * (the hub's own catalogue is filled by another feature): map, alarms, offline terminals, and the
 * operator's base map (the fictional counties of src/test/resources/map) or the hint to add one.
 */
class StationsPageTest {
  private static final StationInfo NANCHANG = new StationInfo(StationId.of("JX-NC-0001"),
      "南昌八一广场站", null, 28.6820, 115.8930);
  private static final StationInfo RUIJIN = new StationInfo(StationId.of("JX-RJ-0001"),
      "瑞金叶坪站", null, 25.9190, 116.0280);
  private static final StationInfo JINGGANG = new StationInfo(StationId.of("JX-JG-0001"),
      "井冈山茨坪站", null, 26.5730, 114.1680);

  @TempDir Path dir;
  private final HandClock clock = new HandClock(java.time.Instant.now());
  private Hub hub;
  private Database database;
  private Dashboard dashboard;
  private Javalin app;
  private Javalin mapApp;
  private Principal viewer;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dir));
    try (PahoTerminal full = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1");
        PahoTerminal gone = new PahoTerminal(hub, "JX-NC-0001", "kiosk-2");
        PahoTerminal replayed = new PahoTerminal(hub, "JX-GZ-0001", "replay-1")) {
      full.publishRaw(Topics.defaults().heartbeat(full.station, full.terminal),
          "{\"at\":\"2026-11-23T09:00:30.000+08:00\",\"queueDepth\":812,\"oldestUnackedAgeS\":5400,"
              + "\"cameraState\":\"degraded\",\"cameraDetail\":\"12 fps\",\"alarms\":[\"STORAGE_FULL\"]}");
      gone.publishRaw(Topics.defaults().status(gone.station, gone.terminal),
          "{\"state\":\"offline\",\"at\":\"2026-11-23T08:00:00.000+08:00\"}");
      replayed.publishRaw(Topics.defaults().heartbeat(replayed.station, replayed.terminal),
          "{\"at\":\"2026-11-23T09:00:30.000+08:00\",\"queueDepth\":0,\"cameraState\":\"stopped\","
              + "\"cameraDetail\":\"replay finished\"}");
      await().atMost(Duration.ofSeconds(20)).until(() -> hubTerminals() == 3);
    }
    database = Database.open(dir.resolve("hub.db"));
    HoursCalculator hours = new HoursCalculator(HoursCalculator.DEFAULT_MAX_SESSION, clock);
    Reports reports = new Reports(database);
    dashboard = new Dashboard(hub.config().dataDir(), hub.config().evidence(), clock, HubConfig.DEFAULT_ZONE, database,
        reports, hours, q -> reports.sessions(q), catalogue());
    app = serve(null);
  }

  /** The page on its own server, drawing on {@code map}; the viewer is whoever the test says. */
  private Javalin serve(BaseMap map) {
    Javalin server = Javalin.create(c -> c.showJavalinBanner = false);
    server.before(ctx -> ctx.attribute(Access.PRINCIPAL, viewer));
    StationsPage.register(server, dashboard, map);
    return server.start(0);
  }

  @AfterEach
  void stop() {
    if (mapApp != null) {
      mapApp.stop();
    }
    app.stop();
    database.close();
    hub.close();
  }

  @Test
  void stations_adminWithCoordinates_mapAlarmsAndOffline() {
    viewer = new Principal("admin", "Admin", Role.HUB_ADMIN, Set.of());
    try (Browser browser = Browser.start(1280, 900)) {
      browser.driver().get("http://127.0.0.1:" + app.port() + "/ui/stations");

      assertThat(browser.driver().findElements(By.cssSelector("#station-map .map-station")))
          .hasSize(3);
      String text = browser.driver().findElement(By.id("stations-body")).getText();
      assertThat(text).contains("瑞金叶坪站", "存储已满", "812", "1 小时 30 分钟", "降级", "视频源已播完",
          "离线", "尚未收到此站点终端的消息", "无终端").doesNotContain("STORAGE_FULL", "degraded", "0/0");
      assertThat(browser.driver().findElement(By.cssSelector(
          "[data-station=JX-NC-0001] .terminal")).getText()).contains("离线");
      assertThat(browser.driver().findElement(By.cssSelector("[data-station=JX-RJ-0001] .terminal td:nth-child(6)"))
          .getDomAttribute("class")).as("a degraded camera is an alarm").isEqualTo("bad");
      assertThat(browser.driver().findElement(By.cssSelector("[data-station=JX-GZ-0001] .terminal td:nth-child(6)"))
          .getDomAttribute("class")).as("a replay that has ended is not").isEqualTo("muted");
      browser.screenshot("dashboard-stations-map-zh");
    }
  }

  @Test
  void stations_heartbeatsStopped_terminalShownOffline() {
    viewer = new Principal("li", "Li", Role.STATION_MANAGER, Set.of(StationId.of("JX-RJ-0001")));
    // The test clock stood still while the hub received the heartbeat on the real clock.
    clock.advance(StationsPage.ONLINE_WITHIN.plusMinutes(2));
    try (Browser browser = Browser.start(1280, 900)) {
      browser.driver().get("http://127.0.0.1:" + app.port() + "/ui/stations?lang=en");

      String text = browser.driver().findElement(By.id("stations-body")).getText();
      assertThat(text).contains("瑞金叶坪站", "offline", "0/1 online")
          .doesNotContain("JX-NC-0001");
      assertThat(browser.driver().findElements(By.cssSelector("#station-map .map-station")))
          .as("only their station on the map").hasSize(1);
      browser.screenshot("dashboard-stations-offline-en");
    }
  }

  @Test
  void stations_noMap_dotsAsBeforeAndAnAdminIsToldHowToAddOne() {
    viewer = new Principal("admin", "Admin", Role.HUB_ADMIN, Set.of());
    HubHttp web = HubHttp.on(app.port());

    String zh = web.get("/ui/stations").text();
    String en = web.get("/ui/stations?lang=en").text();

    assertThat(zh).contains("viewBox=\"0 0 640 320\"").doesNotContain("<path", "id=\"map-regions\"", "审图号")
        .contains("<p id=\"map-hint\" class=\"muted\">管理员提示：启动平台时加 --map 文件");
    assertThat(en).contains("Admins: start the hub with --map FILE to draw your area's boundaries");
    assertThat(count(zh, "class=\"map-station\"")).isEqualTo(3);
  }

  @Test
  void stations_noMapStationManager_noHint() {
    viewer = new Principal("li", "Li", Role.STATION_MANAGER, Set.of(StationId.of("JX-RJ-0001")));
    HubHttp web = HubHttp.on(app.port());

    assertThat(web.get("/ui/stations").text()).doesNotContain("id=\"map-hint\"", "--map");
  }

  @Test
  void stations_withMap_regionsUnderTheDotsCaptionedWithTheApproval() {
    viewer = new Principal("admin", "Admin", Role.HUB_ADMIN, Set.of());
    BaseMap map = BaseMap.read(FictionalCounties.file(), null);
    mapApp = serve(map);
    HubHttp web = HubHttp.on(mapApp.port());

    String page = web.get("/ui/stations").text();

    assertThat(count(page, "<path d=\"M")).isEqualTo(4);
    assertThat(page).contains("<title>北湖县</title>", "<title>云洲区</title>",
        ">西岭县</text>", "viewBox=\"0.0 0.0 " + map.width() + ".0 " + map.height() + ".0\"",
        "<figcaption id=\"map-approval\" class=\"muted\" style=\"font-size:12px;text-align:right\">审图号：示例(0000)0000号</figcaption>")
        .doesNotContain("id=\"map-hint\"", "id=\"map-no-approval\"");
    assertThat(page.indexOf("id=\"map-regions\"")).as("regions under the dots")
        .isLessThan(page.indexOf("class=\"map-station\""));
    assertThat(count(page, "class=\"map-station\"")).isEqualTo(3);
    assertThat(web.get("/ui/stations?lang=en").text())
        .contains("Map approval number (审图号): 示例(0000)0000号");
  }

  @Test
  void stations_withMapRefresh_regionsLeftOutDotsAndListsSent() {
    viewer = new Principal("admin", "Admin", Role.HUB_ADMIN, Set.of());
    mapApp = serve(BaseMap.read(FictionalCounties.file(), null));
    HubHttp web = HubHttp.on(mapApp.port());

    String refresh = web.send(web.request("/ui/stations")
        .header(StationsPage.REFRESH_HEADER, "1")).text();

    assertThat(refresh).doesNotContain("<path", "北湖县").contains("id=\"map-regions\"", "瑞金叶坪站",
        "审图号");
    assertThat(count(refresh, "class=\"map-station\"")).isEqualTo(3);
  }

  @Test
  void stations_mapNamesAndApprovalFromTheFile_escaped() throws Exception {
    viewer = new Principal("admin", "Admin", Role.HUB_ADMIN, Set.of());
    Path file = dir.resolve("tags.geojson");
    Files.writeString(file, Files.readString(FictionalCounties.file()).replace("北湖县", "<b>北湖县</b>"));
    mapApp = serve(BaseMap.read(file, "<i>GS</i>"));
    HubHttp web = HubHttp.on(mapApp.port());

    assertThat(web.get("/ui/stations").text())
        .contains("<title>&lt;b", "审图号：&lt;i")
        .doesNotContain("<b>北湖县", "<i>GS");
  }

  @Test
  void stations_mapWithoutApproval_adminToldToSetOne_managerNot() throws Exception {
    Path unapproved = dir.resolve("unapproved.geojson");
    Files.writeString(unapproved, Files.readString(FictionalCounties.file())
        .replace("\"approval\":\"示例(0000)0000号\",", ""));
    mapApp = serve(BaseMap.read(unapproved, null));
    HubHttp web = HubHttp.on(mapApp.port());
    viewer = new Principal("admin", "Admin", Role.HUB_ADMIN, Set.of());

    assertThat(web.get("/ui/stations").text()).doesNotContain("id=\"map-approval\"")
        .contains("<p id=\"map-no-approval\" class=\"bad\">此地图未注明审图号");
    viewer = new Principal("li", "Li", Role.STATION_MANAGER, Set.of(StationId.of("JX-RJ-0001")));
    assertThat(web.get("/ui/stations").text()).doesNotContain("id=\"map-no-approval\"");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private long hubTerminals() {
    return HubHttp.api(hub).json("/api/stations").findValues("terminalId").size();
  }

  private static Catalogue catalogue() {
    List<StationInfo> stations = List.of(NANCHANG, RUIJIN, JINGGANG);
    return new Catalogue() {
      @Override public Optional<VolunteerInfo> volunteer(VolunteerId id) { return Optional.empty(); }
      @Override public List<StationInfo> stations() { return stations; }
      @Override public Optional<StationInfo> station(StationId id) {
        return stations.stream().filter(s -> s.id().equals(id)).findFirst();
      }
      @Override public List<Organisation> organisations() { return List.of(); }
      @Override public Optional<Organisation> organisation(String id) { return Optional.empty(); }
      @Override public List<ActivityInfo> activities() { return List.of(); }
      @Override public Optional<ActivityInfo> activity(String id) { return Optional.empty(); }
    };
  }
}
