package org.redvest.hub.domain.fleet;

import java.time.Instant;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * A provisioned terminal as the hub knows it.
 *
 * @param fingerprint {@link org.redvest.protocol.fleet.KeyFingerprint} of its bound Ed25519 key
 * @param revokedAt when it was revoked, or null while it may report
 * @param holding revoked with its late events held for review (docs/security.md, "Salvage"): it
 *     may still log in and deliver its events, each one held, never counted, until an admin
 *     releases or discards it; false once the hold ends (full refusal)
 * @param holdEndedAt when an admin ended the hold, or null
 */
public record FleetTerminal(TerminalAccount account, String publicKey, String fingerprint,
    Instant provisionedAt, String provisionedBy, Instant revokedAt, String revokedBy,
    boolean holding, Instant holdEndedAt, String holdEndedBy) {

  /** A terminal that is not revoked, or revoked without a hold. */
  public FleetTerminal(TerminalAccount account, String publicKey, String fingerprint,
      Instant provisionedAt, String provisionedBy, Instant revokedAt, String revokedBy) {
    this(account, publicKey, fingerprint, provisionedAt, provisionedBy, revokedAt, revokedBy,
        false, null, null);
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  /** The same terminal revoked at {@code at} by {@code by}, holding its late events or not. */
  FleetTerminal revokedAt(Instant at, String by, boolean hold) {
    return new FleetTerminal(account, publicKey, fingerprint, provisionedAt, provisionedBy, at, by,
        hold, null, null);
  }

  /** The same terminal with its hold ended at {@code at} by {@code by}: fully refused since. */
  FleetTerminal holdEnded(Instant at, String by) {
    return new FleetTerminal(account, publicKey, fingerprint, provisionedAt, provisionedBy,
        revokedAt, revokedBy, false, at, by);
  }
}
