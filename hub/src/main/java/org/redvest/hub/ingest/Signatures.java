package org.redvest.hub.ingest;

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
}
