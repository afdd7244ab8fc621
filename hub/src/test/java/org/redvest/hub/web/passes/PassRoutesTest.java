package org.redvest.hub.web.passes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.HubHttp;
import org.redvest.hub.domain.credentials.Credentials;
import org.redvest.hub.domain.passes.Passes;
import org.redvest.protocol.StationId;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.CredentialFlag;
import org.redvest.protocol.credential.Verdict;

/** The pass routes on a real Javalin and SQLite, with a clock the test moves. */
class PassRoutesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T01:00:05Z");

  @TempDir Path dir;
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private Credentials credentials;
  private Javalin app;
  private HubHttp http;

  @BeforeEach
  void start() {
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    credentials = Credentials.open(dir, clock);
    app = Javalin.create();
    PassRoutes.register(app, Passes.open(dir, credentials, clock, Passes.DEFAULT_STEP, Passes.DEFAULT_SKEW));
    app.start(0);
    http = HubHttp.on(app.port());
  }

  @AfterEach
  void stop() {
    app.stop();
    credentials.close();
  }

  @Test
  void code_sameWindowThenNextWindow_sameCodeThenFreshWindowedCredential() throws Exception {
    String url = create("V-360781-000123", "张三").get("url").asText();

    JsonNode first = json(url + "/code.json");
    now.set(T0.plusSeconds(20));
    JsonNode again = json(url + "/code.json");
    now.set(T0.plusSeconds(30));
    JsonNode next = json(url + "/code.json");

    assertThat(again.get("code").asText()).isEqualTo(first.get("code").asText());
    assertThat(next.get("window").asLong()).isEqualTo(first.get("window").asLong() + 1);
    assertThat(next.get("serial").asLong()).isNotEqualTo(first.get("serial").asLong());
    Credential c = verify(next.get("code").asText(), T0.plusSeconds(30));
    assertThat(c.flags()).contains(CredentialFlag.WINDOWED);
    assertThat(c.issuedAt()).isEqualTo(Instant.parse("2026-11-23T01:00:30Z"));
    assertThat(c.expiresAt()).isEqualTo(Instant.parse("2026-11-23T01:01:10Z"));
    assertThat(next.get("msLeft").asLong()).isEqualTo(25_000);
  }

  @Test
  void code_windowBeganBeforeTheIssuerKey_datedFromTheKeyAndAccepted() throws Exception {
    // the hub (and its first key) started at 01:00:05, 5 s into the window 01:00:00-01:00:30
    String url = create("V-360781-000124", "李四").get("url").asText();
    JsonNode first = json(url + "/code.json");

    Credential c = verify(first.get("code").asText(), T0.plusSeconds(1));
    assertThat(c.issuedAt()).isEqualTo(T0);
    assertThat(first.get("window").asLong()).isEqualTo(Instant.parse("2026-11-23T01:00:00Z").getEpochSecond() / 30);
  }

  @Test
  void page_revokedPass_isNotFoundAndShowsNoCode() throws Exception {
    JsonNode pass = create("V-1", null);
    String url = pass.get("url").asText();
    assertThat(http.get(url).status()).isEqualTo(200);

    http.postJson("/api/passes/" + pass.get("id").asLong() + "/revoke", "");

    HubHttp.Reply page = http.get(url);
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.text()).contains("撤销").doesNotContain("RVC1:");
    assertThat(http.get(url + "/code.json").status()).isEqualTo(404);
    assertThat(http.get("/pass/not-a-secret/code.png").status()).isEqualTo(404);
  }

  @Test
  void create_secret_onlyItsHashIsStored() throws Exception {
    String url = create("V-1", null).get("url").asText();
    String secret = url.substring("/pass/".length());

    byte[] db = Files.readAllBytes(dir.resolve(Passes.FILE_NAME));
    String text = new String(db, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain(secret).contains(Passes.sha256(secret));
  }

  private Credential verify(String code, Instant at) {
    Verdict v = credentials.roster().verifier(StationId.of("JX-RJ-0001"), Duration.ofMinutes(5)).verify(code, at);
    return ((Verdict.Valid) v).credential();
  }

  private JsonNode create(String volunteer, String name) {
    HubHttp.Reply r = http.postJson("/api/passes", "{\"volunteerId\":\"" + volunteer + "\""
        + (name == null ? "" : ",\"displayName\":\"" + name + "\"") + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  private JsonNode json(String path) {
    HubHttp.Reply r = http.get(path);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }
}
