package org.redvest.hub.domain.credentials;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A credential's QR code: error correction M (15 % damage, the usual badge choice), a 4-module
 * quiet zone, {@code modulePx} pixels per module. An {@code RVC1:} code is all Base45, so ZXing
 * encodes it in alphanumeric mode.
 */
public record QrImage(int version, int modules, String errorCorrection, byte[] png) {
  public static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
  private static final int QUIET_ZONE = 4;

  public static QrImage of(String text, int modulePx) {
    try {
      QRCode code = Encoder.encode(text, LEVEL);
      int modules = code.getVersion().getDimensionForVersion();
      int side = (modules + 2 * QUIET_ZONE) * modulePx;
      BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side,
          Map.of(EncodeHintType.ERROR_CORRECTION, LEVEL, EncodeHintType.MARGIN, QUIET_ZONE));
      return new QrImage(code.getVersion().getVersionNumber(), modules, LEVEL.name(), png(matrix));
    } catch (WriterException e) {
      throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
    }
  }

  private static byte[] png(BitMatrix matrix) {
    BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xffffff);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG in memory", e);
    }
    return out.toByteArray();
  }
}
