package org.redvest.terminal.face;

/**
 * One detected face in frame pixels: its box, the five landmarks YuNet reports (right eye, left
 * eye, nose tip, right and left mouth corner, as x,y pairs) and the detector's score.
 */
public record FaceBox(float x, float y, float width, float height, float[] landmarks, float score) {
  public static final int LANDMARKS = 5;

  public FaceBox {
    if (!(width > 0 && height > 0)) {
      throw new IllegalArgumentException("face box size must be positive, was " + width + "x" + height);
    }
    if (landmarks == null || landmarks.length != 2 * LANDMARKS) {
      throw new IllegalArgumentException("landmarks must hold " + 2 * LANDMARKS + " values");
    }
  }

  /** The shorter side of the box, the size that decides whether a face is too far away. */
  public float side() {
    return Math.min(width, height);
  }

  public float landmarkX(int i) {
    return landmarks[2 * i];
  }

  public float landmarkY(int i) {
    return landmarks[2 * i + 1];
  }

  /**
   * How far the head is turned: the nose tip's horizontal offset from the midpoint of the eyes,
   * in eye distances; 0 facing the camera, about ±0.5 at a clear quarter turn. Positive when the
   * nose moves towards the image's right.
   */
  public double yaw() {
    double eyeMidX = (landmarkX(0) + landmarkX(1)) / 2.0;
    double eyeDistance = Math.hypot(landmarkX(1) - landmarkX(0), landmarkY(1) - landmarkY(0));
    return eyeDistance < 1e-3 ? 0 : (landmarkX(2) - eyeMidX) / eyeDistance;
  }

  /** Tilt of the line between the eyes, in degrees. */
  public double rollDegrees() {
    return Math.toDegrees(Math.atan2(landmarkY(1) - landmarkY(0), landmarkX(1) - landmarkX(0)));
  }

  /** Distance of the box centre from the frame centre, as a fraction of the frame diagonal. */
  public double offCentre(int frameWidth, int frameHeight) {
    double dx = x + width / 2.0 - frameWidth / 2.0;
    double dy = y + height / 2.0 - frameHeight / 2.0;
    return Math.hypot(dx, dy) / Math.hypot(frameWidth, frameHeight);
  }
}
