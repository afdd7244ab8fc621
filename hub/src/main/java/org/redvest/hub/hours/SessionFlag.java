package org.redvest.hub.hours;

/** Something about a session a station manager should know; see docs/hours-rules.md. */
public enum SessionFlag {
  /** The session credits nothing until a manager records a correction. */
  NEEDS_REVIEW,
  /** A second check-in at the same station while the session was open; the earliest is kept. */
  REDUNDANT_CHECK_IN,
  /** The check-out happened at a different station than the check-in. */
  CHECK_OUT_AT_OTHER_STATION,
  /** An event of the session was dated more than the clock tolerance (5 min) after the hub received it. */
  CLOCK_AHEAD,
  /**
   * The terminal's clock, measured when an event of the session arrived, was off the hub's by
   * more than the clock tolerance, ahead or behind (docs/hours-rules.md, "Terminal clocks").
   */
  CLOCK_SKEW,
  /**
   * A day of the session is over a daily cap and not yet approved. Added when sessions are read
   * (it depends on the volunteer's other sessions and on approvals), never materialised.
   */
  OVER_DAILY_CAP,
  /**
   * Times set, session added or voided by an approved correction (docs/hours-rules.md,
   * "Corrections"); the stored events are unchanged.
   */
  CORRECTED
}
