package org.redvest.terminal.face.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redvest.terminal.face.MatchPolicy;
import org.redvest.terminal.face.Quality;
import org.redvest.terminal.face.QualityGate;
import org.redvest.testsupport.SharedData;

/**
 * The accuracy goals on the shared face photos, like a ZXing blackbox folder: enrol each
 * identity from one photo, recognise it on the others, and never accept a stranger.
 */
class FaceAccuracyTest {
  static OpenCvFaceReader reader;
  static AccuracyReport report;

  @BeforeAll
  static void measure() {
    Map<String, List<Path>> photos = FacePhotos.byIdentity(SharedData.testdata("faces/people"));
    reader = FacePhotos.reader(QualityGate.NONE);
    report = AccuracyReport.measure(reader, photos, MatchPolicy.of(reader.threshold()));
    System.out.println(report.table(reader.threshold()));
    try (OpenCvFaceReader gated = FacePhotos.reader(QualityGate.forPhotos())) {
      Map<Quality, Integer> verdicts = new java.util.EnumMap<>(Quality.class);
      photos.values().stream().flatMap(List::stream).forEach(photo -> gated.readImage(photo)
          .ifPresent(o -> verdicts.merge(o.quality(), 1, Integer::sum)));
      System.out.println("photo quality gate verdicts: " + verdicts);
    }
  }

  @AfterAll
  static void close() {
    if (reader != null) {
      reader.close();
    }
  }

  @Test
  void photos_everyPersonPhoto_hasAFace() {
    assertThat(report.noFace).isEmpty();
  }

  @Test
  void verification_farOneInAThousand_acceptsAtLeast99PercentOfGenuinePairs() {
    assertThat(report.tarAtFar(0.001)).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void identification_enrolOnOnePhoto_namesNobodyWrongly() {
    assertThat(report.wrong).isZero();
    assertThat(report.identified).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * report.probes));
  }

  @Test
  void identification_strangers_areNeverAccepted() {
    assertThat(report.strangersAccepted).isZero();
    assertThat(report.leaveOutAccepted).isZero();
  }
}
