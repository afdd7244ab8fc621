package org.redvest.hub.transport.ingest;

import java.time.Instant;

/**
 * A message copied off the broker: its topic, its bytes and the hub time it arrived.
 *
 * @param released an event an admin released from a revoked terminal's hold: counted (for
 *     review) although its terminal is revoked; {@code receivedAt} is still its first receipt
 */
public record InboundMessage(String topic, byte[] payload, Instant receivedAt, boolean released) {

  public InboundMessage(String topic, byte[] payload, Instant receivedAt) {
    this(topic, payload, receivedAt, false);
  }
}
