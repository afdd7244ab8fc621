package org.redvest.terminal.screen;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.face.FaceBox;

/**
 * The camera preview: the capture thread only swaps in a reference to the latest frame
 * ({@link #offer}); JPEG encoding, scaling and drawing the outline happen on the HTTP thread that
 * asks ({@link #jpeg}), at most once per frame however many viewers there are.
 *
 * <p>The outline is the QR code's ZXing result points (a polygon through the finder patterns)
 * and the face box of the face path, each from the last frame that was read.
 */
final class Preview {
  static final int MAX_WIDTH = 640;

  private final AtomicReference<Frame> latest = new AtomicReference<>();
  private final Supplier<Optional<float[]>> qr;
  private final Supplier<Optional<FaceBox>> face;
  private Frame encodedFrame;
  private byte[] encoded;

  Preview(Supplier<Optional<float[]>> qr, Supplier<Optional<FaceBox>> face) {
    this.qr = qr;
    this.face = face;
  }

  void offer(Frame frame) {
    latest.set(frame);
  }

  /** The latest frame, for enrolment captures; empty before the first. */
  Optional<Frame> latestFrame() {
    return Optional.ofNullable(latest.get());
  }

  /** Index of the latest frame, -1 before the first. */
  long latestIndex() {
    Frame f = latest.get();
    return f == null ? -1 : f.index();
  }

  /** The latest frame as a JPEG with its outline, or empty before the first frame. */
  synchronized Optional<byte[]> jpeg() {
    Frame frame = latest.get();
    if (frame == null) {
      return Optional.empty();
    }
    if (frame != encodedFrame) {
      encoded = encode(frame);
      encodedFrame = frame;
    }
    return Optional.of(encoded);
  }

  private byte[] encode(Frame frame) {
    BufferedImage full = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] pixels = ((DataBufferByte) full.getRaster().getDataBuffer()).getData();
    System.arraycopy(frame.bgr(), 0, pixels, 0, pixels.length);
    double scale = Math.min(1.0, (double) MAX_WIDTH / frame.width());
    int w = (int) Math.round(frame.width() * scale);
    int h = (int) Math.round(frame.height() * scale);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.drawImage(full, 0, 0, w, h, null);
      g.setStroke(new BasicStroke(4f));
      qr.get().ifPresent(points -> outlineCode(g, points, scale));
      face.get().ifPresent(box -> outlineFace(g, box, scale));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try {
      ImageIO.write(out, "jpg", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the preview", e);
    }
    return bytes.toByteArray();
  }

  /** ZXing's points are finder-pattern centres: pad the polygon out so it frames the code. */
  private static void outlineCode(Graphics2D g, float[] xy, double scale) {
    int n = xy.length / 2;
    if (n < 3) {
      return;
    }
    // Points 0 and 2 are opposite finder patterns: their midpoint is the code's centre.
    double cx = (xy[0] + xy[4]) / 2;
    double cy = (xy[1] + xy[5]) / 2;
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < Math.min(n, 3); i++) {
      double x = (cx + (xy[2 * i] - cx) * 1.35) * scale;
      double y = (cy + (xy[2 * i + 1] - cy) * 1.35) * scale;
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
    // The fourth corner completes the parallelogram of the three finder patterns.
    path.lineTo((cx + (xy[0] + xy[4] - xy[2] - cx) * 1.35) * scale, (cy + (xy[1] + xy[5] - xy[3] - cy) * 1.35) * scale);
    path.closePath();
    g.setColor(new Color(0x22, 0xc5, 0x5e));
    g.draw(path);
  }

  private static void outlineFace(Graphics2D g, FaceBox box, double scale) {
    g.setColor(new Color(0x38, 0xbd, 0xf8));
    g.drawRect((int) Math.round(box.x() * scale), (int) Math.round(box.y() * scale),
        (int) Math.round(box.width() * scale), (int) Math.round(box.height() * scale));
  }
}
