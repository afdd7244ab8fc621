package org.redvest.terminal.capture;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.redvest.profiles.Camera;

/**
 * Turns a native image into a {@link Frame}: rotation first, then the horizontal mirror (so
 * "mirror" always means left-right in the upright picture), then gray.
 *
 * <p>Every {@link Mat} made here is meant to be freed by the caller's {@code PointerScope}.
 */
final class Orientation {
  private final int rotation;
  private final boolean mirror;

  private Orientation(int rotation, boolean mirror) {
    this.rotation = rotation;
    this.mirror = mirror;
  }

  static Orientation of(Camera camera) {
    int rotation = camera.rotation();
    if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
      throw new CaptureException("camera.rotation must be 0, 90, 180 or 270, was " + rotation);
    }
    return new Orientation(rotation, camera.mirror());
  }

  /** The frame a decoded image shows, with 1, 3 or 4 channels. */
  Frame toFrame(Mat image, long timestampMicros, long index) {
    Mat bgr = oriented(toBgr(image));
    if (!bgr.isContinuous()) {
      bgr = bgr.clone();
    }
    Mat gray = new Mat();
    cvtColor(bgr, gray, COLOR_BGR2GRAY);
    int width = bgr.cols();
    int height = bgr.rows();
    byte[] bgrBytes = new byte[width * height * 3];
    byte[] grayBytes = new byte[width * height];
    bgr.data().get(bgrBytes);
    gray.data().get(grayBytes);
    return new Frame(width, height, grayBytes, bgrBytes, timestampMicros, index);
  }

  private static Mat toBgr(Mat image) {
    int channels = image.channels();
    if (channels == 3) {
      return image;
    }
    Mat bgr = new Mat();
    if (channels == 1) {
      cvtColor(image, bgr, COLOR_GRAY2BGR);
    } else if (channels == 4) {
      cvtColor(image, bgr, COLOR_BGRA2BGR);
    } else {
      throw new CaptureException("frames with " + channels + " channels are not supported");
    }
    return bgr;
  }

  private Mat oriented(Mat bgr) {
    Mat result = bgr;
    if (rotation != 0) {
      Mat rotated = new Mat();
      rotate(result, rotated, rotateCode());
      result = rotated;
    }
    if (mirror) {
      Mat flipped = new Mat();
      flip(result, flipped, 1);
      result = flipped;
    }
    return result;
  }

  private int rotateCode() {
    return switch (rotation) {
      case 90 -> ROTATE_90_CLOCKWISE;
      case 180 -> ROTATE_180;
      default -> ROTATE_90_COUNTERCLOCKWISE;
    };
  }
}
