package org.redvest.terminal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.testsupport.SharedData;

class ImageFolderFrameSourceTest {

  @Test
  void next_blackboxFolder_givesEveryImageInFileNameOrder() throws IOException {
    Path folder = SharedData.testdata("qr-blackbox/qrcode-6");
    List<Frame> frames = new ArrayList<>();
    List<Path> images;
    try (ImageFolderFrameSource source = ImageFolderFrameSource.open(Cameras.imageFolder(folder, 2), folder)) {
      images = source.images();
      for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
        frames.add(f.get());
      }
    }

    assertThat(images).extracting(p -> p.getFileName().toString())
        .containsExactly("1.png", "10.png", "11.png", "12.png", "13.png", "14.png", "15.png",
            "2.png", "3.png", "4.png", "5.png", "6.png", "7.png", "8.png", "9.png");
    assertThat(frames).hasSize(15);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).index()).isEqualTo(i);
      assertThat(frames.get(i).timestampMicros()).isEqualTo(i * 500_000L);
      BufferedImage expected = ImageIO.read(images.get(i).toFile());
      assertThat(frames.get(i).width()).isEqualTo(expected.getWidth());
      assertThat(frames.get(i).height()).isEqualTo(expected.getHeight());
    }
  }

  @Test
  void next_pixels_matchTheImageFile() throws IOException {
    Path folder = SharedData.testdata("qr-blackbox/qrcode-1");
    BufferedImage expected = ImageIO.read(folder.resolve("1.png").toFile());
    try (FrameSource source = FrameSource.open(Cameras.imageFolder(folder, 10), Path.of("."))) {
      Frame frame = source.next().orElseThrow();
      int rgb = expected.getRGB(100, 50);
      int i = (50 * frame.width() + 100) * 3;
      assertThat(frame.bgr()[i] & 0xff).isEqualTo(rgb & 0xff);
      assertThat(frame.bgr()[i + 1] & 0xff).isEqualTo((rgb >> 8) & 0xff);
      assertThat(frame.bgr()[i + 2] & 0xff).isEqualTo((rgb >> 16) & 0xff);
    }
  }

  @Test
  void open_missingFolder_throwsNamingTheFolder(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-folder");

    assertThatThrownBy(() -> FrameSource.open(Cameras.imageFolder(missing, 10), dir))
        .isInstanceOf(CaptureException.class)
        .hasMessage("image folder " + missing + " cannot be opened: no such folder");
  }

  @Test
  void open_folderWithoutImages_throws(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not an image");

    assertThatThrownBy(() -> FrameSource.open(Cameras.imageFolder(dir, 10), dir))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("holds no .png or .jpg images");
  }

  @Test
  void next_brokenImage_throwsNamingTheImage(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.png"), "not really a png");

    try (FrameSource source = FrameSource.open(Cameras.imageFolder(dir, 10), dir)) {
      assertThatThrownBy(source::next)
          .isInstanceOf(CaptureException.class)
          .hasMessage("image " + dir.resolve("broken.png") + " cannot be read");
    }
  }

  @Test
  void close_calledTwice_doesNothing() {
    Path folder = SharedData.testdata("qr-blackbox/qrcode-6");
    FrameSource source = FrameSource.open(Cameras.imageFolder(folder, 10), Path.of("."));
    source.close();
    source.close();

    assertThatThrownBy(source::next).isInstanceOf(CaptureException.class);
  }
}
