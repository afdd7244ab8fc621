package org.redvest.terminal.face;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Active liveness: the person turns their head the way the screen asks, in a random sequence.
 * Each step must start from facing the camera and reach a clear turn the right way; a turn the
 * wrong way, losing the face, a jump of the face box (a cut or another face) or running out of
 * time fails. A still photo never turns; a replayed video turns when it happens to, not when
 * asked, so it fails on the first wrong or missing turn.
 */
public final class TurnChallenge {
  /** Which way the nose moves in the (unmirrored) image. */
  public enum Direction {
    LEFT("请向左转头 (turn your head left)"),
    RIGHT("请向右转头 (turn your head right)");

    private final String prompt;

    Direction(String prompt) {
      this.prompt = prompt;
    }

    public String prompt() {
      return prompt;
    }
  }

  /** Where a challenge stands. */
  public enum State { PENDING, PASSED, FAILED }

  static final double TURNED_YAW = 0.22;
  static final double FRONTAL_YAW = 0.10;
  private static final Duration LOST_FOR = Duration.ofMillis(800);
  private static final double MAX_JUMP = 0.6;

  private final List<Direction> steps;
  private final Duration timeout;
  private Instant started;
  private Instant lastSeen;
  private FaceBox lastBox;
  private int step;
  private boolean frontalSeen;
  private State state = State.PENDING;

  public TurnChallenge(List<Direction> steps, Duration timeout) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps: at least one is needed");
    }
    this.steps = List.copyOf(steps);
    this.timeout = timeout;
  }

  /** {@code count} random turns, never the same way twice in a row. */
  public static TurnChallenge random(RandomGenerator random, int count, Duration timeout) {
    List<Direction> steps = new ArrayList<>();
    Direction previous = null;
    for (int i = 0; i < count; i++) {
      Direction next = Direction.values()[random.nextInt(2)];
      steps.add(next == previous ? opposite(next) : next);
      previous = steps.get(i);
    }
    return new TurnChallenge(steps, timeout);
  }

  private static Direction opposite(Direction d) {
    return d == Direction.LEFT ? Direction.RIGHT : Direction.LEFT;
  }

  /** What the screen should ask for now. */
  public Direction current() {
    return steps.get(Math.min(step, steps.size() - 1));
  }

  public State state() {
    return state;
  }

  /** One frame: the tracked face (null when none was found) at {@code at}. */
  public State observe(FaceBox box, Instant at) {
    if (state != State.PENDING) {
      return state;
    }
    started = started == null ? at : started;
    if (Duration.between(started, at).compareTo(timeout) > 0) {
      return fail();
    }
    if (box == null) {
      return lastSeen != null && Duration.between(lastSeen, at).compareTo(LOST_FOR) > 0 ? fail() : state;
    }
    if (lastBox != null && jumped(lastBox, box)) {
      return fail();
    }
    lastBox = box;
    lastSeen = at;
    double yaw = box.yaw();
    if (Math.abs(yaw) <= FRONTAL_YAW) {
      frontalSeen = true;
    } else if (Math.abs(yaw) >= TURNED_YAW) {
      Direction turned = yaw < 0 ? Direction.LEFT : Direction.RIGHT;
      if (!frontalSeen) {
        // still holding the previous turn, or turned ahead of time: wait for the camera-facing pose
        boolean holding = step > 0 && turned == steps.get(step - 1);
        return holding || turned == current() ? state : fail();
      }
      if (turned != current()) {
        return fail();
      }
      step++;
      frontalSeen = false;
      if (step == steps.size()) {
        state = State.PASSED;
      }
    }
    return state;
  }

  private static boolean jumped(FaceBox a, FaceBox b) {
    double dx = (a.x() + a.width() / 2) - (b.x() + b.width() / 2);
    double dy = (a.y() + a.height() / 2) - (b.y() + b.height() / 2);
    double size = Math.max(a.width(), b.width());
    return Math.hypot(dx, dy) > MAX_JUMP * size || b.width() > 1.8 * a.width() || a.width() > 1.8 * b.width();
  }

  private State fail() {
    state = State.FAILED;
    return state;
  }
}
