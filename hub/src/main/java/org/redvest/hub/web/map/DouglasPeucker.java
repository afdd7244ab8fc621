package org.redvest.hub.web.map;

import java.util.Arrays;

/**
 * Douglas–Peucker simplification of a closed ring of screen points: keeps the fewest points such
 * that no point left out lies further than the tolerance from the outline kept, so below a pixel
 * the drawing looks the same with a fraction of the points. Iterative, so a ring of a hundred
 * thousand points needs no deep stack.
 */
final class DouglasPeucker {
  private DouglasPeucker() {}

  /**
   * The points of {@code xy} ({@code x0, y0, x1, y1, …}; the closing repeat of the first point is
   * optional and not returned) worth drawing at {@code tolerance} pixels, or an empty array when
   * the whole ring is thinner than that.
   */
  static double[] ring(double[] xy, double tolerance) {
    int n = xy.length / 2;
    if (n > 1 && xy[0] == xy[2 * n - 2] && xy[1] == xy[2 * n - 1]) {
      n--;
    }
    if (n < 3) {
      return new double[0];
    }
    // Split the ring at the point farthest from the first: two chains with distinct ends.
    int far = 0;
    double farthest = -1;
    for (int i = 1; i < n; i++) {
      double d = square(xy[2 * i] - xy[0]) + square(xy[2 * i + 1] - xy[1]);
      if (d > farthest) {
        farthest = d;
        far = i;
      }
    }
    boolean[] keep = new boolean[n + 1];
    keep[0] = true;
    keep[far] = true;
    double tolerance2 = tolerance * tolerance;
    chain(xy, n, 0, far, tolerance2, keep);
    chain(xy, n, far, n, tolerance2, keep);
    double[] kept = new double[2 * n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        kept[k++] = xy[2 * i];
        kept[k++] = xy[2 * i + 1];
      }
    }
    return k < 6 ? new double[0] : Arrays.copyOf(kept, k);
  }

  /** Marks the points of {@code from..to} to keep; index {@code n} is the first point again. */
  private static void chain(double[] xy, int n, int from, int to, double tolerance2,
      boolean[] keep) {
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = from;
    stack[top++] = to;
    while (top > 0) {
      int b = stack[--top];
      int a = stack[--top];
      int worst = -1;
      double worstDistance = tolerance2;
      for (int i = a + 1; i < b; i++) {
        double d = segmentDistance2(xy, i, a, b % n);
        if (d > worstDistance) {
          worstDistance = d;
          worst = i;
        }
      }
      if (worst >= 0) {
        keep[worst] = true;
        if (top + 4 > stack.length) {
          stack = Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top++] = a;
        stack[top++] = worst;
        stack[top++] = worst;
        stack[top++] = b;
      }
    }
  }

  /** The squared distance from point {@code p} to the segment from point {@code a} to {@code b}. */
  private static double segmentDistance2(double[] xy, int p, int a, int b) {
    double ax = xy[2 * a];
    double ay = xy[2 * a + 1];
    double dx = xy[2 * b] - ax;
    double dy = xy[2 * b + 1] - ay;
    double px = xy[2 * p] - ax;
    double py = xy[2 * p + 1] - ay;
    double length2 = dx * dx + dy * dy;
    double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / length2));
    return square(px - t * dx) + square(py - t * dy);
  }

  private static double square(double v) {
    return v * v;
  }
}
