package org.redvest.hub.hours;

/** How a session ended; only {@link #CLOSED} credits minutes. See docs/hours-rules.md. */
public enum SessionStatus {
  /** A check-in followed by a check-out within the maximum session length. */
  CLOSED,
  /** Checked in, no check-out yet, still within the maximum. Counts 0 minutes until closed. */
  OPEN,
  /** Never checked out; closed by the hub after the maximum session length. 0 minutes. */
  AUTO_CLOSED,
  /** Closed because the volunteer checked in at another station first. 0 minutes. */
  SUPERSEDED,
  /** Checked out more than the maximum session length after checking in. 0 minutes. */
  OVER_MAXIMUM,
  /** A check-out with no open session. 0 minutes. */
  ORPHAN_CHECK_OUT,
  /** Voided by an approved correction: listed, flagged CORRECTED, 0 minutes. */
  VOIDED
}
