package org.redvest.terminal.face;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A face template: the recogniser's output scaled to unit length, so that the cosine similarity
 * of two templates is their dot product. Made only by {@link #of}, which normalises.
 */
public final class Embedding {
  private final float[] values;

  private Embedding(float[] values) {
    this.values = values;
  }

  /** Normalises {@code raw} (copied) to unit length; a zero vector is refused. */
  public static Embedding of(float[] raw) {
    double sum = 0;
    for (float v : raw) {
      sum += (double) v * v;
    }
    if (!(sum > 0) || Double.isInfinite(sum)) {
      throw new IllegalArgumentException("embedding: must be a finite non-zero vector");
    }
    float norm = (float) Math.sqrt(sum);
    float[] unit = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      unit[i] = raw[i] / norm;
    }
    return new Embedding(unit);
  }

  public int size() {
    return values.length;
  }

  /** Cosine similarity, -1 to 1. */
  public double similarity(Embedding other) {
    if (other.values.length != values.length) {
      throw new IllegalArgumentException("embeddings of different models: " + values.length + " vs " + other.values.length);
    }
    return dot(values, 0, other.values);
  }

  /** Dot product of {@code probe} with the {@code probe.length} values of {@code rows} at {@code offset}. */
  static float dot(float[] rows, int offset, float[] probe) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int n = probe.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += rows[offset + i] * probe[i];
      s1 += rows[offset + i + 1] * probe[i + 1];
      s2 += rows[offset + i + 2] * probe[i + 2];
      s3 += rows[offset + i + 3] * probe[i + 3];
    }
    for (; i < n; i++) {
      s0 += rows[offset + i] * probe[i];
    }
    return s0 + s1 + s2 + s3;
  }

  /** A copy of the unit vector. */
  public float[] values() {
    return values.clone();
  }

  float[] shared() {
    return values;
  }

  /** Little-endian float32 bytes, the form the template vault encrypts. */
  public byte[] toBytes() {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  public static Embedding fromBytes(byte[] bytes) {
    if (bytes.length == 0 || bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("embedding bytes: must be a non-empty multiple of 4, was " + bytes.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.length / Float.BYTES];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getFloat();
    }
    return of(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e && Arrays.equals(values, e.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Embedding[" + values.length + "]";
  }
}
