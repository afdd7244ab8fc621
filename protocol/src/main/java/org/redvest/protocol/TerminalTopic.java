package org.redvest.protocol;

import java.util.Optional;

/** A parsed {@code {prefix}/stations/{stationId}/terminals/{terminalId}/{kind}} topic. */
public record TerminalTopic(StationId stationId, TerminalId terminalId, Kind kind) {

  /** The last topic level, with its wire name. */
  public enum Kind {
    EVENTS("events"),
    STATUS("status"),
    HEARTBEAT("heartbeat"),
    ACK("ack"),
    ENROLMENTS("enrolments"),
    ENROLMENT_ACK("enrolment-ack"),
    /** The hub asks the terminal to replace its key (retained, hub to terminal). */
    ROTATE("rotate");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Optional<Kind> fromWireName(String name) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(name)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }
}
