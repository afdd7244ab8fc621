package org.redvest.hub.hours;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * One volunteer session. {@code checkInAt} is null only for an orphan check-out; {@code
 * checkOutAt} is null for open and superseded sessions. For {@link SessionStatus#AUTO_CLOSED} it
 * is the check-in plus the maximum session length.
 */
public record Session(
    VolunteerId volunteerId,
    StationId stationId,
    OffsetDateTime checkInAt,
    OffsetDateTime checkOutAt,
    long minutes,
    SessionStatus status,
    Set<SessionFlag> flags,
    UUID checkInEventId,
    UUID checkOutEventId) {

  public Session {
    if (volunteerId == null || stationId == null || status == null) {
      throw new IllegalArgumentException("volunteerId, stationId and status are required");
    }
    if (checkInAt == null && checkOutAt == null) {
      throw new IllegalArgumentException("a session has a check-in or a check-out");
    }
    EnumSet<SessionFlag> copy = EnumSet.noneOf(SessionFlag.class);
    copy.addAll(flags);
    flags = Collections.unmodifiableSet(copy);
  }

  /** When the session starts: the check-in, or the check-out of an orphan. */
  public Instant start() {
    return (checkInAt != null ? checkInAt : checkOutAt).toInstant();
  }

  /** When the session ends, or the start when it has no end yet. */
  public Instant end() {
    return checkOutAt != null ? checkOutAt.toInstant() : start();
  }

  /**
   * Whole minutes between minute-truncated endpoints; the unit every total is built from (also
   * for corrected times, see docs/hours-rules.md "Corrections").
   */
  public static long minutesBetween(Instant from, Instant to) {
    return Duration.between(
            from.truncatedTo(ChronoUnit.MINUTES), to.truncatedTo(ChronoUnit.MINUTES))
        .toMinutes();
  }

  /**
   * The credited minutes split at midnight in {@code zone}. The day minutes always sum to {@link
   * #minutes()} because both are counted between the same minute-truncated endpoints.
   */
  public List<DayMinutes> days(ZoneId zone) {
    List<DayMinutes> days = new ArrayList<>();
    if (minutes == 0) {
      return days;
    }
    Instant end = checkOutAt.toInstant().truncatedTo(ChronoUnit.MINUTES);
    ZonedDateTime cursor = checkInAt.toInstant().truncatedTo(ChronoUnit.MINUTES).atZone(zone);
    while (cursor.toInstant().isBefore(end)) {
      ZonedDateTime midnight = cursor.toLocalDate().plusDays(1).atStartOfDay(zone);
      Instant pieceEnd = midnight.toInstant().isBefore(end) ? midnight.toInstant() : end;
      days.add(new DayMinutes(
          cursor.toLocalDate(), Duration.between(cursor.toInstant(), pieceEnd).toMinutes()));
      cursor = midnight;
    }
    return days;
  }
}
