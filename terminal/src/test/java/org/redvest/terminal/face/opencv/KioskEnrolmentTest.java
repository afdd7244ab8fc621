package org.redvest.terminal.face.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.profiles.HardwareProfile;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.MatchPolicy;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.face.enrolment.Consent;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.terminal.face.enrolment.Enrolments;
import org.redvest.terminal.face.enrolment.TemplateKey;
import org.redvest.terminal.face.enrolment.TemplateVault;
import org.redvest.testsupport.SharedData;

/** Enrolment from camera frames (the Hamilton clip standing in for the kiosk camera). */
class KioskEnrolmentTest {
  static final VolunteerId LIN = VolunteerId.of("V-777");
  static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");

  @TempDir Path dir;

  @Test
  void enrol_fiveGoodFramesAfterConsent_recognisesThePersonOnAnotherPhoto() {
    Path clip = SharedData.testdata("faces/video/ageitgey-short_hamilton_clip.mp4");
    AtomicInteger nudges = new AtomicInteger();
    try (OpenCvFaceReader reader = FacePhotos.reader(QualityGate.KIOSK);
        TemplateVault vault = TemplateVault.open(dir, TemplateKey.openOrCreate(dir.resolve("k")),
            StationId.of("S1"), TerminalId.of("t1"));
        FrameSource source = FrameSource.open(
            HardwareProfile.builtIn("replay-video").withCameraLocation(clip.toString()).camera(), Path.of("."),
            Clock.systemUTC())) {
      Gallery gallery = new Gallery(reader.dimensions());
      EnrolmentSession session = new EnrolmentSession(LIN, "林", new Consent("c-1", "v1", AT, "manager-1"), 5,
          reader.threshold());
      Optional<Frame> next;
      while (!session.complete() && (next = source.next()).isPresent()) {
        reader.read(next.get()).ifPresent(session::offer);
      }
      new Enrolments(vault, gallery, nudges::incrementAndGet).enrol(session);

      var photo = reader.readImage(SharedData.testdata(
          "faces/people/ageitgey-lin_manuel_miranda/lin-manuel-miranda.png")).orElseThrow();
      assertThat(MatchPolicy.of(reader.threshold()).judge(gallery.rank(photo.embedding())))
          .isInstanceOf(org.redvest.terminal.face.Identification.Known.class);
      assertThat(vault.gallery(reader.dimensions()).size()).isEqualTo(5);
      assertThat(nudges).hasValue(1);
    }
  }

  @Test
  void session_withoutConsent_cannotStart() {
    assertThatThrownBy(() -> new EnrolmentSession(LIN, "林", null, 5, 0.45)).hasMessageContaining("consent");
  }
}
