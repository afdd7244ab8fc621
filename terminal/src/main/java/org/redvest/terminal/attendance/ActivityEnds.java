package org.redvest.terminal.attendance;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.redvest.protocol.AttendanceEvent;

/**
 * When the activity a check-in belonged to ended, where the station knows its schedule; the
 * station policy supplies it. {@link #UNKNOWN} until then.
 */
@FunctionalInterface
public interface ActivityEnds {
  ActivityEnds UNKNOWN = checkIn -> Optional.empty();

  Optional<OffsetDateTime> endOf(AttendanceEvent checkIn);
}
