package org.redvest.hub.domain.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.FleetLogins;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.HubHttp;
import org.redvest.hub.web.credentials.CredentialRoutes;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.credential.RefusalReason;
import org.redvest.protocol.credential.RefusalRecord;
import org.redvest.protocol.credential.Roster;
import org.redvest.protocol.credential.Verdict;
import org.redvest.protocol.credential.Verifier;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.MqttClients;

/** Issuing, revoking, rotating and refusals on a real hub: HTTP on port 0, embedded broker, Paho. */
class CredentialsHubTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final CredentialTopics TOPICS = new CredentialTopics(Topics.defaults());

  @TempDir Path dir;
  private Hub hub;
  private MqttClient terminal;
  private final AtomicReference<Roster> roster = new AtomicReference<>();
  private final AtomicReference<Long> refusalAck = new AtomicReference<>();
  private HubHttp http;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dir));
    http = HubHttp.api(hub);
    Provisioning login = FleetLogins.of(hub, STATION.value(), "kiosk-1");
    terminal = new MqttClient(hub.mqttUrl(), login.account().clientId(TerminalAccount.Link.CREDENTIALS),
        new MemoryPersistence());
    MqttClients.connect(terminal, FleetLogins.options(login), () -> {
      terminal.subscribe(TOPICS.roster(), 1, (t, m) -> roster.set(CredentialWire.decodeRoster(m.getPayload())));
      terminal.subscribe(TOPICS.refusalAck(STATION, TerminalId.of("kiosk-1")), 1,
          (t, m) -> refusalAck.set(WireCodec.decodeAck(m.getPayload()).committedSeq()));
    });
  }

  @AfterEach
  void stop() throws Exception {
    terminal.disconnect();
    terminal.close();
    hub.close();
  }

  @Test
  void issue_volunteer_codeVerifiesOfflineAgainstTheRetainedRosterAndPngDecodes() throws Exception {
    JsonNode issued = post("/api/volunteers/V-360781-000123/credentials", "{\"displayName\":\"张三\"}");

    assertThat(issued.get("code").asText()).startsWith("RVC1:");
    await().atMost(WAIT).until(() -> roster.get() != null);
    Verdict verdict = roster.get().verifier(STATION, Verifier.DEFAULT_SKEW)
        .verify(issued.get("code").asText(), Instant.now());
    assertThat(verdict).isInstanceOf(Verdict.Valid.class);
    assertThat(((Verdict.Valid) verdict).credential().volunteerId()).isEqualTo(VolunteerId.of("V-360781-000123"));
    byte[] png = Base64.getDecoder().decode(issued.get("png").asText().substring("data:image/png;base64,".length()));
    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth())
        .isEqualTo((issued.at("/qr/modules").asInt() + 8) * CredentialRoutes.MODULE_PX);
  }

  @Test
  void revoke_issuedCredential_rosterRepublishedWithItsSerialAndCodeRefused() throws Exception {
    JsonNode issued = post("/api/volunteers/V-1/credentials", "");
    long serial = issued.get("serial").asLong();

    post("/api/credentials/" + serial + "/revoke", "{\"reason\":\"badge lost\"}");

    await().atMost(WAIT).until(() -> roster.get() != null && roster.get().revoked().contains(serial));
    Verdict verdict = roster.get().verifier(STATION, Verifier.DEFAULT_SKEW)
        .verify(issued.get("code").asText(), Instant.now());
    assertThat(((Verdict.Refused) verdict).reason()).isEqualTo(RefusalReason.REVOKED);
  }

  @Test
  void rotate_afterIssuing_oldAndNewKeysBothInRosterAndBothCodesVerify() throws Exception {
    JsonNode before = post("/api/volunteers/V-1/credentials", "");
    await().atMost(Duration.ofSeconds(3)).pollDelay(Duration.ofMillis(1100)).until(() -> true);
    String newKey = post("/api/issuer-keys/rotate", "").get("keyId").asText();
    JsonNode after = post("/api/volunteers/V-2/credentials", "");

    assertThat(after.get("keyId").asText()).isEqualTo(newKey).isNotEqualTo(before.get("keyId").asText());
    await().atMost(WAIT).until(() -> roster.get() != null && roster.get().keys().size() == 2);
    Verifier verifier = roster.get().verifier(STATION, Verifier.DEFAULT_SKEW);
    assertThat(verifier.verify(before.get("code").asText(), Instant.now())).isInstanceOf(Verdict.Valid.class);
    assertThat(verifier.verify(after.get("code").asText(), Instant.now())).isInstanceOf(Verdict.Valid.class);
    assertThat(roster.get().keys().get(0).notAfter()).as("old key verifies until its last credential expires")
        .isEqualTo(Instant.parse(before.get("expiresAt").asText()));
  }

  @Test
  void start_firstTime_privateKeyFileIsOwnerOnly() throws Exception {
    Path key = dir.resolve("keys").resolve(hub.credentials().currentKeyId() + ".ed25519");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }

  @Test
  void refusal_publishedByTerminal_listedAndAcknowledged() throws Exception {
    RefusalRecord record = new RefusalRecord(1, STATION, TerminalId.of("kiosk-1"), 1,
        OffsetDateTime.parse("2026-11-23T09:00:00+08:00"), RefusalReason.EXPIRED, "expired at 2026-11-01T00:00:00Z",
        VolunteerId.of("V-1"), "k1", 4L, "ab12");
    terminal.publish(TOPICS.refusals(STATION, TerminalId.of("kiosk-1")),
        FleetLogins.sign(FleetLogins.of(hub, STATION.value(), "kiosk-1"), CredentialWire.encodeRefusal(record)), 1, false);

    await().atMost(WAIT).until(() -> Long.valueOf(1).equals(refusalAck.get()));
    JsonNode list = http.json("/api/refusals");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("reason").asText()).isEqualTo("EXPIRED");
    assertThat(list.get(0).get("volunteerId").asText()).isEqualTo("V-1");
    assertThat(http.json("/api/dead-letters")).as("not mistaken for a malformed event").isEmpty();
  }

  private JsonNode post(String path, String body) {
    HubHttp.Reply reply = http.postJson(path, body);
    assertThat(reply.status()).as("POST %s: %s", path, reply.text()).isBetween(200, 201);
    return reply.json();
  }
}
