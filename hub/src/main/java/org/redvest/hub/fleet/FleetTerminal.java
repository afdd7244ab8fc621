package org.redvest.hub.fleet;

import java.time.Instant;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * A provisioned terminal as the hub knows it.
 *
 * @param fingerprint {@link org.redvest.protocol.fleet.KeyFingerprint} of its bound Ed25519 key
 * @param revokedAt when it was revoked, or null while it may report
 */
public record FleetTerminal(TerminalAccount account, String publicKey, String fingerprint,
    Instant provisionedAt, String provisionedBy, Instant revokedAt, String revokedBy) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
