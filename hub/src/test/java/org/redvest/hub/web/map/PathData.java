package org.redvest.hub.web.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back the path data {@link BaseMap} writes ({@code M x y l dx dy … z}, repeated). */
public final class PathData {
  private static final Pattern TOKEN = Pattern.compile("[Mlz]|-?\\d+(\\.\\d+)?");

  private PathData() {}

  /** Each subpath's points, absolute: {@code x0, y0, x1, y1, …}. */
  public static List<double[]> rings(String d) {
    List<double[]> rings = new ArrayList<>();
    Matcher m = TOKEN.matcher(d);
    double[] ring = null;
    int n = 0;
    char command = ' ';
    List<Double> numbers = new ArrayList<>();
    while (m.find()) {
      String t = m.group();
      if (t.equals("M") || t.equals("l") || t.equals("z")) {
        command = t.charAt(0);
        if (command == 'z') {
          rings.add(Arrays.copyOf(ring, n));
        } else if (command == 'M') {
          ring = new double[16];
          n = 0;
        }
        continue;
      }
      numbers.add(Double.parseDouble(t));
      if (numbers.size() == 2) {
        double x = numbers.get(0);
        double y = numbers.get(1);
        numbers.clear();
        if (command == 'l') {
          x += ring[n - 2];
          y += ring[n - 1];
        }
        if (n + 2 > ring.length) {
          ring = Arrays.copyOf(ring, ring.length * 2);
        }
        ring[n++] = x;
        ring[n++] = y;
      }
    }
    return rings;
  }

  /** {@code minX, minY, maxX, maxY} of every ring of {@code d}. */
  public static double[] bounds(String d) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (double[] ring : rings(d)) {
      for (int i = 0; i < ring.length; i += 2) {
        b[0] = Math.min(b[0], ring[i]);
        b[1] = Math.min(b[1], ring[i + 1]);
        b[2] = Math.max(b[2], ring[i]);
        b[3] = Math.max(b[3], ring[i + 1]);
      }
    }
    return b;
  }

  /** Whether the point is inside {@code d} with the even-odd rule, holes left out. */
  public static boolean inside(String d, double x, double y) {
    boolean in = false;
    for (double[] ring : rings(d)) {
      if (BaseMap.inside(ring, x, y)) {
        in = !in;
      }
    }
    return in;
  }
}
