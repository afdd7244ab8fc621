package org.redvest.terminal.face.opencv;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.redvest.terminal.face.FaceBox;

/**
 * OpenCV's YuNet ({@code FaceDetectorYN}). Images are scaled down so the longer side is at most
 * {@value #MAX_SIDE} px first: at full resolution YuNet misses large close-ups, and it is faster.
 */
final class YuNetDetector implements FaceDetector {
  static final int MAX_SIDE = 640;
  private static final float SCORE_THRESHOLD = 0.9f;
  private static final float NMS_THRESHOLD = 0.3f;
  private static final int TOP_K = 5000;

  private final FaceDetectorYN detector;
  private int inputWidth;
  private int inputHeight;
  private boolean closed;

  private YuNetDetector(FaceDetectorYN detector) {
    this.detector = detector;
  }

  static YuNetDetector load(Path model) {
    try (Size initial = new Size(320, 320)) {
      FaceDetectorYN yn = FaceDetectorYN.create(model.toString(), "", initial,
          SCORE_THRESHOLD, NMS_THRESHOLD, TOP_K, 0, 0);
      if (yn == null || yn.isNull()) {
        throw new IllegalStateException("YuNet cannot load " + model);
      }
      return new YuNetDetector(yn);
    }
  }

  /** The factor images are scaled by before detection. */
  static double scaleFor(int width, int height) {
    return Math.min(1.0, (double) MAX_SIDE / Math.max(width, height));
  }

  @Override
  @SuppressWarnings("try") // the scope releases the native objects made inside it
  public synchronized List<FaceBox> detect(Mat bgr) {
    try (PointerScope scope = new PointerScope()) {
      double scale = scaleFor(bgr.cols(), bgr.rows());
      Mat input = bgr;
      if (scale < 1.0) {
        input = new Mat();
        resize(bgr, input, new Size((int) Math.round(bgr.cols() * scale), (int) Math.round(bgr.rows() * scale)),
            0, 0, INTER_AREA);
      }
      if (input.cols() != inputWidth || input.rows() != inputHeight) {
        // setInputSize rebuilds YuNet's priors; a camera keeps one size, so do it only on a change
        detector.setInputSize(new Size(input.cols(), input.rows()));
        inputWidth = input.cols();
        inputHeight = input.rows();
      }
      Mat faces = new Mat();
      detector.detect(input, faces);
      return boxes(faces, 1.0 / scale);
    }
  }

  /** Rows of x, y, w, h, five landmark pairs and the score, scaled back to the caller's image. */
  static List<FaceBox> boxes(Mat faces, double back) {
    List<FaceBox> boxes = new ArrayList<>();
    if (faces.empty()) {
      return boxes;
    }
    FloatBuffer data = faces.createBuffer();
    int cols = faces.cols();
    for (int r = 0; r < faces.rows(); r++) {
      int o = r * cols;
      float[] landmarks = new float[2 * FaceBox.LANDMARKS];
      for (int i = 0; i < landmarks.length; i++) {
        landmarks[i] = (float) (data.get(o + 4 + i) * back);
      }
      float w = (float) (data.get(o + 2) * back);
      float h = (float) (data.get(o + 3) * back);
      if (w > 0 && h > 0) {
        boxes.add(new FaceBox((float) (data.get(o) * back), (float) (data.get(o + 1) * back), w, h,
            landmarks, data.get(o + 14)));
      }
    }
    return boxes;
  }

  @Override
  public boolean degraded() {
    return false;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      detector.close();
    }
  }
}
