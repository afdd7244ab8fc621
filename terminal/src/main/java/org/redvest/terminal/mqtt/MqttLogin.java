package org.redvest.terminal.mqtt;

import java.util.Objects;
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
 */
public record MqttLogin(String username, String password, PublicKey hubKey, PrivateKey terminalKey) {
  public MqttLogin {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  public static MqttLogin of(Provisioning provisioning, PrivateKey terminalKey) {
    return new MqttLogin(provisioning.username(), provisioning.password(),
        provisioning.hubPublicKey().orElse(null), terminalKey);
  }

  /** {@code body} signed by the terminal (docs/protocol.md §16); as it is without a key. */
  static byte[] seal(MqttLogin login, byte[] body) {
    return login == null || login.terminalKey() == null ? body : SignedPayload.sign(body, login.terminalKey());
  }

  /** Sets the login on {@code options}; a null login leaves them anonymous. */
  static MqttConnectOptions apply(MqttLogin login, MqttConnectOptions options) {
    if (login != null) {
      options.setUserName(login.username());
      options.setPassword(login.password().toCharArray());
    }
    return options;
  }

  /**
   * What the hub said in {@code payload}: the body its key signed. Without a login or a hub key
   * (a terminal that never joined a fleet) the payload is read as it is.
   *
   * @throws ProtocolException when the hub's signature is missing or does not verify: the message
   *     is forged, or from another hub, and must be ignored
   */
  static byte[] open(MqttLogin login, byte[] payload) {
    return login == null || login.hubKey() == null ? payload : SignedPayload.verify(payload, login.hubKey());
  }

  @Override
  public String toString() {
    return "MqttLogin[" + username + "]";
  }
}
