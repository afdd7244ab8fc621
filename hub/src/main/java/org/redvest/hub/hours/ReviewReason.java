package org.redvest.hub.hours;

/** Why a session is graded {@link EvidenceGrade#NEEDS_REVIEW}; one per rule in docs/hours-rules.md. */
public enum ReviewReason {
  /** The session is not a closed check-in/check-out pair (or carries the NEEDS_REVIEW flag). */
  INCOMPLETE,
  /** The session carries a flag other than REDUNDANT_CHECK_IN (other station, clock ahead). */
  FLAGGED,
  /** The hub holds no stored event for an end of the session. */
  NO_EVIDENCE,
  /** An end was a plain {@code RV1:} badge (method QR without a signed credential). */
  PLAIN_BADGE,
  /** An end was a face match without a score, or below the hub's minimum score. */
  LOW_FACE_SCORE,
  /** An end was a face match without a passed liveness check. */
  NO_LIVENESS,
  /** An end was recorded online but the terminal's clock differed from the hub's beyond the tolerance. */
  CLOCK_OFFSET,
  /** An end arrived long after its time and the terminal did not say it was recorded offline. */
  BACK_DATED,
  /** The terminal's hash chain is broken at an end (its stored payload may have been edited). */
  CHAIN_BROKEN
}
