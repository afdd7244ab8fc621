package org.redvest.hub.hours;

import java.time.Duration;

/**
 * The thresholds of the evidence and anomaly rules, from the hub configuration (keys in
 * parentheses; docs/hours-rules.md and hub/README.md list them with their defaults).
 *
 * @param clockTolerance largest terminal clock offset, either way, accepted without the {@code
 *     CLOCK_SKEW} flag ({@code clock-tolerance}, 5 min); also the CLOCK_AHEAD tolerance
 * @param backDatedAfter how late (offset-corrected) an event not recorded offline may arrive before
 *     it counts as back-dated ({@code back-dated-after}, 1 h)
 * @param replayWindow one credential serial at two terminals within this is an anomaly ({@code
 *     replay-window}, 5 min)
 * @param faceScoreMin lowest face match score accepted without review ({@code face-score-min}, 0.45)
 * @param caps daily caps per volunteer and calendar day ({@code caps}, 8h:ORGANISATION,12h:HIGHER)
 */
public record EvidenceRules(
    Duration clockTolerance,
    Duration backDatedAfter,
    Duration replayWindow,
    double faceScoreMin,
    DailyCaps caps) {

  public EvidenceRules {
    requireNonNegative(clockTolerance, "clockTolerance");
    requireNonNegative(backDatedAfter, "backDatedAfter");
    requireNonNegative(replayWindow, "replayWindow");
    if (!(faceScoreMin >= 0 && faceScoreMin <= 1)) {
      throw new IllegalArgumentException("faceScoreMin: must be between 0 and 1, was " + faceScoreMin);
    }
    if (caps == null) {
      throw new IllegalArgumentException("caps: is required");
    }
  }

  public static EvidenceRules defaults() {
    return new EvidenceRules(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(5), 0.45,
        DailyCaps.defaults());
  }

  /** The thresholds the session grading uses. */
  public EvidenceGrading.Rules grading() {
    return new EvidenceGrading.Rules(faceScoreMin, clockTolerance, backDatedAfter);
  }

  public EvidenceRules withCaps(DailyCaps newCaps) {
    return new EvidenceRules(clockTolerance, backDatedAfter, replayWindow, faceScoreMin, newCaps);
  }

  public EvidenceRules withClockTolerance(Duration tolerance) {
    return new EvidenceRules(tolerance, backDatedAfter, replayWindow, faceScoreMin, caps);
  }

  private static void requireNonNegative(Duration value, String field) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(field + ": must be a duration >= 0, was " + value);
    }
  }
}
