package org.redvest.terminal.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.face.FaceBox;

class PreviewTest {
  private static Frame whiteFrame(int w, int h, long index) {
    byte[] gray = new byte[w * h];
    byte[] bgr = new byte[w * h * 3];
    Arrays.fill(gray, (byte) 255);
    Arrays.fill(bgr, (byte) 255);
    return new Frame(w, h, gray, bgr, 0, index);
  }

  @Test
  void jpeg_beforeFirstFrame_isEmpty() {
    assertThat(new Preview(Optional::empty, Optional::empty).jpeg()).isEmpty();
  }

  @Test
  void jpeg_largeFrame_scaledToMaxWidthWithCodeAndFaceOutlined() throws Exception {
    // Finder patterns at bottom-left, top-left, top-right of a code centred at (640, 360).
    float[] points = {540, 460, 540, 260, 740, 260};
    FaceBox face = new FaceBox(100, 100, 200, 200, new float[10], 0.9f);
    Preview preview = new Preview(() -> Optional.of(points), () -> Optional.of(face));
    preview.offer(whiteFrame(1280, 720, 0));

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(preview.jpeg().orElseThrow()));

    assertThat(image.getWidth()).isEqualTo(Preview.MAX_WIDTH);
    assertThat(image.getHeight()).isEqualTo(360);
    // The code's padded outline passes left of the finder patterns: x = (640 - 100 * 1.35) / 2.
    int codeEdge = image.getRGB(252, 180);
    assertThat(green(codeEdge)).isGreaterThan(150);
    assertThat(red(codeEdge)).isLessThan(120);
    int faceEdge = image.getRGB(50, 100);
    assertThat(blue(faceEdge)).isGreaterThan(200);
    assertThat(red(faceEdge)).isLessThan(120);
    assertThat(image.getRGB(320, 20) & 0xffffff).as("no outline elsewhere").isGreaterThan(0xf0f0f0);
  }

  @Test
  void jpeg_sameFrameTwice_encodedOnce() {
    Preview preview = new Preview(Optional::empty, Optional::empty);
    preview.offer(whiteFrame(64, 48, 7));
    byte[] first = preview.jpeg().orElseThrow();
    assertThat(preview.jpeg().orElseThrow()).isSameAs(first);
    assertThat(preview.latestIndex()).isEqualTo(7);
  }

  private static int red(int rgb) {
    return (rgb >> 16) & 0xff;
  }

  private static int green(int rgb) {
    return (rgb >> 8) & 0xff;
  }

  private static int blue(int rgb) {
    return rgb & 0xff;
  }
}
