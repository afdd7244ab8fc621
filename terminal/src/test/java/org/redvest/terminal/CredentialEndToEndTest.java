package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.credential.BadgePolicy;

/**
 * Signed credentials on real parts: the hub issues and revokes over HTTP and publishes the roster
 * on its embedded broker; terminals (SQLite outbox and refusal log, Paho) verify codes offline,
 * record refusals and deliver them; the hub lists refusals and flags a replayed credential.
 */
class CredentialEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void scan_validRevokedAndForgedCodes_validRecordedOthersRefusedWithReasonAndListedAtHub() throws Exception {
    String valid = issue("V-1", "{\"displayName\":\"张三\"}").get("code").asText();
    JsonNode lost = issue("V-2", "{\"displayName\":\"李四\"}");
    post("/api/credentials/" + lost.get("serial").asLong() + "/revoke", "{\"reason\":\"badge lost\"}");
    String forged = valid.substring(0, valid.length() - 3) + (valid.endsWith("000") ? "111" : "000");
    RecordingScreen screen = new RecordingScreen();

    try (Terminal kiosk = start("kiosk-1", screen, BadgePolicy.defaults())) {
      awaitRoster(kiosk, 2);
      kiosk.kiosk().onScannerLine(valid);
      kiosk.kiosk().onScannerLine(lost.get("code").asText());
      kiosk.kiosk().onScannerLine(forged);

      assertThat(screen.lines).hasSize(3);
      assertThat(screen.lines.get(0)).startsWith("CHECK_IN 张三");
      assertThat(screen.lines.get(1)).startsWith("REFUSED 凭证已作废");
      assertThat(screen.lines.get(2)).satisfiesAnyOf(
          l -> assertThat(l).startsWith("REFUSED 凭证签名无效"), l -> assertThat(l).startsWith("REFUSED 凭证格式错误"));
      assertThat(kiosk.refusals().lastSeq()).isEqualTo(2);
      await().atMost(WAIT).until(() -> kiosk.refusals().committedSeq() == 2);
      assertThat(kiosk.awaitDrained(WAIT)).isTrue();
    }
    JsonNode refusals = get("/api/refusals");
    assertThat(refusals).hasSize(2);
    assertThat(refusals.findValuesAsText("reason")).contains("REVOKED");
    assertThat(refusals.findValuesAsText("volunteerId")).contains("V-2");
    JsonNode event = local.client().events(STATION.value(), "kiosk-1").get(0);
    assertThat(event.get("credentialSerial").asLong()).isPositive();
    assertThat(event.get("credentialKeyId").asText()).isEqualTo(local.hub().credentials().currentKeyId());
  }

  @Test
  void scan_credentialReplayedAtSecondTerminalInsideWindow_flaggedAtHub() throws Exception {
    String code = issue("V-7", "{\"displayName\":\"王五\"}").get("code").asText();

    try (Terminal first = start("kiosk-1", new RecordingScreen(), BadgePolicy.defaults());
        Terminal second = start("kiosk-2", new RecordingScreen(), BadgePolicy.defaults())) {
      awaitRoster(first, 1);
      awaitRoster(second, 1);
      first.kiosk().onScannerLine(code);
      second.kiosk().onScannerLine(code);
      assertThat(first.awaitDrained(WAIT)).isTrue();
      assertThat(second.awaitDrained(WAIT)).isTrue();
    }

    JsonNode anomalies = get("/api/anomalies");
    assertThat(anomalies.findValuesAsText("kind")).contains("CREDENTIAL_AT_TWO_TERMINALS");
    JsonNode replay = anomalies.get(0);
    assertThat(replay.get("volunteerId").asText()).isEqualTo("V-7");
    assertThat(replay.get("detail").asText()).contains("kiosk-1").contains("kiosk-2");
  }

  @Test
  void scan_windowedPassCodeAtTwoTerminals_eachOnceThenUsedAndFlaggedAtHub() throws Exception {
    String url = post("/api/passes", "{\"volunteerId\":\"V-8\",\"displayName\":\"赵六\"}").get("url").asText();
    RecordingScreen firstScreen = new RecordingScreen();
    String code;

    try (Terminal first = start("kiosk-1", firstScreen, BadgePolicy.defaults());
        Terminal second = start("kiosk-2", new RecordingScreen(), BadgePolicy.defaults())) {
      awaitRoster(first, 1);
      awaitRoster(second, 1);
      // Early in a window, so the code (valid to the window's end + 10 s) outlives the restart below.
      await().atMost(Duration.ofSeconds(35)).pollInterval(Duration.ofMillis(500))
          .until(() -> get(url + "/code.json").get("msLeft").asLong() > 20_000);
      code = get(url + "/code.json").get("code").asText();
      first.kiosk().onScannerLine(code);
      second.kiosk().onScannerLine(code);
      assertThat(first.awaitDrained(WAIT)).isTrue();
      assertThat(second.awaitDrained(WAIT)).isTrue();
    }
    RecordingScreen restartedScreen = new RecordingScreen();
    try (Terminal restarted = start("kiosk-1", restartedScreen, BadgePolicy.defaults())) {
      restarted.kiosk().onScannerLine(code);
    }

    assertThat(firstScreen.lines).hasSize(1).first().asString().startsWith("CHECK_IN 赵六");
    assertThat(restartedScreen.lines).containsExactly("REFUSED 通行码已使用 (already used)");
    JsonNode anomalies = get("/api/anomalies");
    assertThat(anomalies.findValuesAsText("kind")).contains("CREDENTIAL_AT_TWO_TERMINALS");
    assertThat(anomalies.findValuesAsText("volunteerId")).contains("V-8");
  }

  @Test
  void restart_withoutHub_savedRosterStillVerifiesAndRefusesRevoked() throws Exception {
    String valid = issue("V-1", "").get("code").asText();
    JsonNode lost = issue("V-2", "");
    post("/api/credentials/" + lost.get("serial").asLong() + "/revoke", "");
    try (Terminal online = start("kiosk-1", new RecordingScreen(), BadgePolicy.defaults())) {
      awaitRoster(online, 2);
    }
    local.hub().close();

    RecordingScreen screen = new RecordingScreen();
    try (Terminal offline = start("kiosk-1", screen, BadgePolicy.signedOnly())) {
      offline.kiosk().onScannerLine(valid);
      offline.kiosk().onScannerLine(lost.get("code").asText());
      offline.kiosk().onScannerLine("RV1:V-3:赵六");
    }

    assertThat(screen.lines).hasSize(3);
    assertThat(screen.lines.get(0)).startsWith("CHECK_IN V-1");
    assertThat(screen.lines.get(1)).startsWith("REFUSED 凭证已作废");
    assertThat(screen.lines.get(2)).startsWith("REFUSED 本站点只接受签名凭证");
  }

  private Terminal start(String terminal, RecordingScreen screen, BadgePolicy policy) {
    FleetJoin.join(local.hub(), dir.resolve(terminal), STATION, TerminalId.of(terminal));
    TerminalConfig config = TerminalConfig.replay(dir.resolve("unused.mp4"), STATION, TerminalId.of(terminal),
        local.hub().mqttUrl(), dir.resolve(terminal), Instant.now()).withResendAfter(Duration.ofMillis(500));
    return Terminal.start(config, screen, null, policy);
  }

  private static void awaitRoster(Terminal terminal, long version) {
    await().atMost(WAIT).until(() -> terminal.codeReader().roster().map(r -> r.version() >= version).orElse(false));
  }

  private JsonNode issue(String volunteer, String body) throws Exception {
    return post("/api/volunteers/" + volunteer + "/credentials", body);
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Bearer " + local.hub().apiToken())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  private JsonNode get(String path) {
    return local.client().get(path);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + local.hub().httpPort() + path);
  }
}
