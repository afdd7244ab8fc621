package org.redvest.terminal.policy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.redvest.protocol.CheckInMethod;

/**
 * One activity of the station's day, from {@code start} until {@code end} station time (an end
 * before the start runs past midnight).
 *
 * @param id sent as the events' {@code activityId}
 * @param requires the method a check-in must use during it, or null for any accepted method
 */
public record Activity(String id, String name, LocalTime start, LocalTime end, CheckInMethod requires) {
  public Activity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("end: must differ from start " + start);
    }
    name = name == null ? id : name;
  }

  /** Whether the activity is running at station time {@code time}. */
  public boolean covers(LocalTime time) {
    return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
        : !time.isBefore(start) || time.isBefore(end);
  }

  /** When the run covering {@code at} ends, in {@code at}'s offset. */
  public OffsetDateTime endAfter(OffsetDateTime at) {
    LocalDate day = at.toLocalDate();
    if (!start.isBefore(end) && !at.toLocalTime().isBefore(start)) {
      day = day.plusDays(1);
    }
    return LocalDateTime.of(day, end).atOffset(at.getOffset());
  }

  /** Whether a check-in by {@code method} is enough: QR_FACE satisfies QR and FACE as well. */
  public boolean satisfiedBy(CheckInMethod method) {
    return requires == null || requires == method || method == CheckInMethod.QR_FACE
        || method == CheckInMethod.MANUAL;
  }
}
