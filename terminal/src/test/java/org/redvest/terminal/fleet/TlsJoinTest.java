package org.redvest.terminal.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import java.security.KeyPair;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.Ed25519KeyFile;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.RotationRequest;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.fleet.TlsPin;
import org.redvest.terminal.mqtt.MqttLogin;

/**
 * Joining over HTTPS pinned to the hub's key, as {@code redvest-hub claim} tells an installer to
 * (docs/security.md, "TLS"): another key is refused before the claim code leaves the kiosk, and
 * a joined kiosk never sends its login to another machine in clear text.
 */
class TlsJoinTest {
  private static final TerminalAccount KIOSK = TerminalAccount.of("JX-RJ-0001", "kiosk-1");

  @TempDir Path dir;

  @Test
  void claim_overPinnedHttps_keepsTheHubsTlsPinAndPort() {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      TlsPin pin = hub.tls().orElseThrow().pin();
      TerminalIdentity identity = TerminalIdentity.open(dir.resolve("kiosk"));
      Provisioning p = identity.claim(URI.create("https://127.0.0.1:" + hub.httpsPort()), pin,
          code(hub), KIOSK);

      assertThat(p.tlsPin()).isEqualTo(pin.toString());
      assertThat(p.mqttTlsPort()).isEqualTo(hub.mqttTlsPort());
      MqttLogin login = identity.login().orElseThrow();
      assertThat(login.route("tcp://hub.example.org:1883"))
          .as("another machine: TLS on the provisioned port")
          .isEqualTo("ssl://hub.example.org:" + hub.mqttTlsPort());
      assertThat(login.route("tcp://127.0.0.1:1883")).as("loopback stays plain")
          .isEqualTo("tcp://127.0.0.1:1883");
      assertThat(login.route("ssl://hub.example.org:9883")).isEqualTo("ssl://hub.example.org:9883");
    }
  }

  @Test
  void claim_hubShowingAnotherKey_refusedAndTheCodeStaysUnused() throws Exception {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      TlsPin other = TlsPin.of(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic());
      TerminalIdentity identity = TerminalIdentity.open(dir.resolve("kiosk"));
      String code = code(hub);
      URI https = URI.create("https://127.0.0.1:" + hub.httpsPort());

      assertThatThrownBy(() -> identity.claim(https, other, code, KIOSK))
          .isInstanceOfSatisfying(ProvisioningException.class,
              e -> assertThat(e.unreachable()).as("not worth retrying").isFalse())
          .hasMessageContaining("did not show the hub's pinned TLS key");
      assertThatThrownBy(() -> identity.claim(URI.create("http://127.0.0.1:" + hub.httpPort()),
          hub.tls().orElseThrow().pin(), code, KIOSK))
          .as("a pin over plain http would check nothing")
          .isInstanceOf(ProvisioningException.class).hasMessageContaining("over https");
      assertThat(identity.provisioning()).isEmpty();
      assertThat(hub.fleet().terminal(KIOSK)).as("the code never reached the hub").isEmpty();
      identity.claim(https, hub.tls().orElseThrow().pin(), code, KIOSK);
      assertThat(hub.fleet().terminal(KIOSK)).isPresent();
    }
  }

  @Test
  void rotate_answerLostOnTheWay_runningItAgainFinishesWithTheSameNewKey() {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      TlsPin pin = hub.tls().orElseThrow().pin();
      URI https = URI.create("https://127.0.0.1:" + hub.httpsPort());
      Path data = dir.resolve("kiosk");
      TerminalIdentity identity = TerminalIdentity.open(data);
      identity.claim(https, pin, code(hub), KIOSK);
      // The kiosk made its next key and the hub bound it, but the answer never arrived.
      KeyPair next = Ed25519.generate();
      Ed25519KeyFile.create(data.resolve("fleet/terminal.ed25519.next"), next);
      byte[] nextKey = Ed25519.raw(next.getPublic());
      KeyPair current = Ed25519KeyFile.read(data.resolve("fleet/terminal.ed25519"));
      hub.fleet().rotate(RotationRequest.signed(KIOSK, identity.publicKey(), current.getPrivate(),
          nextKey, next.getPrivate(), java.time.Instant.now()));
      assertThat(TerminalIdentity.open(data).provisioning()).as("still the old login").isPresent();

      TerminalIdentity rotated = TerminalIdentity.open(data).rotate(https, pin);
      assertThat(rotated.fingerprint()).isEqualTo(KeyFingerprint.of(nextKey));
      assertThat(TerminalIdentity.open(data).provisioning().orElseThrow().keyFingerprint())
          .isEqualTo(rotated.fingerprint());
      assertThat(hub.fleet().keyCount(KIOSK)).isEqualTo(2);
    }
  }

  @Test
  void rotate_notJoined_refused() {
    TerminalIdentity identity = TerminalIdentity.open(dir.resolve("kiosk"));
    assertThatThrownBy(() -> identity.rotate(URI.create("https://127.0.0.1:1"), null))
        .isInstanceOf(ProvisioningException.class).hasMessageContaining("has not joined");
  }

  @Test
  void bundle_hubDownAtInstall_joinsOnceItAnswers_andForgetsTheBundle() throws Exception {
    Path hubData = dir.resolve("hub");
    HubConfig config;
    byte[] file;
    try (Hub hub = Hub.start(HubConfig.local(hubData))) {
      // The same ports later, so the bundle's address stays right.
      config = HubConfig.local(hubData).withHttpPort(hub.httpPort()).withMqttPort(hub.mqttPort())
          .withTransport(org.redvest.hub.TransportConfig.local().withMqttTlsPort(hub.mqttTlsPort())
              .withHttpsPort(hub.httpsPort()));
      file = bundle(hub, URI.create("https://127.0.0.1:" + hub.httpsPort()));
    }
    Path data = dir.resolve("kiosk");
    TerminalIdentity.open(data).keepBundle(file);
    java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
    try (BundleJoiner joiner = BundleJoiner.start(data, Duration.ofMillis(200), joined::countDown)) {
      assertThat(joiner).isNotNull();
      assertThat(TerminalIdentity.open(data).provisioning()).as("the hub is down").isEmpty();
      try (Hub hub = Hub.start(config)) {
        assertThat(joined.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(hub.fleet().terminal(KIOSK)).isPresent();
      }
    }
    TerminalIdentity identity = TerminalIdentity.open(data);
    assertThat(identity.provisioning().orElseThrow().account()).isEqualTo(KIOSK);
    assertThat(identity.bundle()).as("its code is used: forgotten").isEmpty();
  }

  @Test
  void bundle_damagedOrItsCodeUsed_refused() {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      byte[] file = bundle(hub, URI.create("https://127.0.0.1:" + hub.httpsPort()));
      String text = new String(file, java.nio.charset.StandardCharsets.UTF_8);
      byte[] damaged = text.replace("kiosk-1", "kiosk-2").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      TerminalIdentity identity = TerminalIdentity.open(dir.resolve("kiosk"));
      assertThatThrownBy(() -> identity.keepBundle(damaged))
          .isInstanceOf(org.redvest.protocol.ProtocolException.class).hasMessageContaining("does not verify");

      identity.keepBundle(file);
      TerminalIdentity other = TerminalIdentity.open(dir.resolve("other"));
      other.keepBundle(file);
      other.claimWithBundle();
      assertThatThrownBy(identity::claimWithBundle)
          .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.unreachable()).isFalse())
          .hasMessageContaining("already used");
      assertThat(identity.bundle()).as("kept for the admin to see").isPresent();
    }
  }

  @Test
  void bundle_answerSignedByAnotherHubKey_refusedAndNoLoginKept() {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      // A bundle naming a hub key the hub that answers does not hold.
      java.security.KeyPair other = Ed25519.generate();
      org.redvest.hub.domain.fleet.ClaimCode claim = hub.fleet().createClaim(KIOSK, "test", Duration.ofMinutes(10));
      byte[] file = new org.redvest.protocol.fleet.ProvisioningBundle(KIOSK, claim.code(),
          URI.create("https://127.0.0.1:" + hub.httpsPort()), hub.tls().orElseThrow().pin().toString(),
          java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.raw(other.getPublic())),
          claim.expiresAt()).sign(other.getPrivate());
      TerminalIdentity identity = TerminalIdentity.open(dir.resolve("kiosk"));
      identity.keepBundle(file);

      assertThatThrownBy(identity::claimWithBundle).isInstanceOf(ProvisioningException.class)
          .hasMessageContaining("another key than the bundle's");
      assertThat(TerminalIdentity.open(dir.resolve("kiosk")).provisioning())
          .as("never trusted from the next start on").isEmpty();
    }
  }

  private static byte[] bundle(Hub hub, URI address) {
    org.redvest.hub.domain.fleet.ClaimCode claim =
        hub.fleet().createClaim(KIOSK, "test", Duration.ofMinutes(10));
    org.redvest.hub.transport.link.HubSigner signer = org.redvest.hub.transport.link.HubSigner.open(hub.config().dataDir());
    return signer.sign(new org.redvest.protocol.fleet.ProvisioningBundle(KIOSK, claim.code(),
        address, hub.tls().orElseThrow().pin().toString(), signer.publicKey(), claim.expiresAt()));
  }

  private static String code(Hub hub) {
    return hub.fleet().createClaim(KIOSK, "test", Duration.ofMinutes(10)).code();
  }
}
