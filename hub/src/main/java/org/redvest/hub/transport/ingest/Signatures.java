package org.redvest.hub.transport.ingest;

import java.time.Instant;
import java.util.Optional;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;

/**
 * Whether a terminal signed what it sent (docs/protocol.md §16): the fleet knows each terminal's
 * keys. Event ingest, enrolment records and refused attempts read only the verified body.
 */
public interface Signatures {
  /**
   * The body of {@code payload} if a key bound to {@code station/terminal} signed it.
   *
   * @throws org.redvest.protocol.ProtocolException {@code sig: …} naming why not: unsigned, not
   *     verifying, a terminal without a key, a revoked terminal
   */
  byte[] open(StationId station, TerminalId terminal, byte[] payload);

  /**
   * A terminal's revocation: when, and whether its late events are held for review
   * (docs/security.md, "Salvage") rather than refused.
   */
  record Revocation(Instant at, boolean hold) {}

  /** The revocation of {@code station/terminal}; empty while it is in good standing. */
  default Optional<Revocation> revocation(StationId station, TerminalId terminal) {
    return Optional.empty();
  }

  /**
   * Like {@link #open}, but also for a revoked terminal: for events received before its
   * revocation (the time of receipt decides), held events, and events an admin released.
   */
  default byte[] openRevoked(StationId station, TerminalId terminal, byte[] payload) {
    return open(station, terminal, payload);
  }
}
