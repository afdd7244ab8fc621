package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.HubHttp;
import org.redvest.hub.PahoTerminal;
import org.redvest.hub.web.map.FictionalCounties;
import org.redvest.protocol.Topics;
import org.redvest.testsupport.Browser;

/**
 * The stations page of a hub started with {@code --map} (the fictional counties of
 * src/test/resources/map), in a real browser: the regions under the dots, each station's dot
 * inside its county, the approval number under the map, and the regions kept across refreshes.
 */
class StationMapBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Station, its fictional county. */
  private static final List<List<String>> PLACES = List.of(List.of("JX-NC-0001", "北湖县"),
      List.of("JX-RJ-0001", "南川县"), List.of("JX-JG-0001", "西岭县"));

  @TempDir Path dir;
  private Hub hub;
  private PahoTerminal ruijin;
  private String base;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dir).withMap(new HubConfig.MapFile(FictionalCounties.file(), null)));
    base = "http://127.0.0.1:" + hub.httpPort();
    importStations("id,name,latitude,longitude\nJX-NC-0001,南昌八一广场站,28.6820,115.8930\n"
        + "JX-RJ-0001,瑞金叶坪站,25.9190,116.0280\nJX-JG-0001,井冈山茨坪站,26.5730,114.1680\n");
    ruijin = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1");
    ruijin.publishRaw(Topics.defaults().heartbeat(ruijin.station, ruijin.terminal),
        "{\"at\":\"2026-11-23T09:00:30.000+08:00\",\"queueDepth\":0,\"cameraState\":\"ok\"}");
  }

  @AfterEach
  void stop() throws Exception {
    ruijin.close();
    hub.close();
  }

  @Test
  void stations_onTheBaseMap_dotsInTheirCountiesOnTop_captioned_regionsKeptOnRefresh() throws Exception {
    try (Browser browser = Browser.start(1280, 900)) {
      ChromeDriver driver = browser.driver();
      SignIn.as(driver, base, "/ui/stations", "admin", adminPassword());
      await().atMost(WAIT).until(() -> driver.findElement(By.cssSelector("[data-station=JX-RJ-0001] circle"))
          .getDomAttribute("fill").equals("#1b7f3b"));

      assertThat(driver.findElements(By.cssSelector("#map-regions path"))).hasSize(4);
      assertThat(driver.findElements(By.cssSelector("#map-regions text.map-region-name")))
          .extracting(WebElement::getText).containsExactly("北湖县", "西岭县", "南川县", "云洲区");
      assertThat(driver.findElement(By.id("map-approval")).getText()).isEqualTo("审图号：示例(0000)0000号");
      assertThat(driver.findElements(By.id("map-hint"))).isEmpty();
      assertDotsInTheirCountiesOnTop(driver);
      browser.screenshot("dashboard-stations-basemap-zh");

      driver.executeScript("document.getElementById('stations-body').dataset.old='1'");
      await().atMost(WAIT).until(() -> driver.findElement(By.id("stations-body"))
          .getDomAttribute("data-old") == null);
      assertThat(driver.findElements(By.cssSelector("#map-regions path"))).as("kept").hasSize(4);
      assertDotsInTheirCountiesOnTop(driver);
      long page = (Long) driver.executeScript(
          "return performance.getEntriesByType('navigation')[0].decodedBodySize");
      long refresh = (Long) driver.executeScript("var f = performance.getEntriesByType('resource')"
          + ".filter(function(e) { return e.initiatorType === 'fetch'; }); return f[0].decodedBodySize");
      long paths = (Long) driver.executeScript("return Array.from(document.querySelectorAll("
          + "'#map-regions path')).reduce(function(n, p) { return n + p.getAttribute('d').length; }, 0)");
      assertThat(refresh).as("the refresh came without the regions").isLessThan(page - paths);

      driver.get(base + "/ui/stations?lang=en");
      assertThat(driver.findElement(By.id("map-approval")).getText())
          .isEqualTo("Map approval number (审图号): 示例(0000)0000号");
      browser.screenshot("dashboard-stations-basemap-en");
    }
  }

  /** Each station's dot is in its county's fill, and is what a click there would hit. */
  private static void assertDotsInTheirCountiesOnTop(ChromeDriver driver) {
    for (List<String> place : PLACES) {
      WebElement circle = driver.findElement(By.cssSelector("[data-station=" + place.get(0) + "] circle"));
      WebElement county = driver.findElement(By.xpath("//*[@id='map-regions']/*[local-name()='path']"
          + "[*[local-name()='title']='" + place.get(1) + "']"));
      Object inFill = driver.executeScript("return arguments[0].isPointInFill({x: Number(arguments[1]),"
          + " y: Number(arguments[2])})", county, circle.getDomAttribute("cx"), circle.getDomAttribute("cy"));
      assertThat(inFill).as(place.toString()).isEqualTo(true);
      Object hit = driver.executeScript("var r = arguments[0].getBoundingClientRect();"
          + " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2).tagName", circle);
      assertThat(hit).as(place + " on top").isEqualTo("circle");
    }
  }

  private void importStations(String csv) throws Exception {
    HubHttp api = HubHttp.api(hub);
    HubHttp.Reply reply = api.post("/api/imports?kind=stations", "text/csv", csv);
    assertThat(reply.status()).as(reply.text()).isEqualTo(202);
    String id = reply.json().path("id").asText();
    await().atMost(WAIT).until(() -> "DONE".equals(api.json("/api/imports/" + id).path("state").asText()));
  }

  private String adminPassword() throws Exception {
    return Files.readString(dir.resolve(WebAuth.ADMIN_PASSWORD_FILE)).strip();
  }
}
