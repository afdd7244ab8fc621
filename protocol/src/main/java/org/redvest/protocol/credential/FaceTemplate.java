package org.redvest.protocol.credential;

import java.util.Arrays;

/**
 * A face template quantised to fit in a signed credential (docs/credentials.md, "QR + face 1:1"):
 * each value of the recogniser's unit embedding divided by the template's largest magnitude (its
 * own scale) and rounded to a signed 8-bit (−127…127) or 4-bit (−7…7) integer. The scale is not
 * stored: templates are compared by cosine similarity, which a common factor does not change.
 *
 * <p>Encoded as {@code u8 bits (8 or 4) | values}, 4-bit values two per byte, high nibble first,
 * in two's complement.
 */
public final class FaceTemplate {
  public static final int MAX_DIMENSIONS = 1024;

  private final int bits;
  private final byte[] packed;

  private FaceTemplate(int bits, byte[] packed) {
    this.bits = bits;
    this.packed = packed;
  }

  /** Quantises {@code values} (any scale) to {@code bits} per value; 8 or 4. */
  public static FaceTemplate quantise(float[] values, int bits) {
    checkBits(bits);
    if (values.length < 1 || values.length > MAX_DIMENSIONS || (bits == 4 && values.length % 2 != 0)) {
      throw new IllegalArgumentException("faceTemplate: 1-" + MAX_DIMENSIONS
          + " values (an even number at 4 bits), was " + values.length);
    }
    double maxAbs = 0;
    for (float v : values) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) {
      throw new IllegalArgumentException("faceTemplate: must be a finite non-zero vector");
    }
    int levels = levels(bits);
    int[] q = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      q[i] = (int) Math.max(-levels, Math.min(levels, Math.round(values[i] / maxAbs * levels)));
    }
    return new FaceTemplate(bits, pack(q, bits));
  }

  /** Reads the encoded form; {@link IllegalArgumentException} naming the problem. */
  public static FaceTemplate parse(byte[] encoded) {
    if (encoded.length < 2) {
      throw new IllegalArgumentException("faceTemplate: too short (" + encoded.length + " bytes)");
    }
    int bits = encoded[0] & 0xff;
    checkBits(bits);
    byte[] packed = Arrays.copyOfRange(encoded, 1, encoded.length);
    if (packed.length * (8 / bits) > MAX_DIMENSIONS) {
      throw new IllegalArgumentException("faceTemplate: more than " + MAX_DIMENSIONS + " values");
    }
    FaceTemplate template = new FaceTemplate(bits, packed);
    for (int v : template.integers()) {
      if (v < -levels(bits)) {
        throw new IllegalArgumentException("faceTemplate: value " + v + " out of range at " + bits + " bits");
      }
    }
    return template;
  }

  public int bits() {
    return bits;
  }

  public int dimensions() {
    return packed.length * (8 / bits);
  }

  /** The encoded form: bits, then the packed values. */
  public byte[] encoded() {
    byte[] out = new byte[packed.length + 1];
    out[0] = (byte) bits;
    System.arraycopy(packed, 0, out, 1, packed.length);
    return out;
  }

  /** The quantised values as floats (at the template's own scale; normalise before comparing). */
  public float[] values() {
    int[] q = integers();
    float[] values = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      values[i] = q[i];
    }
    return values;
  }

  private int[] integers() {
    int[] q = new int[dimensions()];
    if (bits == 8) {
      for (int i = 0; i < packed.length; i++) {
        q[i] = packed[i];
      }
    } else {
      for (int i = 0; i < packed.length; i++) {
        q[2 * i] = packed[i] >> 4;
        q[2 * i + 1] = (byte) (packed[i] << 4) >> 4;
      }
    }
    return q;
  }

  private static byte[] pack(int[] q, int bits) {
    if (bits == 8) {
      byte[] out = new byte[q.length];
      for (int i = 0; i < q.length; i++) {
        out[i] = (byte) q[i];
      }
      return out;
    }
    byte[] out = new byte[q.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((q[2 * i] << 4) | (q[2 * i + 1] & 0x0f));
    }
    return out;
  }

  private static int levels(int bits) {
    return (1 << (bits - 1)) - 1;
  }

  private static void checkBits(int bits) {
    if (bits != 8 && bits != 4) {
      throw new IllegalArgumentException("faceTemplate: bits must be 8 or 4, was " + bits);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaceTemplate t && t.bits == bits && Arrays.equals(t.packed, packed);
  }

  @Override
  public int hashCode() {
    return 31 * bits + Arrays.hashCode(packed);
  }

  @Override
  public String toString() {
    return "FaceTemplate[" + dimensions() + " x " + bits + " bits]";
  }
}
