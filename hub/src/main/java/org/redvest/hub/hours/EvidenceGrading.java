package org.redvest.hub.hours;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Grades a session from the evidence of its ends, following the rule table "Evidence grades" in
 * docs/hours-rules.md: any {@link ReviewReason} makes it {@link EvidenceGrade#NEEDS_REVIEW};
 * otherwise a MANUAL end or a correction check-out makes it {@link EvidenceGrade#ATTESTED} (never
 * VERIFIED, the {@link Attestation} says on what basis); otherwise it is {@link
 * EvidenceGrade#VERIFIED}. Grading never changes credited minutes.
 */
public final class EvidenceGrading {
  private final Rules rules;

  /**
   * The thresholds of the grading rules.
   *
   * @param faceScoreMin lowest face match score ({@code confidence}) accepted without review
   * @param clockTolerance largest terminal clock offset accepted without review
   * @param backDatedAfter how late an event not marked {@code recordedOffline} may arrive
   */
  public record Rules(double faceScoreMin, Duration clockTolerance, Duration backDatedAfter) {
    public Rules {
      if (!(faceScoreMin >= 0 && faceScoreMin <= 1)) {
        throw new IllegalArgumentException("faceScoreMin: must be between 0 and 1, was " + faceScoreMin);
      }
      if (clockTolerance == null || clockTolerance.isNegative()) {
        throw new IllegalArgumentException("clockTolerance: must be >= 0, was " + clockTolerance);
      }
      if (backDatedAfter == null || backDatedAfter.isNegative()) {
        throw new IllegalArgumentException("backDatedAfter: must be >= 0, was " + backDatedAfter);
      }
    }

    /** Face score 0.45, clock tolerance 5 min, back-dated after 1 h (as the anomaly rule). */
    public static Rules defaults() {
      return new Rules(0.45, Duration.ofMinutes(5), Duration.ofHours(1));
    }
  }

  public EvidenceGrading(Rules rules) {
    this.rules = rules;
  }

  public static EvidenceGrading defaults() {
    return new EvidenceGrading(Rules.defaults());
  }

  /**
   * Grades {@code session}.
   *
   * @param checkIn evidence of its check-in event, null if the session has none or it is missing
   * @param checkOut evidence of its check-out event, null if the session has none or it is missing
   */
  public GradedSession grade(Session session, EndEvidence checkIn, EndEvidence checkOut) {
    return grade(session, checkIn, checkOut, null);
  }

  /**
   * Grades {@code session} whose minutes the daily caps split as {@code cap} (null: not capped);
   * a day over a cap awaiting approval is a review reason naming the approval it needs.
   */
  public GradedSession grade(Session session, EndEvidence checkIn, EndEvidence checkOut, SessionCap cap) {
    Set<ReviewReason> reasons = EnumSet.noneOf(ReviewReason.class);
    if (session.status() != SessionStatus.CLOSED && session.status() != SessionStatus.OPEN
        && session.status() != SessionStatus.VOIDED) {
      reasons.add(ReviewReason.INCOMPLETE);
    }
    if (session.flags().stream().anyMatch(
        f -> f != SessionFlag.REDUNDANT_CHECK_IN && f != SessionFlag.CORRECTED)) {
      reasons.add(ReviewReason.FLAGGED);
    }
    judgeEnd(session.checkInEventId() != null, checkIn, reasons);
    judgeEnd(session.checkOutEventId() != null, checkOut, reasons);
    if (cap != null && cap.overCap()) {
      reasons.add(ReviewReason.overCap(cap.requiredApproval()));
    }
    List<Attestation> attestations = Stream.of(checkIn, checkOut).map(Attestation::of)
        .filter(Objects::nonNull).toList();
    EvidenceGrade grade = gradeOf(reasons, attestations);
    if (grade == EvidenceGrade.VERIFIED && session.flags().contains(SessionFlag.CORRECTED)) {
      grade = EvidenceGrade.ATTESTED; // a manager's approved correction, not a terminal's proof
    }
    return new GradedSession(session, checkIn, checkOut, grade, List.copyOf(reasons), attestations, cap);
  }

  private void judgeEnd(boolean expected, EndEvidence end, Set<ReviewReason> reasons) {
    if (!expected) {
      return;
    }
    if (end == null) {
      reasons.add(ReviewReason.NO_EVIDENCE);
      return;
    }
    boolean signed = end.credentialKeyId() != null;
    switch (end.method()) {
      case QR -> addIf(!signed, ReviewReason.PLAIN_BADGE, reasons);
      case FACE -> {
        addIf(!faceScoreReached(end), ReviewReason.LOW_FACE_SCORE, reasons);
        addIf(!livenessPassed(end), ReviewReason.NO_LIVENESS, reasons);
      }
      case QR_FACE -> {
        addIf(!signed, ReviewReason.PLAIN_BADGE, reasons);
        addIf(!faceScoreReached(end), ReviewReason.LOW_FACE_SCORE, reasons);
      }
      case MANUAL -> { } // operator and reason are required on the wire; graded ATTESTED
    }
    addIf(end.clockOffsetS() != null
        && Math.abs(end.clockOffsetS()) > rules.clockTolerance().getSeconds(), ReviewReason.CLOCK_SKEW, reasons);
    // A correction is late by design: it closes a forgotten session after the fact.
    addIf(!Boolean.TRUE.equals(end.recordedOffline()) && end.correction() == null
        && end.delayS() > rules.backDatedAfter().getSeconds(), ReviewReason.BACK_DATED, reasons);
    addIf(end.chainBroken(), ReviewReason.CHAIN_BROKEN, reasons);
    addIf(end.revokedTerminal(), ReviewReason.REVOKED_TERMINAL, reasons);
  }

  private boolean faceScoreReached(EndEvidence end) {
    return end.confidence() != null && end.confidence() >= rules.faceScoreMin();
  }

  /** {@code PASS} or any value starting with it ({@code PASS_PASSIVE}, {@code PASS_CHALLENGE}). */
  private static boolean livenessPassed(EndEvidence end) {
    return end.liveness() != null && end.liveness().startsWith("PASS");
  }

  private static EvidenceGrade gradeOf(Set<ReviewReason> reasons, List<Attestation> attestations) {
    if (!reasons.isEmpty()) {
      return EvidenceGrade.NEEDS_REVIEW;
    }
    return attestations.isEmpty() ? EvidenceGrade.VERIFIED : EvidenceGrade.ATTESTED;
  }

  private static void addIf(boolean condition, ReviewReason reason, Set<ReviewReason> reasons) {
    if (condition) {
      reasons.add(reason);
    }
  }
}
