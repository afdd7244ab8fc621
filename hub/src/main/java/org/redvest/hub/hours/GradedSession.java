package org.redvest.hub.hours;

import java.util.List;
import java.util.Objects;

/**
 * A session with its evidence and grade.
 *
 * @param checkIn evidence of the check-in, null when the session has none (an orphan check-out)
 * @param checkOut evidence of the check-out, null when it has none (open, superseded, auto-closed)
 * @param reasons why the grade is NEEDS_REVIEW, in rule order; empty otherwise
 * @param attestations the basis of each attested end (manager entry, correction), in end order
 * @param cap how the daily caps split its minutes (counted now, pending approval)
 */
public record GradedSession(
    Session session, EndEvidence checkIn, EndEvidence checkOut, EvidenceGrade grade,
    List<ReviewReason> reasons, List<Attestation> attestations, SessionCap cap) {

  public GradedSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(grade, "grade");
    reasons = List.copyOf(reasons);
    attestations = List.copyOf(attestations);
    cap = cap != null ? cap : SessionCap.uncapped(session.minutes());
  }

  /** A graded session without attestations or caps. */
  public GradedSession(Session session, EndEvidence checkIn, EndEvidence checkOut,
      EvidenceGrade grade, List<ReviewReason> reasons) {
    this(session, checkIn, checkOut, grade, reasons, List.of(), null);
  }
}
