package org.redvest.hub.hours;

import java.time.LocalDate;
import java.util.Optional;
import org.redvest.protocol.VolunteerId;

/**
 * The approvals granted for volunteers' days over a daily cap; the review workflow implements it.
 * A day approved at a level counts up to the next tier that level does not cover.
 */
@FunctionalInterface
public interface ApprovedDays {
  /** No day is approved: every day counts up to the first cap. */
  ApprovedDays NONE = (volunteer, date) -> Optional.empty();

  /** The highest approval granted for {@code volunteer}'s hours on {@code date}, if any. */
  Optional<Approval> granted(VolunteerId volunteer, LocalDate date);
}
