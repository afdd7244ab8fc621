package org.redvest.terminal.face;

import java.time.Duration;
import java.util.Objects;

/**
 * How a station turns faces into check-ins.
 *
 * @param policy when a ranking names someone
 * @param framesToAgree identifications of one person needed before a check-in
 * @param agreeWithin the time those frames must fall in
 * @param liveness when to ask for a turn challenge
 * @param passiveLive mean passive liveness at or above which no challenge is needed
 * @param challengeTimeout time allowed for the whole challenge
 * @param challengeTurns number of turns asked for
 */
public record FaceSettings(MatchPolicy policy, int framesToAgree, Duration agreeWithin,
    LivenessPolicy liveness, double passiveLive, Duration challengeTimeout, int challengeTurns) {

  public FaceSettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(liveness, "liveness");
    if (framesToAgree < 1) {
      throw new IllegalArgumentException("framesToAgree: must be >= 1, was " + framesToAgree);
    }
    if (challengeTurns < 1) {
      throw new IllegalArgumentException("challengeTurns: must be >= 1, was " + challengeTurns);
    }
  }

  /** Three agreeing frames within 2 s; a two-turn challenge in 6 s when passive liveness is unsure. */
  public static FaceSettings defaults(double threshold) {
    return new FaceSettings(MatchPolicy.of(threshold), 3, Duration.ofSeconds(2), LivenessPolicy.PASSIVE,
        0.9, Duration.ofSeconds(6), 2);
  }

  public FaceSettings withLiveness(LivenessPolicy newLiveness) {
    return new FaceSettings(policy, framesToAgree, agreeWithin, newLiveness, passiveLive, challengeTimeout,
        challengeTurns);
  }
}
