package org.redvest.terminal.qr;

import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;

/** Luma resampling for the scanner's second look at a picture. */
final class Luma {
  private Luma() {}

  /** The picture at twice its width and height, bilinear, sampled at pixel centres. */
  static LuminanceSource scaledTwice(LuminanceSource source) {
    int width = source.getWidth();
    int height = source.getHeight();
    byte[] in = source.getMatrix();
    int outWidth = width * 2;
    int outHeight = height * 2;
    byte[] out = new byte[outWidth * outHeight];
    for (int y = 0; y < outHeight; y++) {
      float sy = Math.max(0, (y + 0.5f) / 2 - 0.5f);
      int y0 = Math.min((int) sy, height - 1);
      int y1 = Math.min(y0 + 1, height - 1);
      float fy = sy - y0;
      for (int x = 0; x < outWidth; x++) {
        float sx = Math.max(0, (x + 0.5f) / 2 - 0.5f);
        int x0 = Math.min((int) sx, width - 1);
        int x1 = Math.min(x0 + 1, width - 1);
        float fx = sx - x0;
        float top = (in[y0 * width + x0] & 0xff) * (1 - fx) + (in[y0 * width + x1] & 0xff) * fx;
        float bottom = (in[y1 * width + x0] & 0xff) * (1 - fx) + (in[y1 * width + x1] & 0xff) * fx;
        out[y * outWidth + x] = (byte) Math.round(top * (1 - fy) + bottom * fy);
      }
    }
    return new PlanarYUVLuminanceSource(out, outWidth, outHeight, 0, 0, outWidth, outHeight, false);
  }
}
