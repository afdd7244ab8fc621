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
 */
public record Provisioning(TerminalAccount account, String password, String keyFingerprint,
    String topicPrefix, Instant provisionedAt) {

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
