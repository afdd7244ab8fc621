package org.redvest.hub.hours;

/** Something about a session a station manager should know; see docs/hours-rules.md. */
public enum SessionFlag {
  /** The session credits nothing until a manager records a correction. */
  NEEDS_REVIEW,
  /** A second check-in at the same station while the session was open; the earliest is kept. */
  REDUNDANT_CHECK_IN,
  /** The check-out happened at a different station than the check-in. */
  CHECK_OUT_AT_OTHER_STATION,
  /** An event of the session was dated more than 5 minutes after the hub received it. */
  CLOCK_AHEAD
}
