package org.redvest.terminal.outbox;

import java.time.Instant;
import java.util.Optional;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.WireCodec;

/**
 * An event as the outbox holds it: its sequence number, the exact bytes to publish, and when it
 * was last handed to the broker ({@code null} if never).
 */
public record StoredEvent(long seq, byte[] payload, Instant lastSentAt, int sendCount) {

  public Optional<Instant> lastSent() {
    return Optional.ofNullable(lastSentAt);
  }

  /** The event the payload encodes. */
  public AttendanceEvent event() {
    return WireCodec.decodeEvent(payload);
  }
}
