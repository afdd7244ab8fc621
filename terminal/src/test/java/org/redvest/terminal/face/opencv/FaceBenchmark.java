package org.redvest.terminal.face.opencv;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.gemm;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.Models;
import org.redvest.profiles.RecognizerModel;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceBox;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.QualityGate;
import org.redvest.testsupport.SharedData;

/**
 * Milliseconds per stage of the face pipeline beside the bare OpenCV calls doing the same work,
 * in the same run, on the frames of the Hamilton clip (640x360) that show a face. Run from the
 * repository root:
 *
 * <pre>
 * MAVEN_OPTS=-Xmx3g ./mvnw -o -q -pl terminal exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.redvest.terminal.face.opencv.FaceBenchmark \
 *     -Dredvest.testdata=../shared/testdata -Dredvest.models=../shared/models
 * </pre>
 */
public final class FaceBenchmark {
  private static final int ROUNDS = 5;

  private FaceBenchmark() {}

  public static void main(String[] args) {
    Path models = SharedData.models();
    List<Frame> frames = new ArrayList<>(faceFrames());
    Models noLiveness = new Models(models.toString(), "face_detection_yunet_2023mar.onnx", "fr_feature.onnx", 0.45,
        RecognizerModel.MOBILEFACENET, null);
    System.out.printf(Locale.ROOT, "frames 82-210 of the 640x360 clip (%d), %d rounds, median and p95 ms per call ",
        frames.size(), ROUNDS);
    try (OpenCvFaceReader reader = OpenCvFaceReader.open(models, noLiveness, QualityGate.NONE);
        Bare bare = new Bare(models.resolve("face_detection_yunet_2023mar.onnx"), models.resolve("fr_feature.onnx"))) {
      frames.removeIf(f -> reader.read(f).isEmpty());
      System.out.printf(Locale.ROOT, "(%d of them with a face found)%n%n", frames.size());
      System.out.println("| stage | RedVest median | RedVest p95 | bare OpenCV median | bare p95 | ratio (median) |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      List<Mat> mats = frames.stream().map(FaceBenchmark::toMat).toList();
      List<FaceBox> boxes = mats.stream().map(m -> OpenCvFaceReader.largest(reader.detector().detect(m)).orElseThrow()).toList();
      double[][] detect = compare(mats.size(), i -> reader.detector().detect(mats.get(i)), i -> bare.detect(mats.get(i)));
      row("detect (YuNet)", detect);
      double[][] align = compare(mats.size(), i -> alignAndJudge(mats.get(i), boxes.get(i)), i -> bare.align(mats.get(i), boxes.get(i)));
      row("align (5-point similarity + warp; ours adds the quality gate)", align);
      List<Mat> aligned = new ArrayList<>();
      for (int i = 0; i < mats.size(); i++) {
        aligned.add(FaceAligner.align(mats.get(i), boxes.get(i), 112));
      }
      double[][] embed = compare(mats.size(), i -> reader.recognizer().embed(aligned.get(i)), i -> bare.embed(aligned.get(i)));
      row("embed (fr_feature.onnx)", embed);
      double[][] frame = compare(frames.size(), i -> reader.read(frames.get(i)),
          i -> bare.whole(mats.get(i)));
      row("per frame: Frame -> detect, align, quality, embed", frame);
      match(1_000);
      match(100_000);
    }
    liveness(models, frames);
  }

  private static Object alignAndJudge(Mat bgr, FaceBox box) {
    return QualityGate.KIOSK.check(box, OpenCvFaceReader.luma(FaceAligner.align(bgr, box, 112)), 112);
  }

  private static void match(int enrolled) {
    Random random = new Random(enrolled);
    Gallery gallery = new Gallery(512);
    float[] all = new float[enrolled * 512];
    List<Embedding> chunk = new ArrayList<>();
    for (int i = 0; i < enrolled; i++) {
      float[] v = new float[512];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian();
      }
      Embedding e = Embedding.of(v);
      System.arraycopy(e.values(), 0, all, i * 512, 512);
      chunk.add(e);
      if (chunk.size() == 1000) {
        gallery.add("V-" + i, chunk);
        chunk = new ArrayList<>();
      }
    }
    List<Embedding> probes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      probes.add(Embedding.of(Arrays.copyOfRange(all, i * 512, i * 512 + 512)));
    }
    try (Mat rows = new Mat(enrolled, 512, CV_32F)) {
      ((FloatBuffer) rows.createBuffer()).put(all);
      double[][] t = compare(probes.size(), i -> gallery.rank(probes.get(i)), i -> bareMatch(rows, probes.get(i)));
      row(String.format(Locale.ROOT, "match 1:N, %,d enrolled (ours: Java loop; bare: gemm + minMaxLoc)", enrolled), t);
    }
  }

  private static double bareMatch(Mat rows, Embedding probe) {
    Mat p = new Mat(512, 1, CV_32F);
    ((FloatBuffer) p.createBuffer()).put(probe.values());
    Mat scores = new Mat();
    gemm(rows, p, 1, new Mat(), 0, scores);
    DoublePointer max = new DoublePointer(1);
    minMaxLoc(scores, null, max, null, null, null);
    return max.get();
  }

  private static void liveness(Path models, List<Frame> frames) {
    Models withLiveness = new Models(models.toString(), "face_detection_yunet_2023mar.onnx", "fr_feature.onnx", 0.45,
        RecognizerModel.MOBILEFACENET, "fr_liveness.onnx");
    try (OpenCvFaceReader reader = OpenCvFaceReader.open(models, withLiveness, QualityGate.NONE)) {
      double[] t = time(frames.size(), i -> reader.read(frames.get(i)));
      System.out.printf(Locale.ROOT, "%nper frame with passive liveness (fr_liveness.onnx) as well: median %.2f ms, p95 %.2f ms%n",
          t[0], t[1]);
    }
  }

  interface Work {
    Object run(int i);
  }

  /** Interleaved rounds of ours and bare, so both see the same machine load. */
  private static double[][] compare(int n, Work ours, Work bare) {
    time(n, ours);
    time(n, bare);
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      samples(n, ours, a);
      samples(n, bare, b);
    }
    return new double[][] {stats(a), stats(b)};
  }

  private static double[] time(int n, Work work) {
    List<Double> s = new ArrayList<>();
    samples(n, work, s);
    return stats(s);
  }

  /** Each call in its own pointer scope, ours and bare alike, so native memory is freed alike. */
  @SuppressWarnings("try")
  private static void samples(int n, Work work, List<Double> into) {
    for (int i = 0; i < n; i++) {
      try (PointerScope scope = new PointerScope()) {
        long t0 = System.nanoTime();
        work.run(i);
        into.add((System.nanoTime() - t0) / 1e6);
      }
    }
  }

  private static double[] stats(List<Double> ms) {
    double[] s = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new double[] {s[s.length / 2], s[(int) (s.length * 0.95)]};
  }

  private static void row(String stage, double[][] t) {
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", stage, t[0][0], t[0][1], t[1][0], t[1][1],
        t[0][0] / t[1][0]);
  }

  private static List<Frame> faceFrames() {
    Path clip = SharedData.testdata("faces/video/ageitgey-short_hamilton_clip.mp4");
    List<Frame> frames = new ArrayList<>();
    try (FrameSource source = FrameSource.open(
        HardwareProfile.builtIn("replay-video").withCameraLocation(clip.toString()).camera(), Path.of("."),
        Clock.systemUTC())) {
      Optional<Frame> next;
      while ((next = source.next()).isPresent()) {
        if (next.get().index() >= 82 && next.get().index() <= 210) {
          frames.add(next.get());
        }
      }
    }
    return frames;
  }

  private static Mat toMat(Frame frame) {
    Mat m = new Mat(frame.height(), frame.width(), CV_8UC3);
    ((ByteBuffer) m.createBuffer()).put(frame.bgr());
    return m;
  }

  /** The same work with OpenCV's calls only: no conversions, no checks, no Java values. */
  private static final class Bare implements AutoCloseable {
    private final FaceDetectorYN detector;
    private final Net net;

    Bare(Path yunet, Path recognizer) {
      detector = FaceDetectorYN.create(yunet.toString(), "", new Size(640, 360), 0.9f, 0.3f, 5000, 0, 0);
      detector.setInputSize(new Size(640, 360));
      net = readNetFromONNX(recognizer.toString());
    }

    Mat detect(Mat bgr) {
      Mat faces = new Mat();
      detector.detect(bgr, faces);
      return faces;
    }

    Mat align(Mat bgr, FaceBox box) {
      {
        Mat src = new Mat(5, 1, CV_32FC2);
        Mat dst = new Mat(5, 1, CV_32FC2);
        FloatBuffer s = src.createBuffer();
        FloatBuffer d = dst.createBuffer();
        for (int i = 0; i < 10; i++) {
          s.put(i, box.landmarks()[i]);
          d.put(i, (float) FaceAligner.TEMPLATE_112[i]);
        }
        Mat m = estimateAffinePartial2D(src, dst, new Mat(), RANSAC, 1e6, 2000, 0.99, 10);
        Mat out = new Mat();
        warpAffine(bgr, out, m, new Size(112, 112));
        return out;
      }
    }

    Mat embed(Mat aligned) {
      {
        net.setInput(blobFromImage(aligned, 1 / 128.0, new Size(112, 112), new Scalar(127, 127, 127, 0), false, false, CV_32F));
        return net.forward();
      }
    }

    Object whole(Mat bgr) {
      {
        Mat faces = detect(bgr);
        FaceBox box = OpenCvFaceReader.largest(YuNetDetector.boxes(faces, 1.0)).orElseThrow();
        return embed(align(bgr, box));
      }
    }

    @Override
    public void close() {
      detector.close();
      net.close();
    }
  }
}
