package org.redvest.terminal.face.opencv;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.redvest.terminal.face.FaceBox;

/**
 * Warps a face onto the standard ArcFace 112x112 five-point template with a similarity
 * transform fitted to all five landmarks (RANSAC with a threshold so large no point is dropped,
 * i.e. least squares: measurably better than the default 3 px RANSAC or a 3-point fit).
 */
final class FaceAligner {
  /** Right eye, left eye, nose tip, right and left mouth corner in the 112x112 crop. */
  static final double[] TEMPLATE_112 = {
      38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041};

  private FaceAligner() {}

  /** The aligned {@code side x side} face; the caller's pointer scope owns the result. */
  static Mat align(Mat bgr, FaceBox box, int side) {
    Mat src = new Mat(FaceBox.LANDMARKS, 1, CV_32FC2);
    Mat dst = new Mat(FaceBox.LANDMARKS, 1, CV_32FC2);
    FloatBuffer s = src.createBuffer();
    FloatBuffer d = dst.createBuffer();
    for (int i = 0; i < 2 * FaceBox.LANDMARKS; i++) {
      s.put(i, box.landmarks()[i]);
      d.put(i, (float) (TEMPLATE_112[i] * side / 112.0));
    }
    Mat transform = estimateAffinePartial2D(src, dst, new Mat(), RANSAC, 1e6, 2000, 0.99, 10);
    Mat aligned = new Mat();
    warpAffine(bgr, aligned, transform, new Size(side, side));
    return aligned;
  }
}
