package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.FleetLogins;
import org.redvest.hub.PahoTerminal;
import org.redvest.protocol.EventKind;
import org.redvest.testsupport.HandClock;

/** The guard on a real started hub: every route, sessions, roles, CSRF, throttling. */
class WebAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** The routes that answer without sign-in, exactly; anything else must be refused. */
  private static final List<String> PUBLIC = List.of("GET /login", "POST /login", "POST /logout",
      "GET /health", "POST /api/fleet/provision", "POST /api/fleet/rotate");
  private static final List<String> PUBLIC_PREFIXES = List.of("/verify/", "/pass/", "/static/");

  @TempDir Path dir;
  private final HandClock clock = new HandClock(java.time.Instant.now());
  private Hub hub;
  private WebClient web;

  @BeforeEach
  void start() {
    hub = Hub.start(HubConfig.local(dir), clock);
    web = new WebClient(hub.httpPort());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void everyRoute_withoutCredentials_isRefusedUnlessListedPublic() {
    List<String> routes = hub.routes();
    assertThat(routes).as("the enumeration sees the real routes")
        .contains("GET /api/stations", "GET /ui/live", "GET /ui/live/stream", "GET /ui/users",
            "POST /api/issuer-keys/rotate", "GET /login");
    List<String> problems = new ArrayList<>();
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1")
          .replace("<", "").replace(">", "");
      boolean isPublic = PUBLIC.contains(route)
          || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
      HttpRequest.Builder request = web.request(path).header("Accept", "application/json")
          .header("Origin", web.origin())
          .method(method, HttpRequest.BodyPublishers.noBody());
      HttpResponse<String> r = web.send(request);
      // The guard's refusal: 401 with WWW-Authenticate (a wrong password on /login is a 401 too).
      boolean refused = r.statusCode() == 401 && r.headers().firstValue("WWW-Authenticate").isPresent();
      if (isPublic == refused) {
        problems.add(route + " -> " + r.statusCode());
      }
      if (!isPublic && method.equals("GET")) {
        HttpResponse<String> page = web.send(web.request(path).header("Accept", "text/html"));
        if (page.statusCode() != 302 || !page.headers().firstValue("Location").orElse("")
            .startsWith("/login?next=")) {
          problems.add(route + " as a page -> " + page.statusCode());
        }
      }
    }
    assertThat(problems).as("routes answering without sign-in (or public ones refusing)").isEmpty();
  }

  @Test
  void guard_forgedCookieOrWrongToken_refused() {
    assertThat(web.get("/api/stations", "forged-session-token").statusCode()).isEqualTo(401);
    assertThat(web.bearer("/api/stations", "not-the-token").statusCode()).isEqualTo(401);
    assertThat(web.bearer("/api/stations", hub.apiToken()).statusCode()).isEqualTo(200);
  }

  @Test
  void session_idleLongerThan12Hours_expires() throws Exception {
    String cookie = web.signIn("admin", adminPassword());
    assertThat(web.get("/api/stations", cookie).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofHours(11));
    assertThat(web.get("/api/stations", cookie).statusCode()).as("used within 12 h").isEqualTo(200);
    clock.advance(Duration.ofHours(12).plusMinutes(1));

    assertThat(web.get("/api/stations", cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void logout_endsTheSession() throws Exception {
    String cookie = web.signIn("admin", adminPassword());

    HttpResponse<String> out = web.post("/logout", cookie, Map.of());

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(web.get("/api/stations", cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void signIn_cookie_isHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> r = web.post("/login", null,
        Map.of("username", "admin", "password", adminPassword(), "next", "//evil.example/x"));

    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Strict");
    assertThat(r.headers().firstValue("Location")).as("no open redirect").hasValue("/ui/live");
  }

  @Test
  void signIn_wrongPasswordOrUnknownUser_sameAnswer() throws Exception {
    HttpResponse<String> wrong = web.post("/login", null,
        Map.of("username", "admin", "password", "wrong-password"));
    HttpResponse<String> unknown = web.post("/login", null,
        Map.of("username", "nobody", "password", "wrong-password"));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(error(wrong.body())).isEqualTo(error(unknown.body())).isNotEmpty();
  }

  @Test
  void signIn_sixthTryInAMinute_refusedEvenWithRightPassword() throws Exception {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      web.post("/login", null, Map.of("username", "admin", "password", "guess-" + i));
    }
    HttpResponse<String> blocked = web.post("/login", null,
        Map.of("username", "admin", "password", adminPassword()));
    assertThat(blocked.statusCode()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(61));
    assertThat(web.post("/login", null, Map.of("username", "admin", "password", adminPassword()))
        .statusCode()).isEqualTo(303);
  }

  @Test
  void formPost_fromAnotherSite_refused() throws Exception {
    String cookie = web.signIn("admin", adminPassword());
    String body = WebClient.form(Map.of("username", "mallory", "displayName", "M",
        "role", "HUB_ADMIN", "stations", "", "password", "password-1"));

    HttpResponse<String> evil = web.send(web.request("/ui/users")
        .header("Cookie", WebAuth.COOKIE + "=" + cookie).header("Origin", "http://evil.example")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> bare = web.send(web.request("/ui/users")
        .header("Cookie", WebAuth.COOKIE + "=" + cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(bare.statusCode()).as("neither Origin nor Referer").isEqualTo(403);
    assertThat(web.get("/ui/users", cookie).body()).doesNotContain("mallory");
  }

  @Test
  void health_withoutSignIn_saysOnlyUpOrDown() throws Exception {
    JsonNode anonymous = JSON.readTree(web.get("/health", null).body());
    JsonNode staff = JSON.readTree(web.bearer("/health", hub.apiToken()).body());

    assertThat(anonymous.properties()).hasSize(1);
    assertThat(anonymous.path("status").asText()).isEqualTo("UP");
    assertThat(staff.has("counts")).isTrue();
  }

  @Test
  void root_signedIn_redirectsToLive() throws Exception {
    String cookie = web.signIn("admin", adminPassword());

    HttpResponse<String> r = web.get("/", cookie);

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/ui/live");
  }

  @Test
  void firstStart_writesOwnerOnlyPasswordAndTokenFiles() throws Exception {
    for (String file : List.of(WebAuth.ADMIN_PASSWORD_FILE, ApiToken.FILE)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
          .as(file).isEqualTo("rw-------");
    }
    assertThat(Files.readString(dir.resolve(ApiToken.FILE)).strip()).isEqualTo(hub.apiToken());
  }

  @Test
  void restart_keepsUsersAndToken() throws Exception {
    String token = hub.apiToken();
    String password = adminPassword();
    hub.close();

    hub = Hub.start(HubConfig.local(dir), clock);
    web = new WebClient(hub.httpPort());

    assertThat(hub.apiToken()).isEqualTo(token);
    assertThat(web.signIn("admin", password)).isNotEmpty();
  }

  @Test
  void stationManager_seesOnlyOwnStation_403ForOthersAndAdminApi() throws Exception {
    try (PahoTerminal mine = new PahoTerminal(hub, "JX-RJ-0001", "k1");
        PahoTerminal other = new PahoTerminal(hub, "JX-RJ-0002", "k1")) {
      mine.publish(mine.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));
      mine.publish(mine.event(2, "V-1", EventKind.CHECK_OUT, "2026-11-23T09:00:00+08:00"));
      other.publish(other.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T10:00:00+08:00"));
      other.publish(other.event(2, "V-1", EventKind.CHECK_OUT, "2026-11-23T12:00:00+08:00"));
      await().atMost(WAIT).until(() -> json(web.bearer("/api/sessions", hub.apiToken())).size() == 2);
    }
    String admin = web.signIn("admin", adminPassword());
    HttpResponse<String> created = web.post("/ui/users", admin, Map.of("username", "li",
        "displayName", "李站长", "role", "STATION_MANAGER", "stations", "JX-RJ-0001",
        "password", "station-pass-1"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String li = web.signIn("li", "station-pass-1");

    assertThat(json(web.get("/api/stations", li)).findValuesAsText("stationId"))
        .containsExactly("JX-RJ-0001");
    assertThat(json(web.get("/api/sessions", li)).findValuesAsText("stationId"))
        .containsExactly("JX-RJ-0001");
    assertThat(json(web.get("/api/volunteers/V-1/hours", li)).path("totalMinutes").asLong())
        .as("only the hour at their station").isEqualTo(60);
    assertThat(web.get("/api/sessions?stationId=JX-RJ-0002", li).statusCode()).isEqualTo(403);
    for (String path : List.of("/api/dead-letters", "/api/dead-letters/", "//api/dead-letters",
        "/api//dead-letters", "/api/anomalies?limit=5")) {
      assertThat(web.get(path, li).statusCode()).as(path).isIn(403, 404);
    }
    assertThat(web.get("/ui/users", li).statusCode()).isEqualTo(403);
    assertThat(web.post("/api/issuer-keys/rotate", li, Map.of()).statusCode()).isEqualTo(403);
    assertThat(json(web.get("/api/stations", admin)).findValuesAsText("stationId"))
        .containsExactly("JX-RJ-0001", "JX-RJ-0002");
  }

  @Test
  void stationManager_fleetHoldRoutes_refused403() throws Exception {
    FleetLogins.of(hub, "JX-RJ-0001", "k1");
    String admin = web.signIn("admin", adminPassword());
    web.post("/ui/users", admin, Map.of("username", "zhao", "displayName", "赵站长",
        "role", "STATION_MANAGER", "stations", "JX-RJ-0001", "password", "station-pass-3"));
    String zhao = web.signIn("zhao", "station-pass-3");

    assertThat(web.get("/api/fleet/held", zhao).statusCode()).isEqualTo(403);
    for (String path : List.of("/api/fleet/terminals/JX-RJ-0001/k1/revoke?mode=hold",
        "/api/fleet/terminals/JX-RJ-0001/k1/end-hold", "/api/fleet/terminals/JX-RJ-0001/k1/release-held",
        "/api/fleet/held/1/release", "/api/fleet/held/1/discard", "/ui/fleet/JX-RJ-0001/k1/revoke",
        "/ui/fleet/JX-RJ-0001/k1/end-hold", "/ui/fleet/JX-RJ-0001/k1/release-held",
        "/ui/fleet/held/1/release", "/ui/fleet/held/1/discard",
        "/api/fleet/terminals/JX-RJ-0001/k1/request-rotation", "/ui/fleet/JX-RJ-0001/k1/request-rotation")) {
      assertThat(web.post(path, zhao, Map.of("mode", "hold")).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(hub.fleet().terminal(org.redvest.protocol.fleet.TerminalAccount.of("JX-RJ-0001", "k1"))
        .orElseThrow().revoked()).isFalse();
    assertThat(hub.fleet().rotationRequested(org.redvest.protocol.fleet.TerminalAccount.of("JX-RJ-0001", "k1")))
        .isEmpty();
  }

  @Test
  void disabledUser_sessionEndsAndCannotSignIn() throws Exception {
    String admin = web.signIn("admin", adminPassword());
    web.post("/ui/users", admin, Map.of("username", "wang", "displayName", "王",
        "role", "STATION_MANAGER", "stations", "JX-RJ-0001", "password", "station-pass-2"));
    String wang = web.signIn("wang", "station-pass-2");

    assertThat(web.post("/ui/users/wang/disable", admin, Map.of()).statusCode()).isEqualTo(200);

    assertThat(web.get("/api/stations", wang).statusCode()).isEqualTo(401);
    assertThat(web.post("/login", null, Map.of("username", "wang", "password", "station-pass-2"))
        .statusCode()).isEqualTo(401);
  }

  private String adminPassword() throws Exception {
    return Files.readString(dir.resolve(WebAuth.ADMIN_PASSWORD_FILE)).strip();
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(r.statusCode() + " " + r.body(), e);
    }
  }

  private static String error(String html) {
    int at = html.indexOf("id=\"login-error\">");
    return at < 0 ? "" : html.substring(at, html.indexOf("</p>", at));
  }
}
