package org.redvest.terminal.face;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Several frames must name the same person before anything is recorded: {@code required}
 * identifications of one identity within {@code window}, and none of anyone else in that window.
 * Frames with no identification neither help nor break the run.
 */
public final class Consensus {
  private final int required;
  private final Duration window;
  private final Deque<Vote> votes = new ArrayDeque<>();

  public Consensus(int required, Duration window) {
    if (required < 1) {
      throw new IllegalArgumentException("required: must be >= 1, was " + required);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window: must be positive, was " + window);
    }
    this.required = required;
    this.window = window;
  }

  /**
   * Counts one identification; returns the identity with its mean score once it is agreed (the
   * run then starts again).
   */
  public Optional<Agreed> vote(String identity, double score, Instant at) {
    votes.removeIf(v -> Duration.between(v.at, at).abs().compareTo(window) > 0);
    if (votes.stream().anyMatch(v -> !v.identity.equals(identity))) {
      votes.clear();
    }
    votes.addLast(new Vote(identity, score, at));
    if (votes.size() < required) {
      return Optional.empty();
    }
    double mean = votes.stream().mapToDouble(v -> v.score).average().orElse(score);
    votes.clear();
    return Optional.of(new Agreed(identity, mean));
  }

  /** Forgets the current run (the face left, or a challenge started). */
  public void reset() {
    votes.clear();
  }

  /** An identity several frames agreed on, with their mean similarity. */
  public record Agreed(String identity, double score) {}

  private record Vote(String identity, double score, Instant at) {}
}
