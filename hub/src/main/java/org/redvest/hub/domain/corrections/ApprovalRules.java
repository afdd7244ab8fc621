package org.redvest.hub.domain.corrections;

import java.time.Duration;
import org.redvest.hub.domain.Principal;

/**
 * Who may approve a correction, in one place. A station manager may approve requests for their own
 * stations, never their own (four eyes), and only while the corrected day stays within {@code
 * managerDayLimit} for the volunteer; a longer day needs the organisation tier, a hub admin. A hub
 * admin may approve anything but their own requests.
 *
 * @param managerDayLimit the most credited time in one day a station manager may approve
 */
public record ApprovalRules(Duration managerDayLimit) {

  public ApprovalRules {
    if (managerDayLimit == null || managerDayLimit.isNegative() || managerDayLimit.isZero()) {
      throw new IllegalArgumentException("managerDayLimit: must be positive, was " + managerDayLimit);
    }
  }

  /** 8 hours a day, as the anomaly rule {@code OVER_DAILY_CAP}. */
  public static ApprovalRules defaults() {
    return new ApprovalRules(Duration.ofHours(8));
  }

  /** Why someone may or may not approve. */
  public enum Verdict {
    ALLOWED,
    NOT_YOUR_STATION,
    OWN_REQUEST,
    /** The corrected day would exceed the manager limit: organisation approval (a hub admin). */
    NEEDS_ORGANISATION
  }

  /**
   * @param busiestDayMinutes the volunteer's most credited minutes on any day the corrected session
   *     touches, with the correction applied
   */
  public Verdict mayApprove(Principal approver, Correction c, long busiestDayMinutes) {
    if (!approver.canSee(c.stationId())) {
      return Verdict.NOT_YOUR_STATION;
    }
    if (approver.username().equals(c.requestedBy())) {
      return Verdict.OWN_REQUEST;
    }
    if (!approver.isAdmin() && busiestDayMinutes > managerDayLimit.toMinutes()) {
      return Verdict.NEEDS_ORGANISATION;
    }
    return Verdict.ALLOWED;
  }
}
