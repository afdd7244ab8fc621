package org.redvest.hub.hours;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.redvest.protocol.CheckInMethod;

/**
 * Grades a session from the evidence of its ends, following the rule table "Evidence grades" in
 * docs/hours-rules.md: any {@link ReviewReason} makes it {@link EvidenceGrade#NEEDS_REVIEW};
 * otherwise a MANUAL end makes it {@link EvidenceGrade#ATTESTED}; otherwise it is {@link
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
    Set<ReviewReason> reasons = EnumSet.noneOf(ReviewReason.class);
    if (session.status() != SessionStatus.CLOSED && session.status() != SessionStatus.OPEN) {
      reasons.add(ReviewReason.INCOMPLETE);
    }
    if (session.flags().stream().anyMatch(f -> f != SessionFlag.REDUNDANT_CHECK_IN)) {
      reasons.add(ReviewReason.FLAGGED);
    }
    judgeEnd(session.checkInEventId() != null, checkIn, reasons);
    judgeEnd(session.checkOutEventId() != null, checkOut, reasons);
    return new GradedSession(session, checkIn, checkOut, gradeOf(reasons, checkIn, checkOut),
        List.copyOf(reasons));
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
      case MANUAL -> { } // operator and reason are required on the wire; the grade says ATTESTED
    }
    addIf(end.clockOffsetS() != null
        && Math.abs(end.clockOffsetS()) > rules.clockTolerance().getSeconds(), ReviewReason.CLOCK_OFFSET, reasons);
    addIf(!Boolean.TRUE.equals(end.recordedOffline()) && end.lateS() > rules.backDatedAfter().getSeconds(),
        ReviewReason.BACK_DATED, reasons);
    addIf(end.chainBroken(), ReviewReason.CHAIN_BROKEN, reasons);
  }

  private boolean faceScoreReached(EndEvidence end) {
    return end.confidence() != null && end.confidence() >= rules.faceScoreMin();
  }

  /** {@code PASS} or any value starting with it ({@code PASS_PASSIVE}, {@code PASS_CHALLENGE}). */
  private static boolean livenessPassed(EndEvidence end) {
    return end.liveness() != null && end.liveness().startsWith("PASS");
  }

  private static EvidenceGrade gradeOf(Set<ReviewReason> reasons, EndEvidence in, EndEvidence out) {
    if (!reasons.isEmpty()) {
      return EvidenceGrade.NEEDS_REVIEW;
    }
    boolean manual = (in != null && in.method() == CheckInMethod.MANUAL)
        || (out != null && out.method() == CheckInMethod.MANUAL);
    return manual ? EvidenceGrade.ATTESTED : EvidenceGrade.VERIFIED;
  }

  private static void addIf(boolean condition, ReviewReason reason, Set<ReviewReason> reasons) {
    if (condition) {
      reasons.add(reason);
    }
  }
}
