package org.redvest.terminal.face.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redvest.profiles.HardwareProfile;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.face.FaceBox;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.face.TurnChallenge;
import org.redvest.testsupport.SharedData;

/**
 * Spoofs that must not pass the turn challenge: the Hamilton clip replayed with the challenge
 * starting at every frame, and a still photo held in front of the camera.
 */
class ActiveLivenessReplayTest {
  static final Duration TIMEOUT = Duration.ofSeconds(6);
  static OpenCvFaceReader reader;
  static final List<FaceBox> clipBoxes = new ArrayList<>();
  static final List<Instant> clipTimes = new ArrayList<>();

  @BeforeAll
  static void readClip() {
    reader = FacePhotos.reader(QualityGate.NONE);
    Path clip = SharedData.testdata("faces/video/ageitgey-short_hamilton_clip.mp4");
    try (FrameSource source = FrameSource.open(
        HardwareProfile.builtIn("replay-video").withCameraLocation(clip.toString()).camera(), Path.of("."),
        Clock.systemUTC())) {
      Optional<Frame> next;
      while ((next = source.next()).isPresent()) {
        clipBoxes.add(reader.read(next.get()).map(FaceObservation::box).orElse(null));
        clipTimes.add(Instant.EPOCH.plusNanos(next.get().timestampMicros() * 1000));
      }
    }
  }

  @AfterAll
  static void close() {
    reader.close();
  }

  @ParameterizedTest
  @EnumSource(TurnChallenge.Direction.class)
  void challenge_replayedVideoFromAnyFrame_neverPasses(TurnChallenge.Direction first) {
    TurnChallenge.Direction second = first == TurnChallenge.Direction.LEFT
        ? TurnChallenge.Direction.RIGHT : TurnChallenge.Direction.LEFT;
    List<Integer> passedFrom = new ArrayList<>();
    for (int start = 0; start < clipBoxes.size(); start++) {
      TurnChallenge challenge = new TurnChallenge(List.of(first, second), TIMEOUT);
      TurnChallenge.State state = TurnChallenge.State.PENDING;
      for (int i = start; i < clipBoxes.size() && state == TurnChallenge.State.PENDING; i++) {
        state = challenge.observe(clipBoxes.get(i), clipTimes.get(i));
      }
      if (state == TurnChallenge.State.PASSED) {
        passedFrom.add(start);
      }
    }

    assertThat(clipBoxes).filteredOn(b -> b != null).hasSizeGreaterThan(150);
    assertThat(passedFrom).as("challenge start frames a replay passed").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TurnChallenge.Direction.class)
  void challenge_stillPhotoHeldUp_fails(TurnChallenge.Direction first) {
    FaceBox photo = reader.readImage(SharedData.testdata("faces/people/ageitgey-lin_manuel_miranda/lin-manuel-miranda.png"))
        .orElseThrow().box();
    TurnChallenge challenge = TurnChallenge.random(new java.util.Random(first.ordinal()), 2, TIMEOUT);
    TurnChallenge.State state = TurnChallenge.State.PENDING;
    for (int i = 0; i < 30 * 8 && state == TurnChallenge.State.PENDING; i++) {
      state = challenge.observe(photo, Instant.EPOCH.plusMillis(i * 33L));
    }

    assertThat(state).isEqualTo(TurnChallenge.State.FAILED);
  }
}
