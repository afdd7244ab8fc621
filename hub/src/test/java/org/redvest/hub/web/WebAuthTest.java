package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
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
import org.redvest.hub.HubHttp;
import org.redvest.hub.FleetLogins;
import org.redvest.hub.PahoTerminal;
import org.redvest.protocol.EventKind;
import org.redvest.testsupport.HandClock;

/** The guard on a real started hub: every route, sessions, roles, CSRF, throttling. */
class WebAuthTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** The routes that answer without sign-in, exactly; anything else must be refused. */
  private static final List<String> PUBLIC = List.of("GET /login", "POST /login", "POST /logout",
      "GET /health", "POST /api/fleet/provision", "POST /api/fleet/rotate");
  private static final List<String> PUBLIC_PREFIXES = List.of("/verify/", "/pass/", "/static/");

  @TempDir Path dir;
  private final HandClock clock = new HandClock(java.time.Instant.now());
  private Hub hub;
  /** Nobody, on the hub. */
  private HubHttp web;

  @BeforeEach
  void start() {
    hub = Hub.start(HubConfig.local(dir), clock);
    web = HubHttp.of(hub);
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
          .header("Origin", web.base())
          .method(method, HttpRequest.BodyPublishers.noBody());
      HubHttp.Reply r = web.send(request);
      // The guard's refusal: 401 with WWW-Authenticate (a wrong password on /login is a 401 too).
      boolean refused = r.status() == 401 && r.header("WWW-Authenticate").isPresent();
      if (isPublic == refused) {
        problems.add(route + " -> " + r.status());
      }
      if (!isPublic && method.equals("GET")) {
        HubHttp.Reply page = web.send(web.request(path).header("Accept", "text/html"));
        if (page.status() != 302 || !page.header("Location").orElse("")
            .startsWith("/login?next=")) {
          problems.add(route + " as a page -> " + page.status());
        }
      }
    }
    assertThat(problems).as("routes answering without sign-in (or public ones refusing)").isEmpty();
  }

  @Test
  void guard_forgedCookieOrWrongToken_refused() {
    assertThat(web.asSession("forged-session-token").get("/api/stations").status()).isEqualTo(401);
    assertThat(web.asBearer("not-the-token").get("/api/stations").status()).isEqualTo(401);
    assertThat(web.asBearer(hub.apiToken()).get("/api/stations").status()).isEqualTo(200);
  }

  @Test
  void session_idleLongerThan12Hours_expires() throws Exception {
    HubHttp admin = web.signIn("admin", adminPassword());
    assertThat(admin.get("/api/stations").status()).isEqualTo(200);

    clock.advance(Duration.ofHours(11));
    assertThat(admin.get("/api/stations").status()).as("used within 12 h").isEqualTo(200);
    clock.advance(Duration.ofHours(12).plusMinutes(1));

    assertThat(admin.get("/api/stations").status()).isEqualTo(401);
  }

  @Test
  void logout_endsTheSession() throws Exception {
    HubHttp admin = web.signIn("admin", adminPassword());

    HubHttp.Reply out = admin.postForm("/logout", Map.of());

    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(admin.get("/api/stations").status()).isEqualTo(401);
  }

  @Test
  void signIn_cookie_isHttpOnlyAndSameSiteStrict() throws Exception {
    HubHttp.Reply r = web.postForm("/login",
        Map.of("username", "admin", "password", adminPassword(), "next", "//evil.example/x"));

    assertThat(r.header("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Strict");
    assertThat(r.header("Location")).as("no open redirect").hasValue("/ui/live");
  }

  @Test
  void signIn_wrongPasswordOrUnknownUser_sameAnswer() throws Exception {
    HubHttp.Reply wrong = web.postForm("/login",
        Map.of("username", "admin", "password", "wrong-password"));
    HubHttp.Reply unknown = web.postForm("/login",
        Map.of("username", "nobody", "password", "wrong-password"));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(error(wrong.text())).isEqualTo(error(unknown.text())).isNotEmpty();
  }

  @Test
  void signIn_sixthTryInAMinute_refusedEvenWithRightPassword() throws Exception {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      web.postForm("/login", Map.of("username", "admin", "password", "guess-" + i));
    }
    HubHttp.Reply blocked = web.postForm("/login",
        Map.of("username", "admin", "password", adminPassword()));
    assertThat(blocked.status()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(61));
    assertThat(web.postForm("/login", Map.of("username", "admin", "password", adminPassword()))
        .status()).isEqualTo(303);
  }

  @Test
  void formPost_fromAnotherSite_refused() throws Exception {
    HubHttp admin = web.signIn("admin", adminPassword());
    String body = "username=mallory&displayName=M&role=HUB_ADMIN&stations=&password=password-1";

    HubHttp.Reply evil = admin.send(admin.request("/ui/users").header("Origin", "http://evil.example")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    HubHttp.Reply bare = admin.send(admin.request("/ui/users")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(evil.status()).isEqualTo(403);
    assertThat(bare.status()).as("neither Origin nor Referer").isEqualTo(403);
    assertThat(admin.get("/ui/users").text()).doesNotContain("mallory");
  }

  @Test
  void health_withoutSignIn_saysOnlyUpOrDown() throws Exception {
    JsonNode anonymous = web.json("/health");
    JsonNode staff = HubHttp.api(hub).json("/health");

    assertThat(anonymous.properties()).hasSize(1);
    assertThat(anonymous.path("status").asText()).isEqualTo("UP");
    assertThat(staff.has("counts")).isTrue();
  }

  @Test
  void root_signedIn_redirectsToLive() throws Exception {
    HubHttp admin = web.signIn("admin", adminPassword());

    HubHttp.Reply r = admin.get("/");

    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).hasValue("/ui/live");
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
    web = HubHttp.of(hub);

    assertThat(hub.apiToken()).isEqualTo(token);
    assertThat(web.signIn("admin", password).sessionCookie()).isNotEmpty();
  }

  @Test
  void stationManager_seesOnlyOwnStation_403ForOthersAndAdminApi() throws Exception {
    try (PahoTerminal mine = new PahoTerminal(hub, "JX-RJ-0001", "k1");
        PahoTerminal other = new PahoTerminal(hub, "JX-RJ-0002", "k1")) {
      mine.publish(mine.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));
      mine.publish(mine.event(2, "V-1", EventKind.CHECK_OUT, "2026-11-23T09:00:00+08:00"));
      other.publish(other.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T10:00:00+08:00"));
      other.publish(other.event(2, "V-1", EventKind.CHECK_OUT, "2026-11-23T12:00:00+08:00"));
      await().atMost(WAIT).until(() -> HubHttp.api(hub).json("/api/sessions").size() == 2);
    }
    HubHttp admin = web.signIn("admin", adminPassword());
    HubHttp.Reply created = admin.postForm("/ui/users", Map.of("username", "li",
        "displayName", "李站长", "role", "STATION_MANAGER", "stations", "JX-RJ-0001",
        "password", "station-pass-1"));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    HubHttp li = web.signIn("li", "station-pass-1");

    assertThat(li.json("/api/stations").findValuesAsText("stationId"))
        .containsExactly("JX-RJ-0001");
    assertThat(li.json("/api/sessions").findValuesAsText("stationId"))
        .containsExactly("JX-RJ-0001");
    assertThat(li.json("/api/volunteers/V-1/hours").path("totalMinutes").asLong())
        .as("only the hour at their station").isEqualTo(60);
    assertThat(li.get("/api/sessions?stationId=JX-RJ-0002").status()).isEqualTo(403);
    for (String path : List.of("/api/dead-letters", "/api/dead-letters/", "//api/dead-letters",
        "/api//dead-letters", "/api/anomalies?limit=5")) {
      assertThat(li.get(path).status()).as(path).isIn(403, 404);
    }
    assertThat(li.get("/ui/users").status()).isEqualTo(403);
    assertThat(li.postForm("/api/issuer-keys/rotate", Map.of()).status()).isEqualTo(403);
    assertThat(admin.json("/api/stations").findValuesAsText("stationId"))
        .containsExactly("JX-RJ-0001", "JX-RJ-0002");
  }

  @Test
  void stationManager_fleetHoldRoutes_refused403() throws Exception {
    FleetLogins.of(hub, "JX-RJ-0001", "k1");
    HubHttp admin = web.signIn("admin", adminPassword());
    admin.postForm("/ui/users", Map.of("username", "zhao", "displayName", "赵站长",
        "role", "STATION_MANAGER", "stations", "JX-RJ-0001", "password", "station-pass-3"));
    HubHttp zhao = web.signIn("zhao", "station-pass-3");

    assertThat(zhao.get("/api/fleet/held").status()).isEqualTo(403);
    for (String path : List.of("/api/fleet/terminals/JX-RJ-0001/k1/revoke?mode=hold",
        "/api/fleet/terminals/JX-RJ-0001/k1/end-hold", "/api/fleet/terminals/JX-RJ-0001/k1/release-held",
        "/api/fleet/held/1/release", "/api/fleet/held/1/discard", "/ui/fleet/JX-RJ-0001/k1/revoke",
        "/ui/fleet/JX-RJ-0001/k1/end-hold", "/ui/fleet/JX-RJ-0001/k1/release-held",
        "/ui/fleet/held/1/release", "/ui/fleet/held/1/discard",
        "/api/fleet/terminals/JX-RJ-0001/k1/request-rotation", "/ui/fleet/JX-RJ-0001/k1/request-rotation")) {
      assertThat(zhao.postForm(path, Map.of("mode", "hold")).status()).as(path).isEqualTo(403);
    }
    assertThat(hub.fleet().terminal(org.redvest.protocol.fleet.TerminalAccount.of("JX-RJ-0001", "k1"))
        .orElseThrow().revoked()).isFalse();
    assertThat(hub.fleet().rotationRequested(org.redvest.protocol.fleet.TerminalAccount.of("JX-RJ-0001", "k1")))
        .isEmpty();
  }

  @Test
  void disabledUser_sessionEndsAndCannotSignIn() throws Exception {
    HubHttp admin = web.signIn("admin", adminPassword());
    admin.postForm("/ui/users", Map.of("username", "wang", "displayName", "王",
        "role", "STATION_MANAGER", "stations", "JX-RJ-0001", "password", "station-pass-2"));
    HubHttp wang = web.signIn("wang", "station-pass-2");

    assertThat(admin.postForm("/ui/users/wang/disable", Map.of()).status()).isEqualTo(200);

    assertThat(wang.get("/api/stations").status()).isEqualTo(401);
    assertThat(web.postForm("/login", Map.of("username", "wang", "password", "station-pass-2"))
        .status()).isEqualTo(401);
  }

  private String adminPassword() throws Exception {
    return Files.readString(dir.resolve(WebAuth.ADMIN_PASSWORD_FILE)).strip();
  }

  private static String error(String html) {
    int at = html.indexOf("id=\"login-error\">");
    return at < 0 ? "" : html.substring(at, html.indexOf("</p>", at));
  }
}
