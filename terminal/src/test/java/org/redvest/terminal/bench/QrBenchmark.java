package org.redvest.terminal.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.Pointer;
import org.redvest.profiles.Camera;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;
import org.redvest.terminal.qr.Blackbox;
import org.redvest.terminal.qr.QrScanner;
import org.redvest.testsupport.SharedData;

/**
 * QR decoding speed and reach, QrScanner beside plain ZXing, and capture memory over 10,000
 * frames. Run from the repository root:
 *
 * <pre>
 * ./mvnw -o -q -pl terminal exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.redvest.terminal.bench.QrBenchmark
 * </pre>
 */
public final class QrBenchmark {
  private static final int ROUNDS = 3;
  private static final int SOAK_FRAMES = 10_000;
  private static final Map<DecodeHintType, Object> PLAIN_HINTS = Map.of(
      DecodeHintType.TRY_HARDER, Boolean.TRUE,
      DecodeHintType.POSSIBLE_FORMATS, EnumSet.of(BarcodeFormat.QR_CODE));

  private QrBenchmark() {}

  public static void main(String[] args) throws IOException {
    // First, while the heap is still small, so that resident memory shows native memory.
    System.out.printf("## Capture: %,d frames of the 640x360 clip, looped, rotated 90 and mirrored%n", SOAK_FRAMES);
    soak();
    System.out.println();

    QrScanner scanner = new QrScanner();
    MultiFormatReader plain = new MultiFormatReader();
    plain.setHints(PLAIN_HINTS);

    System.out.println("## Blackbox photos, original size (179 images)");
    blackboxCounts(scanner, plain);

    Path tmp = Files.createTempDirectory("qr-bench");
    DemoScript script = DemoScript.defaultScript();
    DemoVideo.write(script, tmp.resolve(DemoVideo.VIDEO_FILE));
    List<Frame> demo = readAll(video(tmp.resolve(DemoVideo.VIDEO_FILE), 10, false));
    List<Frame> withCode = new ArrayList<>(padded(blackboxImages()));
    demo.stream().filter(f -> script.shownIn(f.index(), DemoVideo.FPS).isPresent()).forEach(withCode::add);
    List<Frame> withoutCode = new ArrayList<>();
    readAll(video(SharedData.testdata("faces/video/ageitgey-short_hamilton_clip.mp4"), 30, false))
        .stream().filter(f -> f.index() % 2 == 0).map(QrBenchmark::padTo640x480).forEach(withoutCode::add);
    demo.stream().filter(f -> script.shownIn(f.index(), DemoVideo.FPS).isEmpty() && f.index() % 4 == 0)
        .forEach(withoutCode::add);

    System.out.println();
    System.out.printf("## 640x480 frames, ms per frame (%d rounds after a warm-up)%n", ROUNDS);
    System.out.println("| frames | count | decoder | read | median ms | p95 ms |");
    System.out.println("|---|---:|---|---:|---:|---:|");
    timing("with a code", withCode, "QrScanner", scanner::decode);
    timing("with a code", withCode, "plain ZXing", f -> plainDecode(plain, luma(f)));
    timing("without a code", withoutCode, "QrScanner", scanner::decode);
    timing("without a code", withoutCode, "plain ZXing", f -> plainDecode(plain, luma(f)));
  }

  private static void blackboxCounts(QrScanner scanner, MultiFormatReader plain) throws IOException {
    System.out.println("| folder | images | plain ZXing | QrScanner | wrong (plain / QrScanner) |");
    System.out.println("|---|---:|---:|---:|---:|");
    int[] totals = new int[5];
    for (Blackbox.Folder folder : Blackbox.FOLDERS) {
      int[] row = new int[5];
      for (Blackbox.Case c : folder.cases()) {
        BufferedImage image = ImageIO.read(c.image().toFile());
        Optional<String> p = plainDecode(plain, new BufferedImageLuminanceSource(image));
        Optional<String> s = scanner.decode(image);
        row[0]++;
        row[1] += p.filter(c.expected()::equals).isPresent() ? 1 : 0;
        row[2] += s.filter(c.expected()::equals).isPresent() ? 1 : 0;
        row[3] += p.filter(t -> !t.equals(c.expected())).isPresent() ? 1 : 0;
        row[4] += s.filter(t -> !t.equals(c.expected())).isPresent() ? 1 : 0;
      }
      System.out.printf("| %s | %d | %d | %d | %d / %d |%n", folder.name(), row[0], row[1], row[2], row[3], row[4]);
      Arrays.setAll(totals, i -> totals[i] + row[i]);
    }
    System.out.printf("| total | %d | %d | %d | %d / %d |%n", totals[0], totals[1], totals[2], totals[3], totals[4]);
  }

  private static void timing(String set, List<Frame> frames, String decoder, Function<Frame, Optional<String>> decode) {
    frames.forEach(decode::apply);
    long[] nanos = new long[frames.size() * ROUNDS];
    int read = 0;
    int n = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (Frame frame : frames) {
        long start = System.nanoTime();
        boolean found = decode.apply(frame).isPresent();
        nanos[n++] = System.nanoTime() - start;
        read += round == 0 && found ? 1 : 0;
      }
    }
    Arrays.sort(nanos);
    System.out.printf("| %s | %d | %s | %d | %.1f | %.1f |%n", set, frames.size(), decoder, read,
        nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6);
  }

  private static void soak() {
    System.out.println("| frames | ms per frame | resident MB | Java heap committed MB | resident less heap MB |");
    System.out.println("|---:|---:|---:|---:|---:|");
    try (FrameSource source = FrameSource.open(
        new Camera(Camera.Source.VIDEO_FILE, SharedData.testdata("faces/video/ageitgey-short_hamilton_clip.mp4")
            .toString(), 640, 480, 30, 90, true, Camera.Clock.MEDIA, 60, true), Path.of("."))) {
      long start = System.nanoTime();
      for (int i = 1; i <= SOAK_FRAMES; i++) {
        source.next().orElseThrow();
        if (i == 1_000 || i % 2_500 == 0) {
          System.out.printf("| %,d | %.2f | %d | %d | %d |%n", i, (System.nanoTime() - start) / 1e6 / i,
              Pointer.physicalBytes() >> 20, Runtime.getRuntime().totalMemory() >> 20,
              (Pointer.physicalBytes() - Runtime.getRuntime().totalMemory()) >> 20);
        }
      }
    }
  }

  private static Optional<String> plainDecode(MultiFormatReader reader, LuminanceSource source) {
    try {
      return Optional.of(reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source))).getText());
    } catch (ReaderException e) {
      return Optional.empty();
    }
  }

  private static LuminanceSource luma(Frame f) {
    return new PlanarYUVLuminanceSource(f.gray(), f.width(), f.height(), 0, 0, f.width(), f.height(), false);
  }

  private static List<BufferedImage> blackboxImages() throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    for (Blackbox.Folder folder : Blackbox.FOLDERS) {
      for (Blackbox.Case c : folder.cases()) {
        images.add(ImageIO.read(c.image().toFile()));
      }
    }
    return images;
  }

  /** Each image scaled to fit 640x480 (up or down, aspect kept) on a gray canvas. */
  private static List<Frame> padded(List<BufferedImage> images) {
    List<Frame> frames = new ArrayList<>();
    for (BufferedImage image : images) {
      double scale = Math.min(640.0 / image.getWidth(), 480.0 / image.getHeight());
      int w = (int) Math.round(image.getWidth() * scale);
      int h = (int) Math.round(image.getHeight() * scale);
      frames.add(frame(g -> g.drawImage(image, (640 - w) / 2, (480 - h) / 2, w, h, null), frames.size()));
    }
    return frames;
  }

  private static Frame padTo640x480(Frame f) {
    BufferedImage image = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
    System.arraycopy(f.bgr(), 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, f.bgr().length);
    return frame(g -> g.drawImage(image, 0, (480 - f.height()) / 2, null), f.index());
  }

  private static Frame frame(java.util.function.Consumer<Graphics2D> painter, long index) {
    BufferedImage bgr = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = bgr.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, 640, 480);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    painter.accept(g);
    g.dispose();
    BufferedImage gray = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D gg = gray.createGraphics();
    gg.drawImage(bgr, 0, 0, null);
    gg.dispose();
    return new Frame(640, 480, ((DataBufferByte) gray.getRaster().getDataBuffer()).getData(),
        ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData(), 0, index);
  }

  private static FrameSource video(Path file, double fps, boolean loop) {
    return FrameSource.open(new Camera(Camera.Source.VIDEO_FILE, file.toString(), 640, 480, fps, 0, false,
        Camera.Clock.MEDIA, 60, loop), Path.of("."));
  }

  private static List<Frame> readAll(FrameSource source) {
    List<Frame> frames = new ArrayList<>();
    try (source) {
      for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }
}
