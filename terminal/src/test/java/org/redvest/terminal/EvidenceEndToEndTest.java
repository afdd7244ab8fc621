package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.credential.BadgePolicy;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;

/**
 * Evidence and tamper evidence on real parts (issue #4): kiosks with SQLite outboxes publish with
 * Paho to the hub's embedded broker; the hub grades sessions from the stored payloads and verifies
 * each terminal's hash chain, read back over HTTP.
 */
class EvidenceEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sessions_signedPlainAndManual_gradedVerifiedNeedsReviewAttested() throws Exception {
    String signed = issue("V-1");
    // Over MQTT with TLS, pinned to the hub's key from provisioning (events, roster, records).
    try (Terminal kiosk = start("kiosk-1", "ssl://127.0.0.1:" + local.hub().mqttTlsPort())) {
      await().atMost(WAIT).until(() -> kiosk.codeReader().roster().isPresent() && kiosk.isConnected());
      kiosk.kiosk().onScannerLine(signed);
      kiosk.kiosk().onScannerLine(signed);
      kiosk.kiosk().onScannerLine("RV1:V-2:李四");
      kiosk.kiosk().onScannerLine("RV1:V-2:李四");
      OffsetDateTime now = OffsetDateTime.now(ZONE);
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-3"), EventKind.CHECK_IN, CheckInMethod.MANUAL, now)
          .withOperator("mgr-1", "badge forgotten at home"));
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-3"), EventKind.CHECK_OUT, CheckInMethod.MANUAL, now)
          .withOperator("mgr-1", "badge forgotten at home"));
      assertThat(kiosk.outbox().lastSeq()).isEqualTo(6);
      assertThat(kiosk.awaitDrained(WAIT)).isTrue();
    }

    JsonNode verified = session("V-1");
    assertThat(verified.get("grade").asText()).isEqualTo("VERIFIED");
    JsonNode in = verified.get("evidence").get("checkIn");
    assertThat(in.get("method").asText()).isEqualTo("QR");
    assertThat(in.get("credentialKeyId").asText()).isEqualTo(local.hub().credentials().currentKeyId());
    assertThat(in.get("recordedOffline").asBoolean()).isFalse();
    assertThat(in.get("clockOffsetS").isNumber()).isTrue();
    assertThat(Math.abs(in.get("clockOffsetS").asLong())).isLessThanOrEqualTo(60); // the media clock stands at start-up; delivery is prompt

    JsonNode plain = session("V-2");
    assertThat(plain.get("grade").asText()).isEqualTo("NEEDS_REVIEW");
    assertThat(texts(plain.get("reviewReasons"))).containsExactly("PLAIN_BADGE");
    assertThat(plain.get("evidence").get("checkOut").get("credentialKeyId").isNull()).isTrue();

    JsonNode manual = session("V-3");
    assertThat(manual.get("grade").asText()).isEqualTo("ATTESTED");
    assertThat(manual.get("evidence").get("checkIn").get("operatorId").asText()).isEqualTo("mgr-1");
    assertThat(manual.get("evidence").get("checkIn").get("reason").asText()).isEqualTo("badge forgotten at home");

    JsonNode hours = local.client().get("/api/volunteers/V-1/hours");
    assertThat(hours.get("sessions").get(0).get("grade").asText()).isEqualTo("VERIFIED");
    assertThat(stationTerminal("kiosk-1").get("chain").get("state").asText()).isEqualTo("ok");
    assertThat(stationTerminal("kiosk-1").get("chain").get("verifiedSeq").asLong()).isEqualTo(6);
  }

  @Test
  void scan_withoutBroker_eventMarkedRecordedOfflineAndStillVerifiedWhenDelivered() throws Exception {
    String signed = issue("V-1");
    try (Terminal online = start("kiosk-1", local.hub().mqttUrl())) {
      await().atMost(WAIT).until(() -> online.codeReader().roster().isPresent());
    }
    try (Terminal offline = start("kiosk-1", "tcp://127.0.0.1:1")) {
      offline.kiosk().onScannerLine(signed);
      offline.kiosk().onScannerLine(signed);
      assertThat(offline.outbox().lastEvent(VolunteerId.of("V-1")).orElseThrow().evidence().recordedOffline())
          .isTrue();
    }
    try (Terminal back = start("kiosk-1", local.hub().mqttUrl())) {
      assertThat(back.awaitDrained(WAIT)).isTrue();
    }

    JsonNode session = session("V-1");
    JsonNode in = session.get("evidence").get("checkIn");
    assertThat(in.get("recordedOffline").asBoolean()).isTrue();
    // the event itself says nothing about the clock; the heartbeat at reconnect does
    assertThat(in.get("offsetSource").asText()).isEqualTo("HEARTBEAT");
    assertThat(Math.abs(in.get("clockOffsetS").asLong())).isLessThanOrEqualTo(60);
    assertThat(in.get("lateS").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(session.get("grade").asText()).isEqualTo("VERIFIED");
  }

  /**
   * Upgrading: a kiosk recorded check-ins before it joined the fleet (its outbox holds them
   * unsigned). Once it has joined they are signed as they are sent, the hub stores every one,
   * and the hash chain, which covers each event's body, links across the change.
   */
  @Test
  void outboxRecordedBeforeJoining_signedWhenSent_allStoredChainIntact() throws Exception {
    Path data = dir.resolve("kiosk-u");
    OffsetDateTime start = OffsetDateTime.now(ZONE).minusHours(3);
    try (Outbox before = Outbox.open(data, STATION, TerminalId.of("kiosk-u"), Clock.system(ZONE))) {
      before.append(Draft.of(VolunteerId.of("V-6"), EventKind.CHECK_IN, CheckInMethod.QR, start));
      before.append(Draft.of(VolunteerId.of("V-6"), EventKind.CHECK_OUT, CheckInMethod.QR, start.plusHours(1)));
    }
    assertThat(payload(data, 1)).doesNotContain("\"sig\"");

    try (Terminal kiosk = start("kiosk-u", local.hub().mqttUrl())) {
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-6"), EventKind.CHECK_IN, CheckInMethod.QR, start.plusHours(2)));
      assertThat(kiosk.awaitDrained(WAIT)).isTrue();
    }

    assertThat(payload(data, 3)).as("recorded after joining: signed in the outbox").contains(",\"sig\":\"");
    assertThat(local.client().get("/api/dead-letters")).isEmpty();
    assertThat(stationTerminal("kiosk-u").get("chain").get("state").asText()).isEqualTo("ok");
    assertThat(stationTerminal("kiosk-u").get("chain").get("verifiedSeq").asLong()).isEqualTo(3);
  }

  /**
   * A kiosk rotates its key (docs/security.md, "Rotation") while its outbox still holds an event
   * signed with the old one: that event and the next, signed with the new key, are both stored,
   * and the hash chain links across the change.
   */
  @Test
  void rotateKey_outboxSignedWithTheOldKey_deliveredAfterTheRotation_chainIntact() throws Exception {
    Path data = dir.resolve("kiosk-r");
    TerminalId id = TerminalId.of("kiosk-r");
    FleetJoin.join(local.hub(), data, STATION, id);
    String before = TerminalIdentity.open(data).fingerprint();
    OffsetDateTime start = OffsetDateTime.now(ZONE).minusHours(3);
    try (Outbox outbox = FleetJoin.signing(Outbox.open(data, STATION, id, Clock.system(ZONE)), data)) {
      outbox.append(Draft.of(VolunteerId.of("V-7"), EventKind.CHECK_IN, CheckInMethod.QR, start));
    }
    assertThat(payload(data, 1)).contains(",\"sig\":\"");

    int exit = Main.run(List.of("rotate-key", "--data-dir", data.toString(),
        "--hub", "https://127.0.0.1:" + local.hub().httpsPort(),
        "--hub-pin", local.hub().tls().orElseThrow().pin().toString()));
    assertThat(exit).isZero();
    String after = TerminalIdentity.open(data).fingerprint();
    assertThat(after).isNotEqualTo(before);
    assertThat(local.hub().fleet().terminal(TerminalAccount.of(STATION.value(), id.value())).orElseThrow()
        .fingerprint()).isEqualTo(after);

    try (Terminal kiosk = start("kiosk-r", "ssl://127.0.0.1:" + local.hub().mqttTlsPort())) {
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-7"), EventKind.CHECK_OUT, CheckInMethod.QR,
          start.plusHours(1)));
      assertThat(kiosk.awaitDrained(WAIT)).isTrue();
    }
    assertThat(local.client().get("/api/dead-letters")).isEmpty();
    assertThat(stationTerminal("kiosk-r").get("chain").get("state").asText()).isEqualTo("ok");
    assertThat(stationTerminal("kiosk-r").get("chain").get("verifiedSeq").asLong()).isEqualTo(2);
  }

  /**
   * A hub admin asks a running kiosk to rotate its key (the fleet page's button): the kiosk reads
   * the hub's signed request, rotates over HTTPS pinned to the hub's key, asks to be started
   * again, and then reports with the new key; the events its old key signed still count.
   */
  @Test
  void hubAsksTheRunningKioskToRotate_itRotates_andStartsAgainWithTheNewKey() throws Exception {
    Path data = dir.resolve("kiosk-q");
    TerminalAccount account = TerminalAccount.of(STATION.value(), "kiosk-q");
    OffsetDateTime start = OffsetDateTime.now(ZONE).minusHours(3);
    String before;
    try (Terminal kiosk = start("kiosk-q", "ssl://127.0.0.1:" + local.hub().mqttTlsPort())) {
      before = TerminalIdentity.open(data).fingerprint();
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-9"), EventKind.CHECK_IN, CheckInMethod.QR, start));
      assertThat(kiosk.awaitDrained(WAIT)).isTrue();
      java.util.concurrent.atomic.AtomicBoolean restart = new java.util.concurrent.atomic.AtomicBoolean();
      kiosk.onRestartNeeded(() -> restart.set(true));

      local.hub().fleet().requestRotation(account, "admin");

      await().atMost(WAIT).untilTrue(restart);
    }
    String after = TerminalIdentity.open(data).fingerprint();
    assertThat(after).isNotEqualTo(before);
    assertThat(local.hub().fleet().terminal(account).orElseThrow().fingerprint()).isEqualTo(after);
    assertThat(local.hub().fleet().rotationRequested(account)).as("done, so no longer shown").isEmpty();

    try (Terminal kiosk = start("kiosk-q", "ssl://127.0.0.1:" + local.hub().mqttTlsPort())) {
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-9"), EventKind.CHECK_OUT, CheckInMethod.QR,
          start.plusHours(1)));
      assertThat(kiosk.awaitDrained(WAIT)).isTrue();
      assertThat(kiosk.restartNeeded()).isFalse();
    }
    assertThat(local.client().get("/api/dead-letters")).isEmpty();
    assertThat(stationTerminal("kiosk-q").get("chain").get("verifiedSeq").asLong()).isEqualTo(2);
    assertThat(local.client().totalMinutes("V-9")).isEqualTo(60);
  }

  /**
   * The hub rotates its signing key (docs/security.md, "Rotation") while a kiosk is away: back, the
   * kiosk follows the hand-over the old key signed, accepts the acks the new key signs, delivers
   * its outbox, and keeps the new key for its next start.
   */
  @Test
  void hubRotatesItsSigningKey_kioskFollowsTheSignedChain_andKeepsTheNewKey() throws Exception {
    Path data = dir.resolve("kiosk-h");
    OffsetDateTime start = OffsetDateTime.now(ZONE).minusHours(3);
    try (Terminal kiosk = start("kiosk-h", local.hub().mqttUrl())) {
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-8"), EventKind.CHECK_IN, CheckInMethod.QR, start));
      assertThat(kiosk.awaitDrained(WAIT)).isTrue();
    }
    String before = TerminalIdentity.open(data).provisioning().orElseThrow().hubKey();
    local.hub().close();
    org.redvest.hub.transport.link.HubSigner.prepareRotation(dir.resolve("hub"));
    local.start();
    FleetJoin.join(local.hub(), dir.resolve("kiosk-new"), STATION, TerminalId.of("kiosk-new"));
    String rotated = TerminalIdentity.open(dir.resolve("kiosk-new")).provisioning().orElseThrow().hubKey();
    assertThat(rotated).as("new kiosks get the new key").isNotEqualTo(before);

    try (Terminal kiosk = start("kiosk-h", local.hub().mqttUrl())) {
      kiosk.outbox().append(Draft.of(VolunteerId.of("V-8"), EventKind.CHECK_OUT, CheckInMethod.QR,
          start.plusHours(1)));
      assertThat(kiosk.awaitDrained(WAIT)).as("acks signed by the new key accepted").isTrue();
    }
    assertThat(TerminalIdentity.open(data).provisioning().orElseThrow().hubKey())
        .as("kept for the next start").isEqualTo(rotated);
    assertThat(local.client().get("/api/dead-letters")).isEmpty();
  }

  /**
   * An outbox row edited on the kiosk's disk (a back-dated check-out) no longer carries the
   * terminal's signature of its bytes: the hub refuses exactly that event, naming the signature,
   * and never counts the forged time (before signatures, the hash chain caught it one event later).
   */
  @Test
  void publish_outboxRowEditedBeforeDelivery_hubRefusesItNamingTheSignature() throws Exception {
    Path data = dir.resolve("kiosk-9");
    OffsetDateTime start = OffsetDateTime.now(ZONE).minusHours(6);
    try (Outbox outbox = FleetJoin.outbox(local.hub(), data, STATION, TerminalId.of("kiosk-9"), Clock.system(ZONE))) {
      outbox.append(Draft.of(VolunteerId.of("V-5"), EventKind.CHECK_IN, CheckInMethod.QR, start));
      outbox.append(Draft.of(VolunteerId.of("V-5"), EventKind.CHECK_OUT, CheckInMethod.QR, start.plusHours(1)));
      outbox.append(Draft.of(VolunteerId.of("V-7"), EventKind.CHECK_IN, CheckInMethod.QR, start.plusHours(2)));
    }
    String original = payload(data, 2);
    String forged = original.replace("\"occurredAt\":\"" + WireCodec.formatTime(start.plusHours(1)),
        "\"occurredAt\":\"" + WireCodec.formatTime(start.plusHours(5)));
    assertThat(forged).isNotEqualTo(original);
    rewritePayload(data, 2, forged);

    try (Terminal kiosk = start("kiosk-9", local.hub().mqttUrl())) {
      await().atMost(WAIT).until(() -> local.client().get("/api/dead-letters").size() >= 1
          && kiosk.outbox().committedSeq() == 1);
      assertThat(kiosk.outbox().depth()).as("the edited event and the one after it stay on the kiosk").isEqualTo(2);
    }

    assertThat(local.client().get("/api/dead-letters").get(0).path("reason").asText())
        .startsWith("sig: does not verify with the key bound to " + STATION + "/kiosk-9");
    assertThat(local.client().get("/api/sessions?volunteerId=V-5").findValuesAsText("minutes"))
        .doesNotContain(Long.toString(5 * 60));
  }

  /**
   * Issue: a terminal clock BEHIND used to be credited unflagged (it looks like an offline
   * terminal). The relay's heartbeat carries the terminal's own clock, so the hub now measures the
   * offset at receipt and flags both events recorded offline and events recorded online.
   */
  @Test
  void terminalClockThreeHoursBehind_offlineAndOnlineEvents_flaggedClockSkewNotBackDated() throws Exception {
    Clock behind = Clock.offset(Clock.system(ZONE), Duration.ofHours(-3));
    TerminalId id = TerminalId.of("kiosk-s");
    AtomicReference<PahoRelay> link = new AtomicReference<>();
    try (Outbox outbox = FleetJoin.outbox(local.hub(), dir.resolve("kiosk-s"), STATION, id, behind)) {
      outbox.connectedWhen(() -> link.get() != null && link.get().isConnected());
      CheckIns checkIns = new CheckIns(outbox);
      OffsetDateTime offlineIn = OffsetDateTime.now(behind).minusHours(2);
      checkIns.decide(VolunteerId.of("V-8"), CheckInMethod.QR, offlineIn);
      checkIns.decide(VolunteerId.of("V-8"), CheckInMethod.QR, offlineIn.plusHours(1));
      try (PahoRelay relay = PahoRelay.start(RelayConfig.of(local.hub().mqttUrl(), STATION, id, "redvest-test")
              .withLogin(FleetJoin.join(local.hub(), dir.resolve("kiosk-s"), STATION, id)),
          outbox, () -> CameraHealth.stopped("test"), behind)) {
        link.set(relay);
        await().atMost(WAIT).until(relay::isConnected);
        checkIns.decide(VolunteerId.of("V-9"), CheckInMethod.QR, OffsetDateTime.now(behind).minusMinutes(10));
        checkIns.decide(VolunteerId.of("V-9"), CheckInMethod.QR, OffsetDateTime.now(behind));
        await().atMost(WAIT).until(() -> outbox.depth() == 0);
      }
    }

    JsonNode offline = closedSession("V-8");
    JsonNode offlineIn = offline.get("evidence").get("checkIn");
    assertThat(offline.get("minutes").asLong()).isEqualTo(60);
    assertThat(offlineIn.get("recordedOffline").asBoolean()).isTrue();
    assertThat(offlineIn.get("offsetSource").asText()).isEqualTo("HEARTBEAT");
    assertThat(offlineIn.get("clockOffsetS").asLong()).isBetween(-3 * 3600L - 60, -3 * 3600L + 60);
    assertThat(texts(offline.get("flags"))).contains("CLOCK_SKEW");
    assertThat(texts(offline.get("reviewReasons"))).contains("CLOCK_SKEW").doesNotContain("BACK_DATED");

    JsonNode online = closedSession("V-9");
    assertThat(online.get("evidence").get("checkOut").get("recordedOffline").asBoolean()).isFalse();
    assertThat(online.get("evidence").get("checkOut").get("delayS").asLong()).isBetween(-60L, 60L);
    assertThat(texts(online.get("flags"))).contains("CLOCK_SKEW");
    assertThat(texts(online.get("reviewReasons"))).doesNotContain("BACK_DATED");
    List<String> skews = new ArrayList<>();
    local.client().get("/api/anomalies").forEach(a -> {
      if (a.get("kind").asText().equals("CLOCK_SKEW")) {
        skews.add(a.get("detail").asText());
      }
    });
    assertThat(skews).singleElement().asString().contains("JX-RJ-0001/kiosk-s").contains("behind");
  }

  private JsonNode closedSession(String volunteer) {
    await().atMost(WAIT).until(() -> {
      JsonNode sessions = local.client().get("/api/sessions?volunteerId=" + volunteer);
      return sessions.size() == 1 && sessions.get(0).get("status").asText().equals("CLOSED");
    });
    return session(volunteer);
  }

  private Terminal start(String terminal, String brokerUrl) {
    FleetJoin.join(local.hub(), dir.resolve(terminal), STATION, TerminalId.of(terminal));
    TerminalConfig replay = TerminalConfig.replay(dir.resolve("unused.mp4"), STATION, TerminalId.of(terminal),
        brokerUrl, dir.resolve(terminal), Instant.now()).withResendAfter(Duration.ofMillis(500));
    TerminalConfig config = new TerminalConfig(replay.profile(), replay.baseDir(), replay.station(),
        replay.terminal(), replay.brokerUrl(), replay.dataDir(), replay.topics(), replay.zone(), Duration.ZERO,
        replay.replayStart(), replay.pace(), replay.exitAtEnd(), replay.drainTimeout(), replay.resendAfter(),
        replay.heartbeatInterval());
    return Terminal.start(config, new RecordingScreen(), null, BadgePolicy.defaults());
  }

  private JsonNode session(String volunteer) {
    JsonNode sessions = local.client().get("/api/sessions?volunteerId=" + volunteer);
    assertThat(sessions).as("sessions of %s", volunteer).hasSize(1);
    return sessions.get(0);
  }

  private JsonNode stationTerminal(String terminal) {
    for (JsonNode station : local.client().get("/api/stations")) {
      for (JsonNode t : station.get("terminals")) {
        if (t.get("terminalId").asText().equals(terminal)) {
          return t;
        }
      }
    }
    throw new AssertionError("terminal " + terminal + " not listed");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.isTextual() ? n.asText() : n.toString()));
    return texts;
  }

  private static String payload(Path data, long seq) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Outbox.FILE_NAME));
        PreparedStatement st = db.prepareStatement("SELECT payload FROM events WHERE seq = ?")) {
      st.setLong(1, seq);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return new String(rs.getBytes(1), StandardCharsets.UTF_8);
      }
    }
  }

  private static void rewritePayload(Path data, long seq, String payload) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Outbox.FILE_NAME));
        PreparedStatement st = db.prepareStatement("UPDATE events SET payload = ? WHERE seq = ?")) {
      st.setBytes(1, payload.getBytes(StandardCharsets.UTF_8));
      st.setLong(2, seq);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  private String issue(String volunteer) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + local.hub().httpPort() + "/api/volunteers/" + volunteer + "/credentials"))
        .header("Authorization", "Bearer " + local.hub().apiToken())
        .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("code").asText();
  }
}
