package org.redvest.hub.hours;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.UUID;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

/**
 * A stored attendance event as the hours rules see it.
 *
 * @param receivedAt when the hub received it (hub clock), used to spot terminals whose clock runs
 *     ahead
 */
public record Attendance(
    UUID eventId,
    VolunteerId volunteerId,
    StationId stationId,
    TerminalId terminalId,
    long terminalSeq,
    EventKind kind,
    OffsetDateTime occurredAt,
    Instant receivedAt) {

  /** Events are ordered by occurredAt as an instant, then terminalSeq, then eventId. */
  public static final Comparator<Attendance> ORDER =
      Comparator.comparing((Attendance a) -> a.occurredAt().toInstant())
          .thenComparingLong(Attendance::terminalSeq)
          .thenComparing(Attendance::eventId);

  public Attendance {
    if (eventId == null || volunteerId == null || stationId == null || terminalId == null
        || kind == null || occurredAt == null || receivedAt == null) {
      throw new IllegalArgumentException("every field of an attendance is required");
    }
  }

  public Instant instant() {
    return occurredAt.toInstant();
  }
}
