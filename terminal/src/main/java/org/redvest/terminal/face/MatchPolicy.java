package org.redvest.terminal.face;

/**
 * When a 1:N ranking names someone. A wrong name is worse than "unknown": the best score must
 * reach the model's threshold <em>and</em> lead every other identity by {@code margin}. A score
 * within {@code nearMiss} below the threshold (or a winner without the margin) is a near miss,
 * logged for review and never acted on.
 *
 * @param threshold cosine similarity at or above which two faces are the same person
 * @param margin how far the best identity must lead the second
 * @param nearMiss how far below the threshold a score still counts as a near miss
 */
public record MatchPolicy(double threshold, double margin, double nearMiss) {
  public static final double DEFAULT_MARGIN = 0.06;
  public static final double DEFAULT_NEAR_MISS = 0.08;

  public MatchPolicy {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold: must be between 0 and 1, was " + threshold);
    }
    if (margin < 0 || nearMiss < 0) {
      throw new IllegalArgumentException("margin and nearMiss: must be >= 0, were " + margin + ", " + nearMiss);
    }
  }

  public static MatchPolicy of(double threshold) {
    return new MatchPolicy(threshold, DEFAULT_MARGIN, DEFAULT_NEAR_MISS);
  }

  public Identification judge(Gallery.Ranking ranking) {
    if (ranking.best() == null) {
      return new Identification.Unknown(ranking.bestScore());
    }
    boolean reaches = ranking.bestScore() >= threshold;
    boolean leads = ranking.secondScore() < 0 || ranking.margin() >= margin;
    if (reaches && leads) {
      return new Identification.Known(ranking.best(), ranking.bestScore(), ranking.margin());
    }
    if (reaches || ranking.bestScore() >= threshold - nearMiss) {
      return new Identification.NearMiss(ranking.best(), ranking.bestScore(), ranking.secondScore());
    }
    return new Identification.Unknown(ranking.bestScore());
  }
}
