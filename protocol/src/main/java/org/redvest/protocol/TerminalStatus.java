package org.redvest.protocol;

import java.time.OffsetDateTime;

/** Retained status of a terminal; {@code offline} is also its MQTT last will. */
public record TerminalStatus(State state, OffsetDateTime at, String software) {

  /** Online or offline, with the wire values {@code online} and {@code offline}. */
  public enum State {
    ONLINE,
    OFFLINE;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public TerminalStatus {
    if (state == null) {
      throw new ProtocolException("state", "is required");
    }
  }
}
