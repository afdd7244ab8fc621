package org.redvest.terminal.face.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.redvest.terminal.face.FaceBox;

/**
 * Passive anti-spoofing with {@code fr_liveness.onnx} (npm faceplugin-face-recognition-js@0.0.1):
 * a square crop 2.7 times the face height, 128x128 RGB with raw 0..255 values, three logits whose
 * softmax class 0 is "live" (inferred from the package's JavaScript). Only checked on real faces;
 * its false-reject rate on shared/testdata is in docs/face.md.
 */
final class OnnxLiveness implements AutoCloseable {
  static final String SHA256 = "afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d";
  private static final int SIDE = 128;
  private static final double CROP_SCALE = 2.7;

  private final Net net;
  private boolean closed;

  private OnnxLiveness(Net net) {
    this.net = net;
  }

  static OnnxLiveness load(Path file) {
    Net net = readNetFromONNX(ModelFile.verified(file, SHA256).toString());
    if (net.empty()) {
      net.close();
      throw new IllegalStateException("OpenCV DNN cannot load " + file);
    }
    return new OnnxLiveness(net);
  }

  /** Probability, 0..1, that {@code box} in {@code bgr} is a live face. */
  @SuppressWarnings("try") // the scope releases the native objects made inside it
  synchronized double live(Mat bgr, FaceBox box) {
    try (PointerScope scope = new PointerScope()) {
      Mat crop = new Mat(bgr, crop(box, bgr.cols(), bgr.rows()));
      Mat blob = blobFromImage(crop, 1.0, new Size(SIDE, SIDE), new Scalar(0, 0, 0, 0), true, false, CV_32F);
      net.setInput(blob);
      FloatBuffer logits = net.forward().createBuffer();
      double max = Math.max(logits.get(0), Math.max(logits.get(1), logits.get(2)));
      double e0 = Math.exp(logits.get(0) - max);
      double sum = e0 + Math.exp(logits.get(1) - max) + Math.exp(logits.get(2) - max);
      return e0 / sum;
    }
  }

  /** Square around the box centre, side = height x 2.7 (capped to fit), shifted inside the image. */
  static Rect crop(FaceBox box, int width, int height) {
    double side = box.height();
    double scale = Math.min(CROP_SCALE, Math.min((height - 1) / side, (width - 1) / side));
    double s = side * scale;
    double cx = box.x() + box.width() / 2.0;
    double cy = box.y() + box.height() / 2.0;
    double left = Math.max(0, Math.min(cx - s / 2, width - s));
    double top = Math.max(0, Math.min(cy - s / 2, height - s));
    int w = (int) Math.min(Math.round(s), width - (int) left);
    int h = (int) Math.min(Math.round(s), height - (int) top);
    return new Rect((int) left, (int) top, Math.max(1, w), Math.max(1, h));
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      net.close();
    }
  }
}
