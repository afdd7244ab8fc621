package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.FleetWire;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.RotationRequest;
import org.redvest.protocol.fleet.SignedPayload;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.MqttClients;

/**
 * A joined terminal replaces its key (docs/security.md, "Rotation") on a real hub: the request is
 * authenticated by the bound key, events its outbox signed with the old key still count, the old
 * broker password stops working, and every way of abusing the public route is refused.
 */
class KeyRotationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TerminalAccount KIOSK = TerminalAccount.of("JX-RJ-0001", "kiosk-1");
  private static final String VOLUNTEER = "V-360781-000042";

  @TempDir Path dir;
  private Hub hub;
  private HubHttp http;
  private final KeyPair first = Ed25519.generate();
  private Provisioning joined;

  @BeforeEach
  void start() {
    hub = Hub.start(HubConfig.local(dir));
    http = HubHttp.api(hub);
    String code = hub.fleet().createClaim(KIOSK, "test", Duration.ofMinutes(5)).code();
    joined = hub.fleet().provision(ProvisionRequest.signed(code, KIOSK,
        Ed25519.raw(first.getPublic()), first.getPrivate()));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void rotate_bothKeysSigned_newKeyBound_eventsSignedWithEitherKeyCount_oldPasswordRefused()
      throws Exception {
    KeyPair second = Ed25519.generate();
    RotationRequest request = rotation(first, second);

    HubHttp.Reply reply = rotate(request);
    assertThat(reply.status()).isEqualTo(200);
    Provisioning rotated = FleetWire.decodeProvisioning(reply.bytes());
    assertThat(rotated.keyFingerprint()).isNotEqualTo(joined.keyFingerprint());
    assertThat(rotated.password()).isNotEqualTo(joined.password());
    assertThat(hub.fleet().terminal(KIOSK).orElseThrow().fingerprint()).isEqualTo(rotated.keyFingerprint());

    // The outbox held a check-in signed before the rotation; the check-out is signed after it.
    AtomicLong acked = new AtomicLong();
    MqttClient kiosk = connect(rotated, acked);
    publish(kiosk, event(1, EventKind.CHECK_IN, "2026-12-07T09:00:00+08:00"), first);
    publish(kiosk, event(2, EventKind.CHECK_OUT, "2026-12-07T10:00:00+08:00"), second);
    await().atMost(WAIT).until(() -> acked.get() == 2);
    kiosk.disconnect();
    kiosk.close();
    assertThat(http.json("/api/volunteers/" + VOLUNTEER + "/hours").path("totalMinutes").asLong())
        .isEqualTo(60);

    assertThatThrownBy(() -> connect(joined, new AtomicLong()))
        .as("the old password went with the old key").isInstanceOf(MqttException.class);

    HubHttp.Reply repeat = rotate(request);
    assertThat(repeat.status()).as("a repeat (the answer was lost) gets a login again").isEqualTo(200);
    assertThat(hub.fleet().keyCount(KIOSK)).isEqualTo(2);
  }

  @Test
  void rotate_withoutTheBoundKey_orBackToARetiredOne_refused() {
    KeyPair stranger = Ed25519.generate();
    KeyPair second = Ed25519.generate();

    HubHttp.Reply notBound = rotate(rotation(stranger, second));
    assertThat(notBound.status()).isEqualTo(403);
    assertThat(notBound.json().path("error").asText()).contains("is not the key bound to " + KIOSK.username());

    RotationRequest honest = rotation(first, second);
    HubHttp.Reply forgedProof = rotate(new RotationRequest(KIOSK, honest.previousKey(),
        honest.publicKey(), honest.issuedAt(), rotation(stranger, second).previousProof(),
        honest.proof()));
    assertThat(forgedProof.status()).isEqualTo(403);
    assertThat(forgedProof.json().path("error").asText()).contains("proofs");

    assertThat(rotate(honest).status()).isEqualTo(200);
    HubHttp.Reply back = rotate(rotation(second, first));
    assertThat(back.status()).isEqualTo(403);
    assertThat(back.json().path("error").asText()).contains("never bound again");
    HubHttp.Reply stale = rotate(rotation(first, stranger));
    assertThat(stale.status()).as("the retired key cannot rotate any more").isEqualTo(403);
    // A copy of an honest request, replayed later: its signing time is too far from the hub's.
    HubHttp.Reply replayed = rotate(RotationRequest.signed(KIOSK, Ed25519.raw(second.getPublic()),
        second.getPrivate(), Ed25519.raw(stranger.getPublic()), stranger.getPrivate(),
        Instant.now().minus(Duration.ofMinutes(11))));
    assertThat(replayed.status()).isEqualTo(403);
    assertThat(replayed.json().path("error").asText()).contains("sign it again now");
    assertThat(hub.fleet().keyCount(KIOSK)).isEqualTo(2);
  }

  @Test
  void rotate_unknownOrRevokedTerminal_refused_andRepeatedRefusalsThrottled() {
    KeyPair stranger = Ed25519.generate();
    KeyPair second = Ed25519.generate();
    TerminalAccount unknown = TerminalAccount.of("JX-RJ-0001", "kiosk-9");
    assertThat(rotate(RotationRequest.signed(unknown, Ed25519.raw(first.getPublic()),
        first.getPrivate(), Ed25519.raw(stranger.getPublic()), stranger.getPrivate(),
        Instant.now())).status())
        .isEqualTo(404);
    hub.fleet().revoke(KIOSK, "test");
    HubHttp.Reply revoked = rotate(rotation(first, second));
    assertThat(revoked.status()).isEqualTo(403);
    assertThat(revoked.json().path("error").asText()).contains("revoked");
    for (int i = 0; i < 3; i++) {
      assertThat(rotate(rotation(first, second)).status()).isEqualTo(403);
    }
    assertThat(rotate(rotation(first, second)).status()).as("five refusals: a minute's pause")
        .isEqualTo(429);
    assertThat(hub.fleet().keyCount(KIOSK)).isEqualTo(1);
  }

  private RotationRequest rotation(KeyPair from, KeyPair to) {
    return RotationRequest.signed(KIOSK, Ed25519.raw(from.getPublic()), from.getPrivate(),
        Ed25519.raw(to.getPublic()), to.getPrivate(), Instant.now());
  }

  private HubHttp.Reply rotate(RotationRequest request) {
    return HubHttp.of(hub).postJson("/api/fleet/rotate",
        new String(FleetWire.encodeRotation(request), StandardCharsets.UTF_8));
  }

  private MqttClient connect(Provisioning login, AtomicLong acked) throws MqttException {
    MqttClient client = new MqttClient(hub.mqttUrl(), KIOSK.clientId(TerminalAccount.Link.EVENTS),
        new MemoryPersistence());
    client.setTimeToWait(WAIT.toMillis());
    MqttConnectOptions options = FleetLogins.options(login);
    options.setCleanSession(true);
    Topics topics = hub.config().topics();
    MqttClients.connect(client, options, () -> client.subscribe(
        topics.ack(KIOSK.station(), KIOSK.terminal()), 1, (topic, message) ->
            acked.set(WireCodec.decodeAck(message.getPayload()).committedSeq())));
    return client;
  }

  private void publish(MqttClient client, AttendanceEvent event, KeyPair key) throws MqttException {
    client.publish(hub.config().topics().events(KIOSK.station(), KIOSK.terminal()),
        SignedPayload.sign(WireCodec.encodeEvent(event), key.getPrivate()), 1, false);
  }

  private static AttendanceEvent event(long seq, EventKind kind, String at) {
    return AttendanceEvent.of(UUID.randomUUID(), KIOSK.station(), KIOSK.terminal(), seq,
        VolunteerId.of(VOLUNTEER), kind, CheckInMethod.QR, OffsetDateTime.parse(at));
  }
}
