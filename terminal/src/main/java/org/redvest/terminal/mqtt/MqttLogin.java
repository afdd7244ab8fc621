package org.redvest.terminal.mqtt;

import java.net.URI;
import java.util.Objects;
import org.redvest.protocol.fleet.TlsPin;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.SignedPayload;

/**
 * The broker login a provisioned terminal got from its hub (docs/security.md), and the hub's
 * signing key, which every hub message must carry a signature of (docs/protocol.md §16).
 *
 * @param hubKey the hub's Ed25519 key, or null for a hub that does not sign (then hub messages
 *     are read unsigned)
 * @param terminalKey the terminal's own private key, which signs its enrolment records and
 *     refused attempts (its events are signed in the outbox); null to send them unsigned
 * @param tlsPin the hub's TLS key: an {@code ssl://} connection trusts exactly the server showing
 *     it; null to trust the Java runtime's certificate authorities
 * @param tlsPort the hub's MQTT-over-TLS port from provisioning, 0 when it has none
 * @param hubKeys the hub signing key trusted now, which follows the hub's rotations; null to trust
 *     {@code hubKey} only
 */
public record MqttLogin(String username, String password, PublicKey hubKey, PrivateKey terminalKey,
    TlsPin tlsPin, int tlsPort, HubKeys hubKeys) {
  public MqttLogin {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  public MqttLogin(String username, String password, PublicKey hubKey, PrivateKey terminalKey) {
    this(username, password, hubKey, terminalKey, null, 0, null);
  }

  /**
   * The login in {@code provisioning}; the hub's signing key followed through its rotations, each
   * new one handed to {@code onHubKeyRotated} to keep.
   */
  public static MqttLogin of(Provisioning provisioning, PrivateKey terminalKey,
      java.util.function.Consumer<PublicKey> onHubKeyRotated) {
    PublicKey hubKey = provisioning.hubPublicKey().orElse(null);
    return new MqttLogin(provisioning.username(), provisioning.password(), hubKey, terminalKey,
        provisioning.hubTlsPin().orElse(null), provisioning.mqttTlsPort(),
        hubKey == null ? null : new HubKeys(hubKey, onHubKeyRotated));
  }

  public static MqttLogin of(Provisioning provisioning, PrivateKey terminalKey) {
    return of(provisioning, terminalKey, key -> { });
  }

  /**
   * Where to connect: {@code configured}, except that a {@code tcp://} URL of another machine
   * becomes the hub's TLS listener on the same host when provisioning named one, so a joined
   * terminal never sends its login in clear text over the network (docs/security.md, "TLS").
   */
  public String route(String configured) {
    URI uri = URI.create(configured);
    if (!"tcp".equals(uri.getScheme()) || tlsPin == null || tlsPort == 0 || loopback(uri.getHost())) {
      return configured;
    }
    return "ssl://" + uri.getHost() + ":" + tlsPort;
  }

  /** {@code body} signed by the terminal (docs/protocol.md §16); as it is without a key. */
  static byte[] seal(MqttLogin login, byte[] body) {
    return login == null || login.terminalKey() == null ? body : SignedPayload.sign(body, login.terminalKey());
  }

  /**
   * Sets the login on {@code options} (a null login leaves them anonymous) and, for an {@code
   * ssl://} {@code brokerUrl}, the pinned trust: the pin replaces the host-name check, since it
   * names the one key the hub holds whatever address the kiosk reaches it by.
   */
  static MqttConnectOptions apply(MqttLogin login, String brokerUrl, MqttConnectOptions options) {
    if (login != null) {
      options.setUserName(login.username());
      options.setPassword(login.password().toCharArray());
      if (login.tlsPin() != null && brokerUrl.startsWith("ssl://")) {
        options.setSocketFactory(login.tlsPin().socketFactory());
        options.setHttpsHostnameVerificationEnabled(false);
      }
    }
    return options;
  }

  /**
   * Only a literal loopback name or address: resolving a name here would let a DNS answer of
   * 127.0.0.1 keep the URL plain while Paho's own lookup goes elsewhere.
   */
  private static boolean loopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
    return h.equalsIgnoreCase("localhost") || h.equals("::1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /**
   * What the hub said in {@code payload}: the body its key signed. Without a login or a hub key
   * (a terminal that never joined a fleet) the payload is read as it is.
   *
   * @throws ProtocolException when the hub's signature is missing or does not verify: the message
   *     is forged, or from another hub, and must be ignored
   */
  static byte[] open(MqttLogin login, byte[] payload) {
    if (login == null || login.hubKey() == null) {
      return payload;
    }
    return login.hubKeys() != null ? login.hubKeys().open(payload)
        : SignedPayload.verify(payload, login.hubKey());
  }

  @Override
  public String toString() {
    return "MqttLogin[" + username + "]";
  }
}
