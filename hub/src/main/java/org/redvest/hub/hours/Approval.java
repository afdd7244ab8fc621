package org.redvest.hub.hours;

/**
 * Who must approve a volunteer's day over a daily cap (docs/hours-rules.md, "Daily caps"). Ordered:
 * a higher level covers the lower ones.
 */
public enum Approval {
  /** The volunteer's organisation (station manager or organisation administrator). */
  ORGANISATION,
  /** A level above the organisation (the hub administrator or the federation). */
  HIGHER;

  /** Whether an approval at this level also grants {@code needed}. */
  public boolean covers(Approval needed) {
    return compareTo(needed) >= 0;
  }
}
