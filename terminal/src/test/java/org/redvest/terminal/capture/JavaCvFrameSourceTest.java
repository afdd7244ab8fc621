package org.redvest.terminal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.testsupport.SharedData;

class JavaCvFrameSourceTest {
  private static final String CLIP = "faces/video/ageitgey-short_hamilton_clip.mp4";

  @Test
  void next_hamiltonClip_gives275FramesOf640x360InOrder() {
    List<Frame> frames = readAll(FrameSource.open(Cameras.video(clip()), Path.of(".")));

    assertThat(frames).hasSize(275);
    assertThat(frames).allSatisfy(f -> {
      assertThat(f.width()).isEqualTo(640);
      assertThat(f.height()).isEqualTo(360);
    });
    for (int i = 1; i < frames.size(); i++) {
      assertThat(frames.get(i).index()).isEqualTo(i);
      assertThat(frames.get(i).timestampMicros()).isGreaterThan(frames.get(i - 1).timestampMicros());
    }
    long lastMicros = frames.get(274).timestampMicros() - frames.get(0).timestampMicros();
    assertThat(lastMicros).isBetween(9_000_000L, 9_250_000L); // 274 frames at 29.97 fps
  }

  @Test
  void next_relativeLocation_resolvesAgainstBaseDir() {
    Path clip = clip();
    try (FrameSource source = FrameSource.open(
        Cameras.video(Path.of(clip.getFileName().toString())), clip.getParent())) {
      assertThat(source.next()).isPresent();
    }
  }

  @Test
  void next_grayAndBgr_agree() {
    Frame frame = first(Cameras.video(clip()));
    int x = 320;
    int y = 180;
    int i = (y * frame.width() + x) * 3;
    double luma = 0.114 * (frame.bgr()[i] & 0xff) + 0.587 * (frame.bgr()[i + 1] & 0xff)
        + 0.299 * (frame.bgr()[i + 2] & 0xff);
    assertThat((double) frame.grayAt(x, y)).isCloseTo(luma, org.assertj.core.data.Offset.offset(1.5));
  }

  @Test
  void next_rotation90_swapsDimensionsAndTurnsClockwise() {
    Frame upright = first(Cameras.video(clip()));
    Frame turned = first(Cameras.video(clip(), 90, false));

    assertThat(turned.width()).isEqualTo(360);
    assertThat(turned.height()).isEqualTo(640);
    // Clockwise: the upright picture's bottom-left corner becomes the top-left one.
    for (int[] p : new int[][] {{0, 0}, {10, 20}, {359, 639}, {200, 100}}) {
      int col = p[0];
      int row = p[1];
      assertThat(turned.grayAt(col, row)).isEqualTo(upright.grayAt(row, upright.height() - 1 - col));
    }
  }

  @Test
  void next_mirror_flipsLeftAndRight() {
    Frame upright = first(Cameras.video(clip()));
    Frame mirrored = first(Cameras.video(clip(), 0, true));

    assertThat(mirrored.width()).isEqualTo(640);
    for (int y = 0; y < 360; y += 37) {
      for (int x = 0; x < 640; x += 53) {
        assertThat(mirrored.grayAt(x, y)).isEqualTo(upright.grayAt(639 - x, y));
      }
    }
  }

  @Test
  void next_loopingReplay_goesOnWithIncreasingTimestamps() {
    try (FrameSource source = FrameSource.open(Cameras.loopingVideo(clip(), 0, false), Path.of("."))) {
      long previous = -1;
      for (int i = 0; i < 600; i++) {
        Frame frame = source.next().orElseThrow();
        assertThat(frame.index()).isEqualTo(i);
        assertThat(frame.timestampMicros()).isGreaterThan(previous);
        previous = frame.timestampMicros();
      }
    }
  }

  @Test
  void next_thousandsOfRotatedFrames_keepsNativeMemoryFlat() {
    try (FrameSource source = FrameSource.open(Cameras.loopingVideo(clip(), 90, true), Path.of("."))) {
      // Settle first: the allocator's arenas, JIT code and metaspace grow during the first
      // thousand frames (up to ~500 MB on a loaded CI machine), then stay flat.
      skip(source, 1_300);
      long before = nativeBytes();
      skip(source, 1_000);
      long grown = nativeBytes() - before;
      // A leaked frame is 0.9 MB (bgr + gray + the decoder's image): 1,000 of them show as about
      // 900 MB, while a settled allocator grows by far less. QrBenchmark reports the exact
      // figures over 10,000 frames.
      assertThat(grown).as("resident bytes less heap grown over 1,000 frames after 1,300").isLessThan(400L << 20);
    }
  }

  @Test
  void open_missingFile_throwsNamingTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere.mp4");

    assertThatThrownBy(() -> FrameSource.open(Cameras.video(missing), dir))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("video file " + missing + " cannot be opened");
  }

  @Test
  void open_fileThatIsNoVideo_throwsNamingTheFile() {
    Path notVideo = SharedData.testdata("qr-blackbox/qrcode-1/1.txt");

    assertThatThrownBy(() -> FrameSource.open(Cameras.video(notVideo), Path.of(".")))
        .isInstanceOf(CaptureException.class)
        .hasMessageStartingWith("video file " + notVideo + " cannot be opened: ");
  }

  @Test
  void close_calledTwice_doesNothingAndNextFails() {
    FrameSource source = FrameSource.open(Cameras.video(clip()), Path.of("."));
    source.close();
    source.close();

    assertThatThrownBy(source::next).isInstanceOf(CaptureException.class).hasMessageContaining("closed");
  }

  @Test
  void withoutPassword_rtspUrlWithCredentials_hidesThem() {
    assertThat(JavaCvFrameSource.withoutPassword("rtsp://admin:secret@10.0.0.5:554/stream1"))
        .isEqualTo("rtsp://***@10.0.0.5:554/stream1");
    assertThat(JavaCvFrameSource.withoutPassword("rtsp://cam.local/stream1"))
        .isEqualTo("rtsp://cam.local/stream1");
  }

  private static Path clip() {
    return SharedData.testdata(CLIP);
  }

  private static Frame first(org.redvest.profiles.Camera camera) {
    try (FrameSource source = FrameSource.open(camera, Path.of("."))) {
      return source.next().orElseThrow();
    }
  }

  private static List<Frame> readAll(FrameSource source) {
    List<Frame> frames = new ArrayList<>();
    try (source) {
      for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }

  /** Resident memory less the Java heap, which grows with garbage frames until it is collected. */
  private static long nativeBytes() {
    return Pointer.physicalBytes() - Runtime.getRuntime().totalMemory();
  }

  private static void skip(FrameSource source, int count) {
    for (int i = 0; i < count; i++) {
      source.next().orElseThrow();
    }
  }
}
