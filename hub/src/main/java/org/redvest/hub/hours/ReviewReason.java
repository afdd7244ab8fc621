package org.redvest.hub.hours;

/** Why a session is graded {@link EvidenceGrade#NEEDS_REVIEW}; one per rule in docs/hours-rules.md. */
public enum ReviewReason {
  /** The session is not a closed check-in/check-out pair (or carries the NEEDS_REVIEW flag). */
  INCOMPLETE,
  /** The session carries a flag other than REDUNDANT_CHECK_IN (other station, clock ahead or skewed). */
  FLAGGED,
  /** The hub holds no stored event for an end of the session. */
  NO_EVIDENCE,
  /** An end was a plain {@code RV1:} badge (method QR without a signed credential). */
  PLAIN_BADGE,
  /** An end was a face match without a score, or below the hub's minimum score. */
  LOW_FACE_SCORE,
  /** An end was a face match without a passed liveness check. */
  NO_LIVENESS,
  /**
   * The terminal's clock, measured when an end arrived (heartbeat or online event), differed from
   * the hub's by more than the clock tolerance, ahead or behind.
   */
  CLOCK_SKEW,
  /**
   * An end arrived long after its time, even allowing for the terminal's measured clock offset,
   * and the terminal did not say it was recorded offline (corrections are exempt).
   */
  BACK_DATED,
  /** The terminal's hash chain is broken at an end (its stored payload may have been edited). */
  CHAIN_BROKEN,
  /**
   * An end reached the hub after its terminal was revoked and was counted only because an admin
   * released it from the hold (a stolen kiosk's last honest hours, docs/security.md "Salvage").
   */
  REVOKED_TERMINAL,
  /** A day of the session is over a daily cap that needs the organisation's approval. */
  OVER_DAILY_CAP,
  /** A day of the session is over a daily cap that needs a higher approval. */
  OVER_HIGHER_CAP;

  /** The reason for a day over a cap that needs {@code approval}. */
  public static ReviewReason overCap(Approval approval) {
    return approval == Approval.HIGHER ? OVER_HIGHER_CAP : OVER_DAILY_CAP;
  }
}
