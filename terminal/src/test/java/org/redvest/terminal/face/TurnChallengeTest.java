package org.redvest.terminal.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TurnChallengeTest {
  static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  /** A 100 px face whose nose sits {@code yaw} eye distances right of the eye midpoint. */
  static FaceBox face(double yaw) {
    float noseX = (float) (150 + yaw * 40);
    return new FaceBox(100, 100, 100, 100,
        new float[] {130, 140, 170, 140, noseX, 160, 135, 180, 165, 180}, 0.99f);
  }

  static TurnChallenge.State play(TurnChallenge challenge, double... yaws) {
    TurnChallenge.State state = challenge.state();
    for (int i = 0; i < yaws.length; i++) {
      state = challenge.observe(face(yaws[i]), T0.plusMillis(100L * i));
    }
    return state;
  }

  @Test
  void observe_personFollowingPrompts_passes() {
    TurnChallenge challenge = new TurnChallenge(
        List.of(TurnChallenge.Direction.LEFT, TurnChallenge.Direction.RIGHT), Duration.ofSeconds(6));

    assertThat(play(challenge, 0, 0, -0.1, -0.3, -0.4, 0.05, 0, 0.2, 0.35)).isEqualTo(TurnChallenge.State.PASSED);
  }

  @Test
  void observe_turnTheWrongWay_fails() {
    TurnChallenge challenge = new TurnChallenge(
        List.of(TurnChallenge.Direction.LEFT, TurnChallenge.Direction.RIGHT), Duration.ofSeconds(6));

    assertThat(play(challenge, 0, 0.3)).isEqualTo(TurnChallenge.State.FAILED);
  }

  @Test
  void observe_secondTurnWithoutFacingTheCameraInBetween_staysPending() {
    TurnChallenge challenge = new TurnChallenge(
        List.of(TurnChallenge.Direction.LEFT, TurnChallenge.Direction.RIGHT), Duration.ofSeconds(6));

    assertThat(play(challenge, 0, -0.3, -0.3)).isEqualTo(TurnChallenge.State.PENDING);
  }

  @Test
  void observe_noTurnWithinTimeout_fails() {
    TurnChallenge challenge = new TurnChallenge(List.of(TurnChallenge.Direction.LEFT), Duration.ofSeconds(1));

    assertThat(play(challenge, new double[20])).isEqualTo(TurnChallenge.State.FAILED);
  }

  @Test
  void observe_faceBoxJumps_fails() {
    TurnChallenge challenge = new TurnChallenge(List.of(TurnChallenge.Direction.LEFT), Duration.ofSeconds(6));
    challenge.observe(face(0), T0);

    FaceBox elsewhere = new FaceBox(400, 100, 100, 100, new float[] {430, 140, 470, 140, 450, 160, 435, 180, 465, 180}, 1f);
    assertThat(challenge.observe(elsewhere, T0.plusMillis(100))).isEqualTo(TurnChallenge.State.FAILED);
  }

  @Test
  void random_anySeed_neverAsksTheSameWayTwiceInARow() {
    for (int seed = 0; seed < 50; seed++) {
      TurnChallenge challenge = TurnChallenge.random(new Random(seed), 2, Duration.ofSeconds(6));
      TurnChallenge.Direction first = challenge.current();
      play(challenge, 0, first == TurnChallenge.Direction.LEFT ? -0.3 : 0.3, 0);

      assertThat(challenge.current()).isNotEqualTo(first);
    }
  }
}
