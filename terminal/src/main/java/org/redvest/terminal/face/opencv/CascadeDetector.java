package org.redvest.terminal.face.opencv;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.redvest.terminal.face.FaceBox;

/**
 * The fallback when no YuNet model is installed: the LBP frontal-face cascade bundled in the
 * OpenCV jar. It gives boxes only, so the five landmarks are placed where the alignment template
 * expects them inside the box. Recognition on such crops is clearly worse: the kiosk reports
 * itself as degraded while this detector is in use.
 */
final class CascadeDetector implements FaceDetector {
  static final String RESOURCE = "share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml";

  private final CascadeClassifier cascade;
  private boolean closed;

  private CascadeDetector(CascadeClassifier cascade) {
    this.cascade = cascade;
  }

  static CascadeDetector load() {
    File file;
    try {
      file = Loader.cacheResource(org.bytedeco.opencv.global.opencv_objdetect.class,
          "/org/bytedeco/opencv/" + Loader.getPlatform() + "/" + RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the bundled cascade " + RESOURCE, e);
    }
    if (file == null) {
      throw new IllegalStateException("the OpenCV jar holds no " + RESOURCE);
    }
    CascadeClassifier cascade = new CascadeClassifier(file.getAbsolutePath());
    if (cascade.empty()) {
      cascade.close();
      throw new IllegalStateException("cannot load cascade " + file);
    }
    return new CascadeDetector(cascade);
  }

  @Override
  @SuppressWarnings("try") // the scope releases the Mats made inside it
  public synchronized List<FaceBox> detect(Mat bgr) {
    try (PointerScope scope = new PointerScope()) {
      double scale = YuNetDetector.scaleFor(bgr.cols(), bgr.rows());
      Mat gray = new Mat();
      cvtColor(bgr, gray, COLOR_BGR2GRAY);
      if (scale < 1.0) {
        Mat small = new Mat();
        resize(gray, small, new Size((int) Math.round(gray.cols() * scale), (int) Math.round(gray.rows() * scale)),
            0, 0, INTER_AREA);
        gray = small;
      }
      equalizeHist(gray, gray);
      RectVector found = new RectVector();
      cascade.detectMultiScale(gray, found, 1.1, 4, 0, new Size(32, 32), new Size());
      List<FaceBox> boxes = new ArrayList<>();
      for (long i = 0; i < found.size(); i++) {
        Rect r = found.get(i);
        boxes.add(boxWithTemplateLandmarks(r.x() / scale, r.y() / scale, r.width() / scale, r.height() / scale));
      }
      return boxes;
    }
  }

  static FaceBox boxWithTemplateLandmarks(double x, double y, double w, double h) {
    float[] landmarks = new float[2 * FaceBox.LANDMARKS];
    double[] template = FaceAligner.TEMPLATE_112;
    for (int i = 0; i < FaceBox.LANDMARKS; i++) {
      landmarks[2 * i] = (float) (x + w * template[2 * i] / 112.0);
      landmarks[2 * i + 1] = (float) (y + h * template[2 * i + 1] / 112.0);
    }
    return new FaceBox((float) x, (float) y, (float) w, (float) h, landmarks, 0.5f);
  }

  @Override
  public boolean degraded() {
    return true;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      cascade.close();
    }
  }
}
