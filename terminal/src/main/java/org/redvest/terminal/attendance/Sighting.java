package org.redvest.terminal.attendance;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.VolunteerId;

/**
 * A volunteer identified in front of the terminal at {@code at} (the frame's time, so replays
 * decide exactly as live runs did). {@code activityId} and {@code confidence} may be null.
 */
public record Sighting(
    VolunteerId volunteerId,
    CheckInMethod method,
    OffsetDateTime at,
    String activityId,
    Double confidence,
    Evidence evidence) {

  /** A sighting without evidence fields. */
  public Sighting(VolunteerId volunteerId, CheckInMethod method, OffsetDateTime at, String activityId,
      Double confidence) {
    this(volunteerId, method, at, activityId, confidence, Evidence.NONE);
  }

  public Sighting {
    Objects.requireNonNull(volunteerId, "volunteerId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(at, "at");
    evidence = evidence == null ? Evidence.NONE : evidence;
  }

  public static Sighting of(VolunteerId volunteerId, CheckInMethod method, OffsetDateTime at) {
    return new Sighting(volunteerId, method, at, null, null);
  }
}
