package org.redvest.terminal.face;

/**
 * Rejects faces that would give a poor template, before they are embedded: too small in the
 * frame, too dark, blurred (variance of the Laplacian of the aligned face), or turned away (nose
 * off the eye midline, or the eye line tilted). Works on the aligned face's luma, so its blur
 * and brightness limits do not depend on the camera's resolution.
 *
 * @param minSide smallest face box side, in frame pixels
 * @param minMeanLuma darkest acceptable mean luma of the aligned face, 0..255
 * @param minSharpness smallest acceptable Laplacian variance of the aligned face
 * @param maxYaw largest acceptable {@link FaceBox#yaw()} magnitude
 * @param maxRollDegrees largest acceptable eye-line tilt
 */
public record QualityGate(int minSide, double minMeanLuma, double minSharpness, double maxYaw,
    double maxRollDegrees) {

  /** Limits for a kiosk camera at arm's length; see docs/face.md for how they were chosen. */
  public static final QualityGate KIOSK = new QualityGate(60, 40, 15, 0.30, 25);

  /** Accepts every face: for measuring the recogniser alone. */
  public static final QualityGate NONE = new QualityGate(0, 0, 0, Double.MAX_VALUE, 180);

  /** Looser size limit for photos given on the command line. */
  public static QualityGate forPhotos() {
    return new QualityGate(32, KIOSK.minMeanLuma, KIOSK.minSharpness, KIOSK.maxYaw, KIOSK.maxRollDegrees);
  }

  /**
   * @param alignedGray the aligned face's luma, {@code side * side} bytes
   * @param side width and height of the aligned face
   */
  public Quality check(FaceBox box, byte[] alignedGray, int side) {
    if (box.side() < minSide) {
      return Quality.TOO_SMALL;
    }
    if (Math.abs(box.yaw()) > maxYaw || Math.abs(box.rollDegrees()) > maxRollDegrees) {
      return Quality.TURNED_AWAY;
    }
    if (meanLuma(alignedGray) < minMeanLuma) {
      return Quality.TOO_DARK;
    }
    if (sharpness(alignedGray, side) < minSharpness) {
      return Quality.BLURRED;
    }
    return Quality.OK;
  }

  static double meanLuma(byte[] gray) {
    long sum = 0;
    for (byte b : gray) {
      sum += b & 0xff;
    }
    return (double) sum / gray.length;
  }

  /** Variance of the 4-neighbour Laplacian over the inner part of the face (no background). */
  static double sharpness(byte[] gray, int side) {
    int from = side / 8;
    int to = side - side / 8;
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int y = from; y < to; y++) {
      for (int x = from; x < to; x++) {
        int c = gray[y * side + x] & 0xff;
        int lap = (gray[(y - 1) * side + x] & 0xff) + (gray[(y + 1) * side + x] & 0xff)
            + (gray[y * side + x - 1] & 0xff) + (gray[y * side + x + 1] & 0xff) - 4 * c;
        sum += lap;
        sumSq += (double) lap * lap;
        n++;
      }
    }
    double mean = sum / n;
    return sumSq / n - mean * mean;
  }
}
