package org.redvest.hub.domain.exports;

import java.time.Instant;
import java.util.function.Predicate;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * Which sessions an export or certificate covers: those starting in {@code [from, to)}, narrowed
 * by the optional fields (null means any), and only at stations {@code visible} accepts (the
 * user's scope).
 *
 * @param organisationId only stations this organisation runs
 */
public record HoursFilter(Instant from, Instant to, VolunteerId volunteerId, StationId stationId,
    String organisationId, Predicate<StationId> visible) {

  public HoursFilter {
    if (from == null || to == null || !from.isBefore(to)) {
      throw new IllegalArgumentException("period: from must be before to");
    }
    if (visible == null) {
      throw new IllegalArgumentException("visible is required");
    }
  }
}
