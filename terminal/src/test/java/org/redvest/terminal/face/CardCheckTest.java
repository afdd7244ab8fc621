package org.redvest.terminal.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.redvest.terminal.capture.Frame;

/** The card check's time limit, with a reader that sees no face (an empty kiosk). */
class CardCheckTest {
  private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
  private static final Frame FRAME = new Frame(2, 2, new byte[4], new byte[12], 0, 0);

  @Test
  void onFrame_noFaceUntilTheTimeLimit_refusedAsNotMatching() {
    CardCheck check = CardCheck.Factory.of(new NoFace(), FaceSettings.defaults(0.45), new Random(1))
        .start("V-1", Embedding.of(new float[] {1, 0, 0, 0}), T0);

    assertThat(check.onFrame(FRAME, T0.plusSeconds(9))).isEqualTo(FaceOutcome.NOTHING);
    assertThat(check.onFrame(FRAME, T0.plus(CardCheck.Factory.DEFAULT_TIMEOUT).plusMillis(1)))
        .isEqualTo(new FaceOutcome.Refused(CardCheck.MISMATCH));
  }

  @Test
  void factory_templateOfAnotherModel_doesNotFit() {
    CardCheck.Factory factory = new CardCheck.Factory(new NoFace(), FaceSettings.defaults(0.45), new Random(1),
        Duration.ofSeconds(5), 3);

    assertThat(factory.fits(4)).isTrue();
    assertThat(factory.fits(512)).isFalse();
  }

  private static final class NoFace implements FaceReader {
    @Override
    public Optional<FaceObservation> read(Frame frame) {
      return Optional.empty();
    }

    @Override
    public int dimensions() {
      return 4;
    }

    @Override
    public double threshold() {
      return 0.45;
    }

    @Override
    public boolean degraded() {
      return false;
    }

    @Override
    public void close() {}
  }
}
