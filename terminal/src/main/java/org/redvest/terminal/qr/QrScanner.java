package org.redvest.terminal.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.redvest.terminal.capture.Frame;

/**
 * Finds the text of a QR code in a frame or an image.
 *
 * <p>Plain ZXing first (hybrid binarizer, try harder), then a global-histogram binarizer, which
 * reads codes in flat lighting that the hybrid one breaks up. Only when ZXing saw a code it could
 * not read (a checksum or format error), or the picture is small, both are tried again on the
 * picture scaled up twice: resampling moves module edges off the pixel grid that defeated the
 * first try. A frame without any code therefore costs two passes, never more. On ZXing's own
 * blackbox photos this reads 168 of 179 codes where plain ZXing reads 157, with no wrong text
 * (see docs/benchmarks.md).
 *
 * <p>No character set is forced: without an ECI segment ZXing guesses between ISO-8859-1,
 * Shift_JIS and UTF-8, and forcing UTF-8 garbles 11 of the Shift_JIS blackbox codes. Badges made
 * with {@code QRCodeWriter} and the {@code CHARACTER_SET} hint carry a UTF-8 ECI, so Chinese
 * names read correctly either way.
 *
 * <p>Not thread-safe: give each frame loop its own scanner.
 */
public final class QrScanner {
  /** Pictures whose shorter side is below this are also tried scaled up. */
  static final int SMALL_SIDE_PX = 400;

  private static final Map<DecodeHintType, Object> HINTS = hints();

  private final QRCodeReader reader = new QRCodeReader();
  private volatile float[] lastLocation;
  private float scale = 1;

  /** The text of the QR code in the frame's luma, read in place. */
  public Optional<String> decode(Frame frame) {
    return decode(new PlanarYUVLuminanceSource(
        frame.gray(), frame.width(), frame.height(), 0, 0, frame.width(), frame.height(), false));
  }

  /** The text of the QR code in an image, e.g. a photo of a badge. */
  public Optional<String> decode(BufferedImage image) {
    return decode(new BufferedImageLuminanceSource(image));
  }

  /**
   * Where the last decoded code was: ZXing's result points (finder patterns, sometimes an
   * alignment pattern) as x0, y0, x1, y1, ... in the picture's pixels; empty when the last call
   * found no code. Safe to read from another thread (the kiosk screen outlines the code).
   */
  public Optional<float[]> lastLocation() {
    return Optional.ofNullable(lastLocation);
  }

  private Optional<String> decode(LuminanceSource source) {
    lastLocation = null;
    scale = 1;
    Attempt hybrid = attempt(new BinaryBitmap(new HybridBinarizer(source)));
    if (hybrid.text().isPresent()) {
      return hybrid.text();
    }
    Attempt global = attempt(new BinaryBitmap(new GlobalHistogramBinarizer(source)));
    if (global.text().isPresent() || !(hybrid.sawCode() || global.sawCode() || isSmall(source))) {
      return global.text();
    }
    LuminanceSource larger = Luma.scaledTwice(source);
    scale = 0.5f;
    Attempt hybridLarger = attempt(new BinaryBitmap(new HybridBinarizer(larger)));
    if (hybridLarger.text().isPresent()) {
      return hybridLarger.text();
    }
    return attempt(new BinaryBitmap(new GlobalHistogramBinarizer(larger))).text();
  }

  /** The one place ZXing's "not found", "bad checksum" and "bad format" become values. */
  private Attempt attempt(BinaryBitmap bitmap) {
    try {
      Result result = reader.decode(bitmap, HINTS);
      lastLocation = locationOf(result);
      return new Attempt(Optional.of(result.getText()), true);
    } catch (ChecksumException | FormatException e) {
      return new Attempt(Optional.empty(), true);
    } catch (ReaderException e) {
      return new Attempt(Optional.empty(), false);
    } finally {
      reader.reset();
    }
  }

  private float[] locationOf(Result result) {
    ResultPoint[] points = result.getResultPoints();
    if (points == null || points.length == 0) {
      return null;
    }
    float[] xy = new float[points.length * 2];
    for (int i = 0; i < points.length; i++) {
      xy[2 * i] = points[i].getX() * scale;
      xy[2 * i + 1] = points[i].getY() * scale;
    }
    return xy;
  }

  private static boolean isSmall(LuminanceSource source) {
    return Math.min(source.getWidth(), source.getHeight()) < SMALL_SIDE_PX;
  }

  private static Map<DecodeHintType, Object> hints() {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, EnumSet.of(BarcodeFormat.QR_CODE));
    return Map.copyOf(hints);
  }

  /** What one decoding pass gave: the text, and whether a code was there at all. */
  private record Attempt(Optional<String> text, boolean sawCode) {}
}
