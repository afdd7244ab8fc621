package org.redvest.terminal.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.redvest.terminal.capture.Frame;

/** The liveness label a confirmed face carries into the event's evidence. */
class FaceLivenessEvidenceTest {
  private static final Embedding ZHANG = Embedding.of(new float[] {1, 0, 0, 0});
  private static final Frame FRAME = new Frame(2, 2, new byte[4], new byte[12], 0, 0);

  @Test
  void onFrame_passiveScoreAboveBar_confirmedWithPassPassive() {
    assertThat(confirmAfterThreeFrames(LivenessPolicy.PASSIVE, 0.99).liveness())
        .isEqualTo(FaceOutcome.Confirmed.PASS_PASSIVE);
  }

  @Test
  void onFrame_livenessPolicyOff_confirmedWithNotChecked() {
    assertThat(confirmAfterThreeFrames(LivenessPolicy.OFF, null).liveness())
        .isEqualTo(FaceOutcome.Confirmed.NOT_CHECKED);
  }

  private static FaceOutcome.Confirmed confirmAfterThreeFrames(LivenessPolicy policy, Double passive) {
    Gallery gallery = new Gallery(4);
    gallery.add("V-1", List.of(ZHANG));
    FaceCheckIn faces = new FaceCheckIn(new StillFace(passive), gallery,
        FaceSettings.defaults(0.4).withLiveness(policy), new Random(1));
    Instant t = Instant.parse("2026-11-23T01:00:00Z");
    FaceOutcome outcome = FaceOutcome.NOTHING;
    for (int i = 0; i < 3; i++) {
      outcome = faces.onFrame(FRAME, t.plusMillis(100L * i));
    }
    assertThat(outcome).isInstanceOf(FaceOutcome.Confirmed.class);
    return (FaceOutcome.Confirmed) outcome;
  }

  /** A reader that always sees the same enrolled face with a fixed passive liveness score. */
  private record StillFace(Double liveness) implements FaceReader {
    @Override
    public Optional<FaceObservation> read(Frame frame) {
      FaceBox box = new FaceBox(10, 10, 200, 200, new float[2 * FaceBox.LANDMARKS], 0.99f);
      return Optional.of(new FaceObservation(box, Quality.OK, ZHANG, liveness));
    }

    @Override
    public int dimensions() {
      return 4;
    }

    @Override
    public double threshold() {
      return 0.4;
    }

    @Override
    public boolean degraded() {
      return false;
    }

    @Override
    public void close() {}
  }
}
