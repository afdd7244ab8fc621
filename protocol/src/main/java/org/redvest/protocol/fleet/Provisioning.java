package org.redvest.protocol.fleet;

import java.time.Instant;
import java.util.Objects;
import org.redvest.protocol.ProtocolException;

/**
 * What the hub returns to a terminal whose claim it accepted, and what the terminal keeps on disk
 * (readable by its own user only): its broker login and the fingerprint of the key the hub bound.
 *
 * @param account the station and terminal the key is bound to
 * @param password the terminal's own broker password (the hub keeps only its SHA-256)
 * @param keyFingerprint {@link KeyFingerprint} of the terminal key the hub bound
 * @param topicPrefix the hub's MQTT topic prefix
 * @param provisionedAt when the hub bound the key
 * @param hubKey the hub's raw Ed25519 signing key in base64url: the terminal accepts hub messages
 *     (acks, roster) only when this key signed them (docs/protocol.md §16); null from a hub that
 *     predates signing
 * @param tlsPin {@link TlsPin} of the hub's TLS key: the terminal trusts a TLS connection to its
 *     hub (MQTT and HTTPS) only when the server shows this key; null from a hub without TLS
 * @param mqttTlsPort the port of the hub's MQTT-over-TLS listener, 0 when it has none
 */
public record Provisioning(TerminalAccount account, String password, String keyFingerprint,
    String topicPrefix, Instant provisionedAt, String hubKey, String tlsPin, int mqttTlsPort) {

  public Provisioning {
    if (account == null) {
      throw new ProtocolException("stationId", "is required");
    }
    if (password == null || password.length() < 16) {
      throw new ProtocolException("mqttPassword", "is required (at least 16 characters)");
    }
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(provisionedAt, "provisionedAt");
    if (hubKey != null) {
      hubPublicKey(hubKey);
    }
    if (tlsPin != null) {
      try {
        TlsPin.parse(tlsPin);
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("tlsPin", e.getMessage());
      }
    }
    if (mqttTlsPort < 0 || mqttTlsPort > 65535) {
      throw new ProtocolException("mqttTlsPort", "must be a port number, was " + mqttTlsPort);
    }
  }

  /** A provisioning from a hub without TLS. */
  public Provisioning(TerminalAccount account, String password, String keyFingerprint,
      String topicPrefix, Instant provisionedAt, String hubKey) {
    this(account, password, keyFingerprint, topicPrefix, provisionedAt, hubKey, null, 0);
  }

  /** The pin of the hub's TLS key, if the hub sent one. */
  public java.util.Optional<TlsPin> hubTlsPin() {
    return java.util.Optional.ofNullable(tlsPin).map(TlsPin::parse);
  }

  /** The hub's signing key, if the hub sent one. */
  public java.util.Optional<java.security.PublicKey> hubPublicKey() {
    return java.util.Optional.ofNullable(hubKey).map(Provisioning::hubPublicKey);
  }

  private static java.security.PublicKey hubPublicKey(String text) {
    try {
      return org.redvest.protocol.credential.Ed25519.publicKey(java.util.Base64.getUrlDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("hubKey", "must be a raw 32-byte Ed25519 key in base64url");
    }
  }

  public String username() {
    return account.username();
  }

  @Override
  public String toString() {
    return "Provisioning[" + account.username() + ", key " + keyFingerprint + ", at "
        + provisionedAt + "]";
  }
}
