package org.redvest.hub;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.redvest.hub.domain.fleet.ClaimCode;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.SignedPayload;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * Provisions test terminals the way a kiosk does (a claim code, a fresh Ed25519 key, the signed
 * claim), through the hub's own {@link org.redvest.hub.domain.fleet.Fleet}; remembers each login per data
 * directory so a test that restarts its hub, or opens a second client, keeps the same one.
 */
public final class FleetLogins {
  private static final Map<String, Provisioning> LOGINS = new ConcurrentHashMap<>();
  /** Each test terminal's private key, by its fingerprint. */
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

  private FleetLogins() {}

  public static Provisioning of(Hub hub, String station, String terminal) {
    TerminalAccount account = TerminalAccount.of(station, terminal);
    String key = hub.config().dataDir().toAbsolutePath() + "|" + account.username();
    Provisioning known = LOGINS.get(key);
    if (known != null && hub.fleet().terminal(account)
        .filter(t -> !t.revoked() && t.fingerprint().equals(known.keyFingerprint())).isPresent()) {
      return known;
    }
    Provisioning fresh = provision(hub, account);
    LOGINS.put(key, fresh);
    return fresh;
  }

  /** A new key and login for {@code account}, replacing any it had. */
  public static Provisioning provision(Hub hub, TerminalAccount account) {
    KeyPair key = Ed25519.generate();
    ClaimCode claim = hub.fleet().createClaim(account, "test", Duration.ofMinutes(10));
    Provisioning p = hub.fleet().provision(ProvisionRequest.signed(claim.code(), account,
        Ed25519.raw(key.getPublic()), key.getPrivate()));
    KEYS.put(p.keyFingerprint(), key);
    return p;
  }

  /** {@code body} signed by the terminal's own key, as a terminal sends it (docs/protocol.md §16). */
  public static byte[] sign(Provisioning login, byte[] body) {
    return SignedPayload.sign(body, KEYS.get(login.keyFingerprint()).getPrivate());
  }

  /** Paho options that log in as {@code login}. */
  public static MqttConnectOptions options(Provisioning login) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(login.username());
    options.setPassword(login.password().toCharArray());
    return options;
  }

  /**
   * Paho options that log in as {@code login} at {@code brokerUrl}: over {@code ssl://}, trusting
   * only the hub key the provisioning pinned, as a terminal does.
   */
  public static MqttConnectOptions options(Provisioning login, String brokerUrl) {
    MqttConnectOptions options = options(login);
    if (brokerUrl.startsWith("ssl://")) {
      options.setSocketFactory(login.hubTlsPin().orElseThrow().socketFactory());
      options.setHttpsHostnameVerificationEnabled(false);
    }
    return options;
  }
}
