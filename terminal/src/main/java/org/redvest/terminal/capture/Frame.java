package org.redvest.terminal.capture;

/**
 * One camera image, already oriented, held in Java arrays.
 *
 * <p>The arrays are shared, not copied: a frame is produced once per grab and only read after
 * that, so callers must not write into them.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param gray 8-bit luma, row-major, {@code width * height} bytes
 * @param bgr 8-bit blue, green, red per pixel, row-major, {@code width * height * 3} bytes
 * @param timestampMicros media time for replays; capture time (microseconds since the epoch) for
 *     live cameras
 * @param index position of the frame in its source, from 0
 */
public record Frame(int width, int height, byte[] gray, byte[] bgr, long timestampMicros, long index) {
  public Frame {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive, was " + width + "x" + height);
    }
    if (gray == null || gray.length != width * height) {
      throw new IllegalArgumentException("gray must hold width * height = " + width * height + " bytes");
    }
    if (bgr == null || bgr.length != width * height * 3) {
      throw new IllegalArgumentException("bgr must hold width * height * 3 = " + width * height * 3 + " bytes");
    }
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
  }

  /** The luma of the pixel at column {@code x}, row {@code y}, 0 to 255. */
  public int grayAt(int x, int y) {
    return gray[y * width + x] & 0xff;
  }

  @Override
  public String toString() {
    return "Frame[" + width + "x" + height + ", index=" + index + ", t=" + timestampMicros + "us]";
  }
}
