package org.redvest.terminal.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.redvest.profiles.Camera;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.testsupport.SharedData;

class QrScannerTest {
  /**
   * What QrScanner reads per folder today (ZXing's AbstractBlackBoxTestCase style: a floor that
   * only goes up). Plain ZXing reads 17, 32, 38, 36, 19, 15 (157).
   */
  private static final int[] MINIMUM = {20, 34, 40, 40, 19, 15};

  private final QrScanner scanner = new QrScanner();

  @Test
  void decode_blackboxImages_readsAtLeastPlainZxingWithNoWrongText() throws IOException {
    List<String> wrong = new ArrayList<>();
    int total = 0;
    System.out.println("folder     images  plain-zxing  QrScanner  minimum");
    for (int i = 0; i < Blackbox.FOLDERS.size(); i++) {
      Blackbox.Folder folder = Blackbox.FOLDERS.get(i);
      List<Blackbox.Case> cases = folder.cases();
      int read = 0;
      for (Blackbox.Case c : cases) {
        Optional<String> text = scanner.decode(ImageIO.read(c.image().toFile()));
        if (text.isPresent() && text.get().equals(c.expected())) {
          read++;
        } else if (text.isPresent()) {
          wrong.add(c.name() + ": " + text.get());
        }
      }
      System.out.printf("%-10s %6d  %11d  %9d  %7d%n",
          folder.name(), cases.size(), folder.plainZxing(), read, MINIMUM[i]);
      assertThat(read).as(folder.name()).isGreaterThanOrEqualTo(Math.max(MINIMUM[i], folder.plainZxing()));
      total += read;
    }
    System.out.println("total " + total + " (plain ZXing 157)");

    assertThat(wrong).as("wrong texts").isEmpty();
    assertThat(total).isGreaterThanOrEqualTo(157);
  }

  @Test
  void decode_framesOfBlackboxFolder_readInPlace() {
    Path folder = SharedData.testdata("qr-blackbox/qrcode-1");
    Camera camera = new Camera(Camera.Source.IMAGE_FOLDER, folder.toString(), 640, 480, 10, 0, false,
        Camera.Clock.MEDIA, 60, false);
    List<Blackbox.Case> cases = Blackbox.FOLDERS.get(0).cases();
    List<String> wrong = new ArrayList<>();
    int read = 0;
    try (FrameSource source = FrameSource.open(camera, Path.of("."))) {
      for (Blackbox.Case c : cases) {
        Optional<String> text = scanner.decode(source.next().orElseThrow());
        if (text.isPresent() && text.get().equals(c.expected())) {
          read++;
        } else if (text.isPresent()) {
          wrong.add(c.name() + ": " + text.get());
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(read).isGreaterThanOrEqualTo(17);
  }

  @Test
  void decode_blankAndNoisy640x480Frames_returnsEmpty() {
    byte[] blank = new byte[640 * 480];
    java.util.Arrays.fill(blank, (byte) 128);
    byte[] noise = new byte[640 * 480];
    new Random(7).nextBytes(noise);

    assertThat(scanner.decode(frame(blank))).isEmpty();
    assertThat(scanner.decode(frame(noise))).isEmpty();
  }

  @Test
  void decode_videoFramesWithoutCode_returnsEmpty() {
    Path clip = SharedData.testdata("faces/video/ageitgey-short_hamilton_clip.mp4");
    Camera camera = new Camera(Camera.Source.VIDEO_FILE, clip.toString(), 640, 480, 30, 0, false,
        Camera.Clock.MEDIA, 60, false);
    try (FrameSource source = FrameSource.open(camera, Path.of("."))) {
      for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
        if (f.get().index() % 10 == 0) {
          assertThat(scanner.decode(f.get())).as("frame " + f.get().index()).isEmpty();
        }
      }
    }
  }

  @Test
  void decode_imageWithoutCode_returnsEmpty() {
    BufferedImage white = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);

    assertThat(scanner.decode(white)).isEmpty();
  }

  private static Frame frame(byte[] gray) {
    return new Frame(640, 480, gray, new byte[640 * 480 * 3], 0, 0);
  }
}
