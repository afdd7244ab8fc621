package org.redvest.hub.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.store.Database;
import org.redvest.hub.transport.broker.BrokerGate;
import org.redvest.protocol.Topics;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.HandClock;

/** The fleet register on a real SQLite file, with a clock the test moves. */
class FleetTest {
  private static final TerminalAccount KIOSK = TerminalAccount.of("JX-RJ-0001", "kiosk-1");

  @TempDir Path dir;
  private final HandClock clock = new HandClock(java.time.Instant.now());
  private Database database;
  private Fleet fleet;

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("hub.db"));
    fleet = Fleet.open(database, Topics.defaults(), clock, org.redvest.hub.transport.link.HubSigner.open(dir));
  }

  @AfterEach
  void close() {
    fleet.close();
    database.close();
  }

  @Test
  void provision_expiredCode_refused_freshOneBindsTheKey() {
    ClaimCode old = fleet.createClaim(KIOSK, "admin", Duration.ofMinutes(30));
    clock.advance(Duration.ofMinutes(30));
    KeyPair key = Ed25519.generate();

    assertThatThrownBy(() -> fleet.provision(request(old.code(), key)))
        .isInstanceOf(FleetException.class).hasMessageContaining("expired");
    Provisioning p = fleet.provision(request(fleet.createClaim(KIOSK, "admin", Duration.ofMinutes(30)).code(), key));

    assertThat(fleet.login(KIOSK.clientId(TerminalAccount.Link.EVENTS), p.username(), bytes(p.password()))).isTrue();
    assertThat(fleet.terminal(KIOSK).orElseThrow().provisionedBy()).isEqualTo("admin");
  }

  @Test
  void provision_codeAsAPersonTypesIt_accepted() {
    ClaimCode claim = fleet.createClaim(KIOSK, "admin", Duration.ofHours(1));
    String typed = claim.code().toLowerCase().replace("-", " ").replace('0', 'o').replace('1', 'l');

    assertThat(fleet.provision(request(typed, Ed25519.generate())).account()).isEqualTo(KIOSK);
  }

  @Test
  void reprovision_newKeyRetiresTheOldLogin_andSurvivesARestart() {
    Provisioning first = fleet.provision(request(fleet.createClaim(KIOSK, "a", Duration.ofHours(1)).code(), Ed25519.generate()));
    Provisioning second = fleet.provision(request(fleet.createClaim(KIOSK, "a", Duration.ofHours(1)).code(), Ed25519.generate()));
    fleet.close();
    fleet = Fleet.open(database, Topics.defaults(), clock, org.redvest.hub.transport.link.HubSigner.open(dir));
    String clientId = KIOSK.clientId(TerminalAccount.Link.EVENTS);

    assertThat(fleet.login(clientId, first.username(), bytes(first.password()))).isFalse();
    assertThat(fleet.login(clientId, second.username(), bytes(second.password()))).isTrue();
    assertThat(fleet.terminals()).singleElement().satisfies(t -> assertThat(t.fingerprint()).isEqualTo(second.keyFingerprint()));
  }

  @Test
  void refusals_countedPerSubject_keptAcrossRestarts() {
    for (int i = 0; i < 3; i++) {
      fleet.login("rv/JX-RJ-0001/kiosk-1", KIOSK.username(), bytes("guess-" + i));
    }
    fleet.close();
    fleet = Fleet.open(database, Topics.defaults(), clock, org.redvest.hub.transport.link.HubSigner.open(dir));
    fleet.login("rv/JX-RJ-0001/kiosk-1", KIOSK.username(), bytes("guess-again"));

    assertThat(fleet.refusals()).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.LOGIN);
      assertThat(r.count()).isEqualTo(4);
    });
  }

  @Test
  void createClaim_ttlOverAWeek_refused() {
    assertThatThrownBy(() -> fleet.createClaim(KIOSK, "admin", Duration.ofDays(8)))
        .isInstanceOf(FleetException.class).hasMessageContaining("7 days");
  }

  @Test
  void failedLogins_fromOneAddress_answeredLaterOnceOverTheLimit_rightLoginsStillAtOnce() {
    Provisioning p = fleet.provision(request(fleet.createClaim(KIOSK, "a", Duration.ofHours(1)).code(),
        Ed25519.generate()));
    String clientId = KIOSK.clientId(TerminalAccount.Link.EVENTS);
    BrokerGate.Peer attacker = new BrokerGate.Peer("10.0.0.9", true);
    BrokerGate.Peer neighbour = new BrokerGate.Peer("10.0.0.10", true);

    for (int i = 1; i < Fleet.LOGIN_FAILURE_LIMIT; i++) {
      assertThat(fleet.login("x" + i, "JX-NC-0002/kiosk-" + i, bytes("guess"), attacker)).isFalse();
    }
    assertThat(fleet.refusalDelay(attacker)).as("one below the limit").isZero();
    assertThat(fleet.login(clientId, p.username(), bytes("guess"), attacker)).isFalse();

    assertThat(fleet.refusalDelay(attacker)).isEqualTo(Fleet.THROTTLE_DELAY);
    assertThat(fleet.refusalDelay(neighbour)).isZero();
    assertThat(fleet.login(clientId, p.username(), bytes(p.password()), attacker))
        .as("a kiosk behind the same address logs in at once: a tarpit, not a lock-out").isTrue();
    assertThat(fleet.refusals()).extracting(FleetRefusal::subject)
        .contains("throttled 10.0.0.9", "unknown terminal from 10.0.0.9", p.username())
        .as("made-up names are counted per address, not one row each")
        .noneMatch(subject -> subject.startsWith("JX-NC-0002/"));
    clock.advance(Fleet.FLOOD_WINDOW);
    assertThat(fleet.refusalDelay(attacker)).as("the window has passed").isZero();
  }

  @Test
  void badSignatures_floodSuspendsTheLoginForAWhile_fewerDoNot() {
    KeyPair key = Ed25519.generate();
    Provisioning p = fleet.provision(request(fleet.createClaim(KIOSK, "a", Duration.ofHours(1)).code(), key));
    java.util.List<TerminalAccount> cutOff = new java.util.concurrent.CopyOnWriteArrayList<>();
    fleet.onRevoked(cutOff::add);
    String clientId = KIOSK.clientId(TerminalAccount.Link.EVENTS);
    byte[] forged = org.redvest.protocol.fleet.SignedPayload.sign(
        "{\"v\":1}".getBytes(StandardCharsets.UTF_8), Ed25519.generate().getPrivate());

    for (int i = 1; i < Fleet.FLOOD_LIMIT; i++) {
      badSignature(forged);
    }
    clock.advance(Fleet.FLOOD_WINDOW);
    badSignature(forged);
    assertThat(fleet.login(clientId, p.username(), bytes(p.password())))
        .as("the count starts again each window").isTrue();
    for (int i = 1; i < Fleet.FLOOD_LIMIT; i++) {
      badSignature(forged);
    }

    assertThat(cutOff).containsExactly(KIOSK);
    assertThat(fleet.login(clientId, p.username(), bytes(p.password()))).isFalse();
    assertThat(fleet.suspendedUntil(KIOSK)).contains(clock.instant().plus(Fleet.SUSPENSION));
    assertThat(fleet.mosquittoUsers()).as("left out of an external broker's files too").isEmpty();
    clock.advance(Fleet.SUSPENSION);
    assertThat(fleet.login(clientId, p.username(), bytes(p.password()))).isTrue();
    assertThat(fleet.suspendedUntil(KIOSK)).isEmpty();
    assertThat(fleet.mosquittoUsers()).extracting(Fleet.MosquittoUser::account).containsExactly(KIOSK);
  }

  @Test
  void replacedKey_acceptedForTheGracePeriod_thenRefused_evenAfterARestart_butNotForHeldEvents() {
    KeyPair first = Ed25519.generate();
    fleet.provision(request(fleet.createClaim(KIOSK, "a", Duration.ofHours(1)).code(), first));
    clock.advance(Duration.ofDays(30));
    KeyPair second = Ed25519.generate();
    fleet.provision(request(fleet.createClaim(KIOSK, "a", Duration.ofHours(1)).code(), second));
    byte[] oldKey = org.redvest.protocol.fleet.SignedPayload.sign(
        "{\"v\":1}".getBytes(StandardCharsets.UTF_8), first.getPrivate());
    byte[] newKey = org.redvest.protocol.fleet.SignedPayload.sign(
        "{\"v\":1}".getBytes(StandardCharsets.UTF_8), second.getPrivate());

    clock.advance(Fleet.RETIRED_KEY_GRACE.minusSeconds(1));
    assertThat(fleet.open(KIOSK.station(), KIOSK.terminal(), oldKey)).as("in flight").isNotNull();
    fleet.close();
    fleet = Fleet.open(database, Topics.defaults(), clock, org.redvest.hub.transport.link.HubSigner.open(dir));
    assertThat(fleet.open(KIOSK.station(), KIOSK.terminal(), oldKey)).as("after a restart").isNotNull();
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> fleet.open(KIOSK.station(), KIOSK.terminal(), oldKey))
        .hasMessageContaining("retired at").hasMessageContaining(KeyFingerprint.of(Ed25519.raw(first.getPublic())));
    assertThat(fleet.open(KIOSK.station(), KIOSK.terminal(), newKey)).isNotNull();
    assertThat(fleet.openRevoked(KIOSK.station(), KIOSK.terminal(), oldKey))
        .as("events of a revoked kiosk, received before, or released from a hold, are judged by an admin")
        .isNotNull();
  }

  private void badSignature(byte[] payload) {
    assertThatThrownBy(() -> fleet.open(KIOSK.station(), KIOSK.terminal(), payload))
        .hasMessageStartingWith("sig: does not verify");
  }

  private static ProvisionRequest request(String code, KeyPair key) {
    return ProvisionRequest.signed(code, KIOSK, Ed25519.raw(key.getPublic()), key.getPrivate());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
