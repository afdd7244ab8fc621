package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.domain.fleet.FleetRefusal;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.SignedPayload;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.MqttClients;

/**
 * Salvaging a stolen kiosk's last honest hours (docs/security.md, "Salvage"), against a real hub
 * and its embedded broker: revoked with a hold, the kiosk may still deliver its own events, each
 * held (acked, never counted) until an admin releases it (counted, NEEDS_REVIEW) or discards it;
 * the admin can end the hold. The time of receipt decides, whatever time the event claims.
 */
class HoldSalvageTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Topics TOPICS = Topics.defaults();
  private static final String HOME = "JX-RJ-0001";
  private static final String VOLUNTEER = "V-360781-000101";
  private static final String REVOKE = "/api/fleet/terminals/" + HOME + "/kiosk-1/revoke";
  private static final int SUBACK_FAILURE = 0x80;

  @TempDir Path dir;
  private Hub hub;
  private HubHttp http;
  private Provisioning login;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    hub = Hub.start(HubConfig.local(dir));
    http = HubHttp.api(hub);
    login = FleetLogins.of(hub, HOME, "kiosk-1");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : clients) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already dropped by the broker
      }
    }
    hub.close();
  }

  @Test
  void revokeWithHold_lateEventsHeldNeverCounted_butAckedSoTheOutboxDrains() throws Exception {
    publishAndAwaitAck(1, EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00");

    HubHttp.Reply revoked = http.postJson(REVOKE, "{\"mode\":\"hold\"}");
    // The thief back-dates: the event claims a time before the revocation. Receipt decides.
    publishAndAwaitAck(2, EventKind.CHECK_OUT, "2026-11-23T17:00:00+08:00");

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("holding").asBoolean()).isTrue();
    assertThat(http.eventCount()).as("only the event received before the revocation").isEqualTo(1);
    JsonNode held = http.json("/api/fleet/held?state=held").path("held");
    assertThat(held).hasSize(1);
    assertThat(held.get(0).path("terminalSeq").asLong()).isEqualTo(2);
    assertThat(held.get(0).path("volunteerId").asText()).isEqualTo(VOLUNTEER);
    assertThat(held.get(0).path("kind").asText()).isEqualTo("CHECK_OUT");
    assertThat(held.get(0).path("occurredAt").asText()).isEqualTo("2026-11-23T17:00:00.000+08:00");
    assertThat(Instant.parse(held.get(0).path("receivedAt").asText()))
        .isAfter(Instant.parse(revoked.json().path("revokedAt").asText()));
    assertThat(held.get(0).path("signatureValid").asBoolean()).isTrue();
    assertThat(held.get(0).path("state").asText()).isEqualTo("HELD");
    assertThat(http.json("/api/volunteers/" + VOLUNTEER + "/hours").path("totalMinutes").asLong()).isZero();
  }

  @Test
  void release_countsTheEvent_gradedNeedsReviewAsRevokedTerminal_andTheAuditSaysReleased() throws Exception {
    publishAndAwaitAck(1, EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00");
    http.postJson(REVOKE + "?mode=hold", "");
    publishAndAwaitAck(2, EventKind.CHECK_OUT, "2026-11-23T17:00:00+08:00");
    long id = http.json("/api/fleet/held").path("held").get(0).path("id").asLong();

    HubHttp.Reply released = http.postJson("/api/fleet/held/" + id + "/release", "");

    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().path("state").asText()).isEqualTo("RELEASED");
    assertThat(released.json().path("decidedBy").asText()).isEqualTo("api-token");
    assertThat(released.json().path("decidedAt").isNull()).isFalse();
    await().atMost(WAIT).until(() -> http.eventCount() == 2);
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode sessions = http.json("/api/sessions");
      assertThat(sessions).hasSize(1);
      assertThat(sessions.get(0).path("minutes").asLong()).isEqualTo(480);
      assertThat(sessions.get(0).path("grade").asText()).isEqualTo("NEEDS_REVIEW");
      assertThat(sessions.get(0).path("reviewReasons").toString()).contains("REVOKED_TERMINAL");
    });
    assertThat(http.postJson("/api/fleet/held/" + id + "/release", "").status()).as("twice").isEqualTo(409);
    assertThat(http.postJson("/api/fleet/held/" + id + "/discard", "").status()).isEqualTo(409);
    JsonNode audit = audit();
    assertThat(audit.path("clean").asBoolean()).as(audit.toString()).isTrue();
    assertThat(audit.path("terminals").get(0).path("released").asLong()).isEqualTo(1);
  }

  @Test
  void discard_neverCounted_endHold_refusesTheKioskFromThenOn() throws Exception {
    http.postJson(REVOKE, "{\"mode\":\"hold\"}");
    publishAndAwaitAck(1, EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00");
    long id = http.json("/api/fleet/held").path("held").get(0).path("id").asLong();

    HubHttp.Reply discarded = http.postJson("/api/fleet/held/" + id + "/discard", "");
    HubHttp.Reply ended = http.postJson("/api/fleet/terminals/" + HOME + "/kiosk-1/end-hold", "");

    assertThat(discarded.status()).isEqualTo(200);
    assertThat(discarded.json().path("state").asText()).isEqualTo("DISCARDED");
    assertThat(http.postJson("/api/fleet/held/" + id + "/release", "").status()).isEqualTo(409);
    assertThat(http.eventCount()).isZero();
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.json().path("holding").asBoolean()).isFalse();
    assertThat(ended.json().path("holdEndedBy").asText()).isEqualTo("api-token");
    assertThat(http.postJson("/api/fleet/terminals/" + HOME + "/kiosk-1/end-hold", "").status())
        .as("not holding any more").isEqualTo(409);
    assertThatThrownBy(() -> new PahoTerminal(hub.mqttUrl(), TOPICS, login).close())
        .isInstanceOf(MqttException.class);
    assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.LOGIN);
      assertThat(r.detail()).startsWith("terminal revoked at");
    });
  }

  @Test
  void hold_theKioskMayPublishOnlyItsEventsStatusAndHeartbeat_andReadOnlyTheirAcks() throws Exception {
    http.postJson(REVOKE, "{\"mode\":\"hold\"}");
    MqttClient kiosk = new MqttClient(hub.mqttUrl(), login.account().clientId(TerminalAccount.Link.EVENTS),
        new MemoryPersistence());
    clients.add(() -> {
      if (kiosk.isConnected()) {
        kiosk.disconnectForcibly(1000);
      }
      kiosk.close();
    });
    MqttClients.connect(kiosk, FleetLogins.options(login), () -> { });
    StationId station = StationId.of(HOME);
    TerminalId terminal = TerminalId.of("kiosk-1");

    int roster = kiosk.subscribeWithResponse(new CredentialTopics(TOPICS).roster(), 1).getGrantedQos()[0];
    int acks = kiosk.subscribeWithResponse(TOPICS.ack(station, terminal), 1).getGrantedQos()[0];
    // QoS 1 completes only with the broker's PUBACK: a refused status would stall the kiosk.
    kiosk.publish(TOPICS.status(station, terminal), FleetLogins.sign(login, "{\"v\":1}".getBytes(StandardCharsets.UTF_8)), 1, false);
    kiosk.publish(TOPICS.heartbeat(station, terminal), FleetLogins.sign(login, "{\"v\":1}".getBytes(StandardCharsets.UTF_8)), 1, false);
    kiosk.publish(TOPICS.enrolments(station, terminal), FleetLogins.sign(login, "{\"v\":1}".getBytes(StandardCharsets.UTF_8)), 0, false);

    assertThat(roster).isEqualTo(SUBACK_FAILURE);
    assertThat(acks).isEqualTo(1);
    await().atMost(WAIT).untilAsserted(() -> assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.PUBLISH);
      assertThat(r.detail()).isEqualTo("publish on " + TOPICS.enrolments(station, terminal));
    }));
    assertThat(hub.fleet().refusals()).noneSatisfy(r ->
        assertThat(r.detail()).isEqualTo("publish on " + TOPICS.status(station, terminal)));
  }

  @Test
  void heldEventWithABadSignature_shownInvalid_canOnlyBeDiscarded() throws Exception {
    http.postJson(REVOKE, "{\"mode\":\"hold\"}");
    try (PahoTerminal thief = terminal()) {
      byte[] body = WireCodec.encodeEvent(thief.event(1, VOLUNTEER, EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00"));
      thief.publishUnsigned(TOPICS.events(thief.station, thief.terminal),
          SignedPayload.sign(body, Ed25519.generate().getPrivate()));
      await().atMost(WAIT).until(() -> Long.valueOf(1).equals(thief.lastAck()));
    }
    JsonNode held = http.json("/api/fleet/held").path("held").get(0);

    HubHttp.Reply release = http.postJson("/api/fleet/held/" + held.path("id").asLong() + "/release", "");

    assertThat(held.path("signatureValid").asBoolean()).isFalse();
    assertThat(held.path("signatureDetail").asText()).startsWith("sig: does not verify with the key bound to");
    assertThat(release.status()).isEqualTo(409);
    assertThat(release.json().path("error").asText()).contains("cannot be released: its signature does not verify");
    assertThat(http.postJson("/api/fleet/held/" + held.path("id").asLong() + "/discard", "").status()).isEqualTo(200);
    assertThat(http.eventCount()).isZero();
  }

  @Test
  void holdRoutes_badInputOrWithoutSignIn_refused() {
    assertThat(http.postJson(REVOKE, "{\"mode\":\"keep\"}").status()).isEqualTo(400);
    assertThat(http.postJson(REVOKE + "?mode=maybe", "").status()).isEqualTo(400);
    assertThat(http.get("/api/fleet/held?state=lost").status()).isEqualTo(400);
    assertThat(http.postJson("/api/fleet/held/x/release", "").status()).isEqualTo(400);
    assertThat(http.postJson("/api/fleet/held/42/release", "").status()).isEqualTo(404);
    assertThat(http.postJson("/api/fleet/terminals/" + HOME + "/kiosk-1/end-hold", "").status())
        .as("not revoked with a hold").isEqualTo(409);
    for (String path : List.of(REVOKE + "?mode=hold", "/api/fleet/held/1/release", "/api/fleet/held/1/discard",
        "/api/fleet/terminals/" + HOME + "/kiosk-1/end-hold", "/api/fleet/terminals/" + HOME + "/kiosk-1/release-held")) {
      assertThat(HubHttp.of(hub).postJson(path, "").status()).as(path).isEqualTo(401);
    }
    assertThat(hub.fleet().terminal(TerminalAccount.of(HOME, "kiosk-1")).orElseThrow().revoked()).isFalse();
  }

  // --- helpers ---

  private PahoTerminal terminal() throws MqttException {
    return new PahoTerminal(hub.mqttUrl(), TOPICS, login);
  }

  private void publishAndAwaitAck(long seq, EventKind kind, String at) throws Exception {
    try (PahoTerminal kiosk = terminal()) {
      kiosk.publish(kiosk.event(seq, VOLUNTEER, kind, at));
      await().atMost(WAIT).until(() -> Long.valueOf(seq).equals(kiosk.lastAck()));
    }
  }

  private JsonNode audit() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditCommand.run(new String[] {"audit", "--data-dir", dir.toString(), "--json"}, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8));
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }
}
