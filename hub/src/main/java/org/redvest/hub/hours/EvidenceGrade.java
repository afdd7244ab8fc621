package org.redvest.hub.hours;

/** How far a session's credited time is backed by evidence (docs/hours-rules.md, "Evidence grades"). */
public enum EvidenceGrade {
  /** Both ends identified by a signed credential or a live face match, and nothing to review. */
  VERIFIED,
  /** Nothing to review, but at least one end is a station manager's entry with operator and reason. */
  ATTESTED,
  /** At least one {@link ReviewReason}: a person should look before the time is trusted. */
  NEEDS_REVIEW
}
