package org.redvest.terminal.face.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.QualityGate;
import org.redvest.testsupport.SharedData;

/**
 * The passive liveness model on real (live, unspoofed) faces: how many it would wrongly call a
 * spoof. There are no spoof samples in shared/testdata, so its spoof detection is not measured.
 */
class PassiveLivenessTest {

  @Test
  void live_realPersonPhotos_falseRejectRateIsMeasured() {
    List<Path> photos = FacePhotos.byIdentity(SharedData.testdata("faces/people")).values().stream()
        .flatMap(List::stream).toList();
    double[] scores;
    try (OpenCvFaceReader reader = FacePhotos.reader(QualityGate.NONE)) {
      assertThat(reader.hasLiveness()).isTrue();
      scores = photos.stream().map(reader::readImage).flatMap(java.util.Optional::stream)
          .mapToDouble(FaceObservation::liveness).sorted().toArray();
    }
    long below05 = java.util.Arrays.stream(scores).filter(s -> s < 0.5).count();
    long below09 = java.util.Arrays.stream(scores).filter(s -> s < 0.9).count();
    System.out.printf(Locale.ROOT, "passive liveness on %d real photos: median %.3f, called spoof (p<0.5) %d"
        + " = %.1f%%, unsure or spoof (p<0.9, challenge asked) %d = %.1f%%%n", scores.length,
        scores[scores.length / 2], below05, 100.0 * below05 / scores.length, below09, 100.0 * below09 / scores.length);

    assertThat(scores).hasSize(photos.size());
  }
}
