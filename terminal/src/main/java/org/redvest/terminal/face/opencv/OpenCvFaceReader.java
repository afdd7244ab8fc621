package org.redvest.terminal.face.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.redvest.profiles.Models;
import org.redvest.profiles.RecognizerModel;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceBox;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.FaceReader;
import org.redvest.terminal.face.Quality;
import org.redvest.terminal.face.QualityGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face pipeline on OpenCV: detect (YuNet, or the bundled cascade as a degraded fallback),
 * take the largest face, align it to the five-point template, check its quality, embed it and,
 * when a liveness model is installed, score it. All native memory of one call lives in one
 * {@link PointerScope}; only Java values leave.
 */
public final class OpenCvFaceReader implements FaceReader {
  private static final Logger LOG = LoggerFactory.getLogger(OpenCvFaceReader.class);

  private final FaceDetector detector;
  private final OnnxRecognizer recognizer;
  private final OnnxLiveness liveness;
  private final QualityGate gate;
  private boolean closed;

  private OpenCvFaceReader(FaceDetector detector, OnnxRecognizer recognizer, OnnxLiveness liveness,
      QualityGate gate) {
    this.detector = detector;
    this.recognizer = recognizer;
    this.liveness = liveness;
    this.gate = gate;
  }

  /**
   * Loads the models a hardware profile names from {@code directory}, checking each checksum.
   * A missing detector falls back to the cascade (logged as degraded); a missing or altered
   * recogniser is an error.
   */
  public static OpenCvFaceReader open(Path directory, Models models, QualityGate gate) {
    RecognizerModel model = models.optionalRecognizerModel().orElseThrow(() -> new IllegalStateException(
        "the hardware profile's models section names no recognizer"));
    Path detectorFile = directory.resolve(models.detector());
    FaceDetector detector;
    if (Files.isRegularFile(detectorFile)) {
      detector = YuNetDetector.load(detectorFile);
    } else {
      LOG.warn("face detector {} not installed: using the bundled LBP cascade (DEGRADED: no landmarks,"
          + " lower accuracy); run scripts/install-models.sh", detectorFile);
      detector = CascadeDetector.load();
    }
    OnnxRecognizer recognizer = null;
    try {
      recognizer = OnnxRecognizer.load(directory, model);
      OnnxLiveness live = models.optionalLiveness().map(f -> OnnxLiveness.load(directory.resolve(f))).orElse(null);
      return new OpenCvFaceReader(detector, recognizer, live, gate);
    } catch (RuntimeException e) {
      detector.close();
      if (recognizer != null) {
        recognizer.close();
      }
      throw e;
    }
  }

  @Override
  @SuppressWarnings("try") // the scope releases the native objects made inside it
  public Optional<FaceObservation> read(Frame frame) {
    try (PointerScope scope = new PointerScope()) {
      Mat bgr = new Mat(frame.height(), frame.width(), CV_8UC3);
      ((ByteBuffer) bgr.createBuffer()).put(frame.bgr());
      return observeLargest(bgr);
    }
  }

  /** The largest face in an image file (any format OpenCV reads). */
  @SuppressWarnings("try") // the scope releases the native objects made inside it
  public Optional<FaceObservation> readImage(Path file) {
    try (PointerScope scope = new PointerScope()) {
      Mat bgr = imread(file.toString(), IMREAD_COLOR);
      if (bgr == null || bgr.empty()) {
        throw new IllegalArgumentException("cannot read image " + file);
      }
      return observeLargest(bgr);
    }
  }

  private Optional<FaceObservation> observeLargest(Mat bgr) {
    return largest(detector.detect(bgr)).map(box -> observe(bgr, box));
  }

  static Optional<FaceBox> largest(List<FaceBox> boxes) {
    return boxes.stream().max(Comparator.comparingDouble(b -> (double) b.width() * b.height()));
  }

  FaceObservation observe(Mat bgr, FaceBox box) {
    int side = recognizer.model().inputSize();
    Mat aligned = FaceAligner.align(bgr, box, side);
    Quality quality = gate.check(box, luma(aligned), side);
    if (quality != Quality.OK) {
      return new FaceObservation(box, quality, null, null);
    }
    Embedding embedding = recognizer.embed(aligned);
    Double live = liveness == null ? null : liveness.live(bgr, box);
    return new FaceObservation(box, quality, embedding, live);
  }

  static byte[] luma(Mat alignedBgr) {
    Mat gray = new Mat();
    cvtColor(alignedBgr, gray, COLOR_BGR2GRAY);
    byte[] bytes = new byte[gray.rows() * gray.cols()];
    ((ByteBuffer) gray.createBuffer()).get(bytes);
    return bytes;
  }

  FaceDetector detector() {
    return detector;
  }

  OnnxRecognizer recognizer() {
    return recognizer;
  }

  /** Whether a passive liveness model is loaded. */
  public boolean hasLiveness() {
    return liveness != null;
  }

  @Override
  public int dimensions() {
    return recognizer.model().outputSize();
  }

  @Override
  public double threshold() {
    return recognizer.model().threshold();
  }

  @Override
  public boolean degraded() {
    return detector.degraded();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    detector.close();
    recognizer.close();
    if (liveness != null) {
      liveness.close();
    }
  }
}
