package org.redvest.protocol.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * A hub admin asks one terminal to replace its key (docs/protocol.md §15, "Rotating a terminal's
 * key"): published by the hub, signed by its signing key, retained on the terminal's {@code rotate}
 * topic until the terminal has rotated. The terminal rotates once per {@code requestedAt}, through
 * {@code POST /api/fleet/rotate} at the hub's HTTPS port on the host it reaches the broker by.
 *
 * @param httpsPort the hub's HTTPS port
 */
public record RotationNotice(TerminalAccount account, Instant requestedAt, String requestedBy,
    int httpsPort) {
  public RotationNotice {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    if (httpsPort < 1 || httpsPort > 65535) {
      throw new org.redvest.protocol.ProtocolException("httpsPort",
          "must be a port from 1 to 65535, was " + httpsPort);
    }
  }
}
