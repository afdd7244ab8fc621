package org.redvest.hub.hours;

import java.time.LocalDate;
import org.redvest.protocol.VolunteerId;

/**
 * One volunteer's credited minutes on one calendar day, measured against the daily caps.
 *
 * @param minutes all credited minutes of the day, across sessions
 * @param countedMinutes the part that counts now: up to the first cap the day's approval does not
 *     cover, earliest minutes first
 * @param tier the highest cap the day is over, or null when it is within the first
 * @param requiredApproval the approval still needed for the pending minutes, or null when nothing
 *     is pending (within the caps, or approved)
 */
public record CapDay(
    VolunteerId volunteerId,
    LocalDate date,
    long minutes,
    long countedMinutes,
    DailyCaps.Tier tier,
    Approval requiredApproval) {

  /** Minutes waiting for {@link #requiredApproval()}. */
  public long pendingMinutes() {
    return minutes - countedMinutes;
  }
}
