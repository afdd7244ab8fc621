package org.redvest.hub.hours;

import java.time.Duration;
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
 * @param clockOffset the terminal's clock minus the hub's as measured at receipt ({@link
 *     Receipt}), or null when unknown
 */
public record Attendance(
    UUID eventId,
    VolunteerId volunteerId,
    StationId stationId,
    TerminalId terminalId,
    long terminalSeq,
    EventKind kind,
    OffsetDateTime occurredAt,
    Instant receivedAt,
    Duration clockOffset) {

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

  /** An attendance whose clock offset is unknown. */
  public Attendance(UUID eventId, VolunteerId volunteerId, StationId stationId,
      TerminalId terminalId, long terminalSeq, EventKind kind, OffsetDateTime occurredAt,
      Instant receivedAt) {
    this(eventId, volunteerId, stationId, terminalId, terminalSeq, kind, occurredAt, receivedAt, null);
  }

  public Instant instant() {
    return occurredAt.toInstant();
  }
}
