package org.redvest.terminal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.profiles.Camera;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.qr.QrScanner;

class DemoVideoTest {
  private final QrScanner scanner = new QrScanner();

  @Test
  void write_defaultScript_everyAppearanceReadsFromItsFirstFrameAndGapsReadNothing(@TempDir Path dir)
      throws IOException {
    DemoScript script = DemoScript.defaultScript();
    long started = System.nanoTime();
    DemoVideo.write(script, dir.resolve(DemoVideo.VIDEO_FILE));
    System.out.printf("demo video: %d frames in %d ms%n",
        script.lengthSeconds() * DemoVideo.FPS, (System.nanoTime() - started) / 1_000_000);

    Camera camera = new Camera(Camera.Source.VIDEO_FILE, DemoVideo.VIDEO_FILE, 640, 480, 10, 0, false,
        Camera.Clock.MEDIA, 60, false);
    List<String> mismatches = new ArrayList<>();
    long frames = 0;
    try (FrameSource source = FrameSource.open(camera, dir)) {
      for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
        Frame frame = f.get();
        assertThat(frame.width()).isEqualTo(640);
        assertThat(frame.height()).isEqualTo(480);
        assertThat(frame.timestampMicros()).isEqualTo(frame.index() * 100_000);
        Optional<String> expected = script.shownIn(frame.index(), DemoVideo.FPS).map(a -> a.badge().encode());
        Optional<String> read = scanner.decode(frame);
        if (!read.equals(expected)) {
          mismatches.add("frame " + frame.index() + ": expected " + expected + ", read " + read);
        }
        frames++;
      }
    }

    assertThat(frames).isEqualTo(script.lengthSeconds() * DemoVideo.FPS);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void writeBadges_defaultScript_writesOneReadablePngPerVolunteer(@TempDir Path dir) throws IOException {
    List<Path> badges = DemoVideo.writeBadges(DemoScript.defaultScript(), dir);

    assertThat(badges).extracting(p -> p.getFileName().toString())
        .containsExactly("badge-V-360781-000101.png", "badge-V-360781-000102.png", "badge-V-360781-000103.png");
    assertThat(scanner.decode(ImageIO.read(badges.get(0).toFile()))).contains("RV1:V-360781-000101:张三");
    assertThat(scanner.decode(ImageIO.read(badges.get(2).toFile()))).contains("RV1:V-360781-000103:王五");
  }
}
