package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.domain.fleet.ClaimCode;
import org.redvest.hub.domain.fleet.FleetRefusal;
import org.redvest.protocol.Ack;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.FleetWire;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.MqttClients;

/**
 * The attacks of docs/security.md against a real hub and its embedded broker: what an outsider
 * who knows the broker's address gets, and what a provisioned kiosk of another station gets. Each
 * test says what the attacker sees and checks what the hub recorded.
 */
class FleetSecurityTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Topics TOPICS = Topics.defaults();
  private static final StationId HOME = StationId.of("JX-RJ-0001");
  private static final StationId VICTIM = StationId.of("JX-NC-0002");
  private static final int NOT_AUTHORIZED = MqttException.REASON_CODE_FAILED_AUTHENTICATION;
  private static final int SUBACK_FAILURE = 0x80;

  @TempDir Path dir;
  private Hub hub;
  private HubHttp http;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    hub = Hub.start(HubConfig.local(dir));
    http = HubHttp.api(hub);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : clients) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already closed by the broker
      }
    }
    hub.close();
  }

  // --- an outsider on the network ---

  @Test
  void connect_anonymous_refused_andCountedPerAddress() throws Exception {
    MqttClient anonymous = client("intruder");
    MqttClient another = client("intruder-2");

    assertThatThrownBy(() -> anonymous.connect(new MqttConnectOptions()))
        .isInstanceOfSatisfying(MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
    assertThatThrownBy(() -> another.connect(new MqttConnectOptions()))
        .isInstanceOf(MqttException.class);

    // Both attempts are one row: counted per address, whatever client id they chose.
    assertThat(hub.fleet().refusals()).filteredOn(r -> r.kind() == FleetRefusal.Kind.LOGIN)
        .singleElement().satisfies(r -> {
          assertThat(r.subject()).isEqualTo("anonymous from 127.0.0.1");
          assertThat(r.count()).isGreaterThanOrEqualTo(2);
          assertThat(r.detail()).contains("no username");
        });
  }

  @Test
  void connect_withALastWillOnAnotherTerminalsTopic_refused_ownStatusWillAccepted() throws Exception {
    Provisioning attacker = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    String victimAck = TOPICS.ack(VICTIM, TerminalId.of("kiosk-1"));
    MqttClient evil = client(attacker.account().clientId(TerminalAccount.Link.EVENTS));
    MqttConnectOptions forgedWill = FleetLogins.options(attacker);
    forgedWill.setWill(victimAck, WireCodec.encodeAck(new Ack(1_000_000)), 1, true);

    // The will is judged at CONNECT like any publish: the connection is refused, nothing planted.
    assertThatThrownBy(() -> evil.connect(forgedWill)).isInstanceOf(MqttException.class);
    assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.PUBLISH);
      assertThat(r.subject()).isEqualTo(HOME + "/kiosk-1");
      assertThat(r.detail()).contains(victimAck);
    });

    MqttConnectOptions ownWill = FleetLogins.options(attacker);
    ownWill.setWill(TOPICS.status(HOME, TerminalId.of("kiosk-1")), "{}".getBytes(StandardCharsets.UTF_8), 1, true);
    MqttClients.connect(evil, ownWill, () -> { });
    assertThat(evil.isConnected()).as("a kiosk's will on its own status topic").isTrue();
  }

  @Test
  void connect_guessedPasswordOrUnknownTerminal_refusedAndCounted() throws Exception {
    Provisioning real = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    MqttClient guesser = client(real.account().clientId(TerminalAccount.Link.EVENTS));
    MqttConnectOptions guess = FleetLogins.options(real);
    guess.setPassword("not-the-password-at-all".toCharArray());

    assertThatThrownBy(() -> guesser.connect(guess)).isInstanceOf(MqttException.class);
    MqttConnectOptions stranger = new MqttConnectOptions();
    stranger.setUserName(VICTIM + "/kiosk-9");
    stranger.setPassword("whatever-it-might-be".toCharArray());
    MqttClient unknown = client(TerminalAccount.of(VICTIM.value(), "kiosk-9").clientId(TerminalAccount.Link.EVENTS));
    assertThatThrownBy(() -> unknown.connect(stranger)).isInstanceOf(MqttException.class);

    assertThat(hub.fleet().refusals()).extracting(FleetRefusal::kind, FleetRefusal::subject, FleetRefusal::detail)
        .contains(org.assertj.core.groups.Tuple.tuple(FleetRefusal.Kind.LOGIN, real.username(), "wrong password"),
            org.assertj.core.groups.Tuple.tuple(FleetRefusal.Kind.LOGIN, "unknown terminal from 127.0.0.1",
                "not a provisioned terminal: " + VICTIM + "/kiosk-9"));
    assertThat(http.json("/api/fleet/refusals").path("refusals").size()).isEqualTo(2);
  }

  @Test
  void connect_manyFailedLoginsFromOneAddress_laterOnesStillRefused_butAnswerLater_aRightLoginAtOnce()
      throws Exception {
    Provisioning real = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    MqttConnectOptions wrong = FleetLogins.options(real);
    wrong.setPassword("not-the-password-at-all".toCharArray());
    for (int i = 0; i < org.redvest.hub.domain.fleet.Fleet.LOGIN_FAILURE_LIMIT; i++) {
      MqttClient guesser = client(real.account().clientId(TerminalAccount.Link.EVENTS));
      assertThatThrownBy(() -> guesser.connect(wrong)).isInstanceOf(MqttException.class);
    }
    assertThat(hub.fleet().refusals()).extracting(FleetRefusal::subject).contains("throttled 127.0.0.1");

    // Over the limit: the refusal comes through HiveMQ's asynchronous answer, still a refusal.
    MqttClient late = client(real.account().clientId(TerminalAccount.Link.EVENTS));
    assertThatThrownBy(() -> late.connect(wrong)).isInstanceOfSatisfying(MqttException.class,
        e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
    MqttClient kiosk = client(real.account().clientId(TerminalAccount.Link.EVENTS));
    MqttClients.connect(kiosk, FleetLogins.options(real), () -> { });
    assertThat(kiosk.isConnected()).as("the kiosk behind the same address").isTrue();
  }

  @Test
  void connect_hubUsernameWithoutItsPassword_refused() throws Exception {
    MqttConnectOptions asHub = new MqttConnectOptions();
    asHub.setUserName(TerminalAccount.HUB_USERNAME);
    asHub.setPassword("redvest-hub".toCharArray());

    assertThatThrownBy(() -> client("redvest-hub-forged").connect(asHub))
        .isInstanceOfSatisfying(MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
  }

  // --- a provisioned kiosk of another station ---

  @Test
  void connect_otherTerminalsClientId_refused() throws Exception {
    Provisioning mine = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    FleetLogins.of(hub, VICTIM.value(), "kiosk-1");
    MqttClient takeover = client(TerminalAccount.of(VICTIM.value(), "kiosk-1").clientId(TerminalAccount.Link.EVENTS));

    assertThatThrownBy(() -> takeover.connect(FleetLogins.options(mine)))
        .isInstanceOfSatisfying(MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
    assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.CLIENT_ID);
      assertThat(r.subject()).isEqualTo("rv/" + VICTIM + "/kiosk-1");
    });
  }

  @Test
  void publish_eventsAtAnotherStation_neverStoredOrCounted() throws Exception {
    try (PahoTerminal attacker = new PahoTerminal(hub, HOME.value(), "kiosk-1")) {
      String victimTopic = TOPICS.events(VICTIM, TerminalId.of("kiosk-1"));
      // The 480 minutes of the issue: a check-in at 09:00 and a check-out at 17:00, at a station
      // the attacker's kiosk does not belong to. The broker closes the connection at each.
      publishRefused(attacker, victimTopic, forged(1, EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00"));
      publishRefused(attacker, victimTopic, forged(2, EventKind.CHECK_OUT, "2026-11-23T17:00:00+08:00"));
      // Its own event afterwards: once that is acknowledged, the broker has dealt with the two above.
      attacker.publish(attacker.event(1, "V-360781-000101", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));
      await().atMost(WAIT).until(() -> Long.valueOf(1).equals(attacker.lastAck()));
    }

    assertThat(http.eventCount()).as("only the attacker's own event").isEqualTo(1);
    assertThat(http.json("/api/volunteers/V-360781-000666/hours").path("totalMinutes").asLong()).isZero();
    assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.PUBLISH);
      assertThat(r.subject()).isEqualTo(HOME + "/kiosk-1");
      assertThat(r.count()).isEqualTo(2);
      assertThat(r.detail()).contains(TOPICS.events(VICTIM, TerminalId.of("kiosk-1")));
    });
  }

  @Test
  void subscribe_everythingOrAnotherTerminalsAcks_refused_ownAcksGranted() throws Exception {
    Provisioning mine = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    MqttClient kiosk = client(mine.account().clientId(TerminalAccount.Link.EVENTS));
    MqttClients.connect(kiosk, FleetLogins.options(mine), () -> kiosk.subscribe(TOPICS.ack(HOME, TerminalId.of("kiosk-1")), 1));

    assertThat(grantedQos(kiosk, "#")).isEqualTo(SUBACK_FAILURE);
    assertThat(grantedQos(kiosk, TOPICS.prefix() + "/stations/+/terminals/+/ack")).isEqualTo(SUBACK_FAILURE);
    assertThat(grantedQos(kiosk, TOPICS.ack(VICTIM, TerminalId.of("kiosk-1")))).isEqualTo(SUBACK_FAILURE);
    assertThat(grantedQos(kiosk, TOPICS.events(VICTIM, TerminalId.of("kiosk-1")))).isEqualTo(SUBACK_FAILURE);
    assertThat(grantedQos(kiosk, TOPICS.ack(HOME, TerminalId.of("kiosk-1")))).isEqualTo(1);
    assertThat(grantedQos(kiosk, new CredentialTopics(TOPICS).roster())).isEqualTo(1);
  }

  @Test
  void publish_forgedRosterOrAck_refused_kiosksKeepTheHubs() throws Exception {
    Provisioning attacker = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    Provisioning victim = FleetLogins.of(hub, VICTIM.value(), "kiosk-1");
    MqttClient evil = client(attacker.account().clientId(TerminalAccount.Link.EVENTS));
    KeyPair forgedIssuer = Ed25519.generate();
    String rosterTopic = new CredentialTopics(TOPICS).roster();
    byte[] forgedRoster = ("{\"v\":1,\"version\":999999,\"publishedAt\":\"2026-11-23T01:00:00Z\",\"keys\":[{\"keyId\":\"evil\","
        + "\"alg\":\"Ed25519\",\"publicKey\":\"" + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Ed25519.raw(forgedIssuer.getPublic())) + "\",\"notBefore\":\"2026-01-01T00:00:00Z\"}],"
        + "\"revoked\":[]}").getBytes(StandardCharsets.UTF_8);
    MqttMessage roster = new MqttMessage(forgedRoster);
    roster.setRetained(true);
    roster.setQos(0);
    MqttMessage ack = new MqttMessage(WireCodec.encodeAck(new Ack(1_000_000)));
    ack.setRetained(true);
    ack.setQos(0);
    // Each refused publish closes the attacker's connection: it logs in again for the second.
    MqttClients.connect(evil, FleetLogins.options(attacker), () -> evil.publish(rosterTopic, roster));
    await().atMost(WAIT).until(() -> !evil.isConnected());
    MqttClients.connect(evil, FleetLogins.options(attacker),
        () -> evil.publish(TOPICS.ack(VICTIM, TerminalId.of("kiosk-1")), ack));
    await().atMost(WAIT).until(() -> !evil.isConnected());

    // The victim kiosk (re)connects and reads the retained roster and its ack topic.
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    MqttClient kiosk = client(victim.account().clientId(TerminalAccount.Link.CREDENTIALS));
    MqttClients.connect(kiosk, FleetLogins.options(victim), () -> {
      kiosk.subscribe(rosterTopic, 1, (t, m) -> seen.add("roster " + CredentialWire.decodeRoster(m.getPayload()).version()));
      kiosk.subscribe(TOPICS.ack(VICTIM, TerminalId.of("kiosk-1")), 1, (t, m) -> seen.add("ack " + new String(m.getPayload(), StandardCharsets.UTF_8)));
    });

    long hubsVersion = hub.credentials().roster().version();
    await().atMost(WAIT).until(() -> seen.contains("roster " + hubsVersion));
    assertThat(seen).noneMatch(s -> s.equals("roster 999999")).noneMatch(s -> s.startsWith("ack "));
    assertThat(hub.fleet().refusals()).filteredOn(r -> r.kind() == FleetRefusal.Kind.PUBLISH)
        .singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(2));
  }

  @Test
  void events_unsignedOrSignedByAnotherKey_deadLetteredNeverCounted() throws Exception {
    try (PahoTerminal kiosk = new PahoTerminal(hub, HOME.value(), "kiosk-1")) {
      String topic = TOPICS.events(HOME, TerminalId.of("kiosk-1"));
      byte[] body = WireCodec.encodeEvent(kiosk.event(1, "V-360781-000666", EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00"));
      kiosk.publishUnsigned(topic, body);
      kiosk.publishUnsigned(topic, org.redvest.protocol.fleet.SignedPayload.sign(body, Ed25519.generate().getPrivate()));
      kiosk.publish(kiosk.event(2, "V-360781-000101", EventKind.CHECK_IN, "2026-11-23T09:00:00+08:00"));

      await().atMost(WAIT).until(() -> http.deadLetterCount() == 2 && http.eventCount() == 1);
      Long ack = kiosk.lastAck();
      assertThat(ack == null || ack == 0).as("seq 1 never stored, so nothing is acknowledged: " + ack).isTrue();
    }
    assertThat(http.json("/api/dead-letters").findValuesAsText("reason"))
        .containsExactlyInAnyOrder("sig: is required: the message is not signed",
            "sig: does not verify with the key bound to " + HOME + "/kiosk-1 ("
                + hub.fleet().terminal(TerminalAccount.of(HOME.value(), "kiosk-1")).orElseThrow().fingerprint() + ")");
    assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.SIGNATURE);
      assertThat(r.count()).isEqualTo(2);
    });
  }

  @Test
  void events_floodOfBadSignatures_dropsTheKioskAndSuspendsItsLogin() throws Exception {
    Provisioning login = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    MqttClient kiosk = client(login.account().clientId(TerminalAccount.Link.EVENTS));
    org.redvest.testsupport.MqttClients.connect(kiosk, FleetLogins.options(login), () -> { });
    String topic = TOPICS.events(HOME, TerminalId.of("kiosk-1"));
    java.security.PrivateKey thief = Ed25519.generate().getPrivate();

    // Until the hub has counted enough: a publish the broker drops (Moquette may close a fresh
    // connection) is sent again on a new one, which is refused once the suspension starts.
    for (int seq = 1; seq <= 300 && hub.fleet().suspendedUntil(login.account()).isEmpty(); seq++) {
      byte[] body = WireCodec.encodeEvent(org.redvest.protocol.AttendanceEvent.of(java.util.UUID.randomUUID(),
          HOME, TerminalId.of("kiosk-1"), seq, org.redvest.protocol.VolunteerId.of("V-360781-000666"),
          EventKind.CHECK_IN, org.redvest.protocol.CheckInMethod.QR,
          java.time.OffsetDateTime.parse("2026-11-23T09:00:00+08:00")));
      try {
        if (!kiosk.isConnected()) {
          kiosk.connect(FleetLogins.options(login));
        }
        kiosk.publish(topic, org.redvest.protocol.fleet.SignedPayload.sign(body, thief), 1, false);
      } catch (MqttException e) {
        // dropped, or refused once suspended: the loop's condition decides
      }
    }

    await().atMost(WAIT).until(() -> hub.fleet().suspendedUntil(login.account()).isPresent());
    MqttClient dropped = kiosk;
    await().atMost(WAIT).until(() -> !dropped.isConnected());
    assertThatThrownBy(() -> client(login.account().clientId(TerminalAccount.Link.EVENTS))
        .connect(FleetLogins.options(login)))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
    assertThat(http.eventCount()).isZero();
    await().atMost(WAIT).untilAsserted(() -> assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.LOGIN);
      assertThat(r.detail()).startsWith("suspended until");
    }));
    assertThat(http.json("/api/fleet/terminals").path("terminals").get(0).path("suspendedUntil").isNull())
        .as("shown as suspended").isFalse();
  }

  // --- revocation ---

  @Test
  void revoke_dropsTheKioskAndRefusesItsLogin() throws Exception {
    Provisioning stolen = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    MqttClient kiosk = client(stolen.account().clientId(TerminalAccount.Link.EVENTS));
    AtomicBoolean lost = new AtomicBoolean();
    kiosk.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        lost.set(true);
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {}

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    kiosk.connect(FleetLogins.options(stolen));

    HubHttp.Reply revoked = http.postJson("/api/fleet/terminals/" + HOME + "/kiosk-1/revoke", "");

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("revokedBy").asText()).isEqualTo("api-token");
    await().atMost(WAIT).untilTrue(lost);
    assertThatThrownBy(() -> client(stolen.account().clientId(TerminalAccount.Link.EVENTS))
        .connect(FleetLogins.options(stolen)))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
    JsonNode listed = http.json("/api/fleet/terminals").path("terminals").get(0);
    assertThat(listed.path("revokedAt").isNull()).isFalse();
    assertThat(http.postJson("/api/fleet/terminals/" + HOME + "/kiosk-1/revoke", "").status())
        .as("revoked twice").isEqualTo(409);
  }

  // --- provisioning ---

  @Test
  void provision_claimUsedTwiceForAnotherTerminalOrWithoutItsKey_refused() {
    TerminalAccount account = TerminalAccount.of(HOME.value(), "kiosk-1");
    HubHttp.Reply claim = http.postJson("/api/fleet/claims",
        "{\"stationId\":\"" + HOME + "\",\"terminalId\":\"kiosk-1\",\"ttlMinutes\":30}");
    assertThat(claim.status()).isEqualTo(201);
    String code = claim.json().path("code").asText();
    KeyPair key = Ed25519.generate();

    HubHttp.Reply other = provision(ProvisionRequest.signed(code, TerminalAccount.of(VICTIM.value(), "kiosk-1"),
        Ed25519.raw(key.getPublic()), key.getPrivate()));
    ProvisionRequest honest = ProvisionRequest.signed(code, account, Ed25519.raw(key.getPublic()), key.getPrivate());
    KeyPair thief = Ed25519.generate();
    HubHttp.Reply withoutKey = provision(new ProvisionRequest(code, account, Ed25519.raw(thief.getPublic()), honest.proof()));
    HubHttp.Reply first = provision(honest);
    HubHttp.Reply again = provision(honest);

    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().path("error").asText()).contains("claim code is for " + account.username());
    assertThat(withoutKey.status()).isEqualTo(403);
    assertThat(withoutKey.json().path("error").asText()).contains("proof");
    assertThat(first.status()).isEqualTo(200);
    assertThat(FleetWire.decodeProvisioning(first.bytes()).account())
        .isEqualTo(account);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.json().path("error").asText()).contains("already used");
    assertThat(hub.fleet().terminals()).singleElement()
        .satisfies(t -> assertThat(t.provisionedBy()).isEqualTo("api-token"));
  }

  @Test
  void provision_unknownCodes_throttledPerCaller() {
    KeyPair key = Ed25519.generate();
    ProvisionRequest guess = ProvisionRequest.signed("AAAA-BBBB-CCCC", TerminalAccount.of(HOME.value(), "kiosk-1"),
        Ed25519.raw(key.getPublic()), key.getPrivate());
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(provision(guess).status());
    }
    ClaimCode real = hub.fleet().createClaim(TerminalAccount.of(HOME.value(), "kiosk-1"), "test", Duration.ofMinutes(5));

    assertThat(statuses).containsExactly(403, 403, 403, 403, 403, 429);
    assertThat(provision(ProvisionRequest.signed(real.code(), TerminalAccount.of(HOME.value(), "kiosk-1"),
        Ed25519.raw(key.getPublic()), key.getPrivate())).status()).as("even a good code, for a minute").isEqualTo(429);
  }

  @Test
  void requestRotation_adminOnly_aSignedRetainedNoticeOnlyThatKioskMayRead() throws Exception {
    Provisioning login = FleetLogins.of(hub, HOME.value(), "kiosk-1");
    Provisioning other = FleetLogins.of(hub, VICTIM.value(), "kiosk-1");
    String path = "/api/fleet/terminals/" + HOME + "/kiosk-1/request-rotation";
    assertThat(HubHttp.of(hub).postJson(path, "").status()).isEqualTo(401);

    HubHttp.Reply asked = http.postJson(path, "");

    assertThat(asked.status()).isEqualTo(202);
    assertThat(asked.json().path("requestedBy").asText()).isEqualTo("api-token");
    assertThat(http.json("/api/fleet/terminals").findValuesAsText("rotationRequestedAt"))
        .filteredOn(at -> !at.equals("null")).hasSize(1);
    MqttClient kiosk = client(login.account().clientId(TerminalAccount.Link.EVENTS));
    kiosk.connect(FleetLogins.options(login));
    java.util.concurrent.CompletableFuture<byte[]> read = new java.util.concurrent.CompletableFuture<>();
    kiosk.subscribe(TOPICS.rotate(HOME, TerminalId.of("kiosk-1")), 1, (t, m) -> read.complete(m.getPayload()));
    org.redvest.protocol.fleet.RotationNotice notice = org.redvest.protocol.fleet.FleetWire.decodeNotice(
        org.redvest.protocol.fleet.SignedPayload.verify(read.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
            Ed25519.publicKey(java.util.Base64.getUrlDecoder().decode(login.hubKey()))));
    assertThat(notice.account()).isEqualTo(login.account());
    assertThat(notice.httpsPort()).isEqualTo(hub.httpsPort());
    MqttClient stranger = client(other.account().clientId(TerminalAccount.Link.EVENTS));
    stranger.connect(FleetLogins.options(other));
    assertThat(stranger.subscribeWithResponse(TOPICS.rotate(HOME, TerminalId.of("kiosk-1")), 1)
        .getGrantedQos()[0]).as("another kiosk may not read it").isEqualTo(SUBACK_FAILURE);
    assertThat(http.postJson("/api/fleet/terminals/" + HOME + "/nobody/request-rotation", "").status())
        .isEqualTo(404);
    http.postJson("/api/fleet/terminals/" + VICTIM + "/kiosk-1/revoke", "");
    assertThat(http.postJson("/api/fleet/terminals/" + VICTIM + "/kiosk-1/request-rotation", "").status())
        .as("a revoked terminal is claimed again, not rotated").isEqualTo(409);
  }

  /**
   * A claim asked for with the hub's address also answers the join code a kiosk's camera reads
   * (docs/protocol.md §15): the same one-time code, signed by the hub, and it joins like a bundle.
   */
  @Test
  void claims_withTheHubsAddress_answerAJoinCodeThatProvisions_aBadAddressRefused() {
    HubHttp.Reply claim = http.postJson("/api/fleet/claims", "{\"stationId\":\"" + HOME
        + "\",\"terminalId\":\"kiosk-7\",\"hub\":\"http://hub.example.org:7070\"}");
    assertThat(claim.status()).as(claim.text()).isEqualTo(201);
    ProvisioningBundle bundle = ProvisioningBundle.read(ProvisioningBundle.fileOfJoinCode(
        claim.json().path("joinCode").asText()));
    assertThat(bundle.claimCode()).isEqualTo(claim.json().path("code").asText());
    assertThat(bundle.account()).isEqualTo(TerminalAccount.of(HOME.value(), "kiosk-7"));
    assertThat(bundle.hub()).hasToString("http://hub.example.org:7070");
    assertThat(bundle.hubPin()).as("a pin checks nothing over plain http").isNull();
    KeyPair key = Ed25519.generate();
    assertThat(provision(ProvisionRequest.signed(bundle.claimCode(), bundle.account(),
        Ed25519.raw(key.getPublic()), key.getPrivate())).status()).isEqualTo(200);

    HubHttp.Reply ftp = http.postJson("/api/fleet/claims", "{\"stationId\":\"" + HOME
        + "\",\"terminalId\":\"kiosk-8\",\"hub\":\"ftp://hub.example.org\"}");
    assertThat(ftp.status()).isEqualTo(400);
    assertThat(ftp.json().path("error").asText()).contains("hub's web address");
  }

  @Test
  void claims_withoutAdmin_refused() {
    HubHttp anonymous = HubHttp.of(hub);
    assertThat(anonymous.postJson("/api/fleet/claims", "{\"stationId\":\"" + HOME + "\",\"terminalId\":\"k\"}")
        .status()).isEqualTo(401);
    assertThat(anonymous.postJson("/api/fleet/terminals/" + HOME + "/k/revoke", "").status()).isEqualTo(401);
  }

  // --- helpers ---

  private HubHttp.Reply provision(ProvisionRequest request) {
    return HubHttp.of(hub).postJson("/api/fleet/provision",
        new String(FleetWire.encodeRequest(request), StandardCharsets.UTF_8));
  }

  private MqttClient client(String clientId) throws MqttException {
    MqttClient client = new MqttClient(hub.mqttUrl(), clientId, new MemoryPersistence());
    client.setTimeToWait(WAIT.toMillis());
    clients.add(() -> {
      if (client.isConnected()) {
        client.disconnectForcibly(1000);
      }
      client.close();
    });
    return client;
  }

  private static int grantedQos(MqttClient client, String filter) throws MqttException {
    IMqttToken token = client.subscribeWithResponse(filter, 1);
    return token.getGrantedQos()[0];
  }

  private static String forged(long seq, EventKind kind, String at) {
    return new String(WireCodec.encodeEvent(org.redvest.protocol.AttendanceEvent.of(java.util.UUID.randomUUID(),
        VICTIM, TerminalId.of("kiosk-1"), seq, org.redvest.protocol.VolunteerId.of("V-360781-000666"), kind,
        org.redvest.protocol.CheckInMethod.FACE, java.time.OffsetDateTime.parse(at))), StandardCharsets.UTF_8);
  }

  private static void publishRefused(PahoTerminal terminal, String topic, String payload) throws MqttException {
    terminal.publishRefused(topic, payload.getBytes(StandardCharsets.UTF_8));
  }
}
