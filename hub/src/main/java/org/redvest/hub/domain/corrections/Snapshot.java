package org.redvest.hub.domain.corrections;

import java.time.OffsetDateTime;
import org.redvest.hub.hours.Session;

/**
 * A session as it stood at one moment, for the {@code before} and {@code after} of a correction
 * and the audit trail. Times keep their offset; {@code end} is null while a session is open.
 */
public record Snapshot(String stationId, OffsetDateTime start, OffsetDateTime end, long minutes,
    String status) {

  public static Snapshot of(Session s) {
    return new Snapshot(s.stationId().value(), s.checkInAt(), s.checkOutAt(), s.minutes(),
        s.status().name());
  }
}
