package org.redvest.hub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.redvest.hub.web.map.BaseMap;
import org.redvest.hub.web.map.Boundaries;

/**
 * How long the hub takes at start to read and draw a county-level boundary file ({@code --map}),
 * and how much SVG the stations page then carries: writes a synthetic GeoJSON of a grid of
 * made-up counties (roughly Jiangxi's extent), then reads it (Jackson) and draws it (projection,
 * Douglas–Peucker at half a pixel, path data) once to warm up and three times measured, printing
 * a Markdown row per run. Arguments: counties, points per outline, and {@code smooth} (outlines
 * wiggling in a few broad waves) or {@code jagged} (a random walk: detail at every scale, the
 * worst case for simplification).
 *
 * <p>From the repository root, with the classpath of docs/benchmarks.md ("Hours overview"):
 *
 * <pre>
 * java -Xmx512m -cp hub/target/test-classes:hub/target/classes:$(cat cp.txt) \
 *     org.redvest.hub.bench.MapBenchmark 100 5000 jagged
 * </pre>
 */
public final class MapBenchmark {
  private static final double WEST = 113.5;
  private static final double SOUTH = 24.5;
  private static final double WIDTH_DEG = 5.0;
  private static final double HEIGHT_DEG = 5.5;

  private MapBenchmark() {}

  public static void main(String[] args) throws Exception {
    int counties = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int points = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    boolean jagged = args.length > 2 && args[2].equals("jagged");
    Path file = Files.createTempFile("redvest-map-bench", ".geojson");
    try {
      write(file, counties, points, jagged);
      System.out.printf(Locale.ROOT, "%n| run | counties × points, outlines | file | read (Jackson) | draw (project, simplify, paths) |"
          + " points drawn | SVG paths | gzipped |%n|---|---|---|---|---|---|---|---|%n");
      for (int run = 0; run <= 3; run++) {
        long t0 = System.nanoTime();
        Boundaries boundaries = Boundaries.read(file);
        long t1 = System.nanoTime();
        BaseMap map = BaseMap.of(boundaries, null);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "| %s | %d × %d, %s | %.1f MB | %d ms | %d ms | %d (%.1f%%) | %d KB | %d KB |%n",
            run == 0 ? "warm-up" : String.valueOf(run), counties, points,
            jagged ? "jagged" : "smooth", Files.size(file) / 1e6,
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, map.pointsDrawn(),
            100.0 * map.pointsDrawn() / map.pointsRead(), map.pathChars() / 1024, gzipped(map) / 1024);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A grid of counties, each outline {@code points} positions long. */
  private static void write(Path file, int counties, int points, boolean jagged)
      throws IOException {
    int columns = (int) Math.ceil(Math.sqrt(counties));
    int rows = (int) Math.ceil((double) counties / columns);
    double w = WIDTH_DEG / columns;
    double h = HEIGHT_DEG / rows;
    Random random = new Random(42);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
      for (int c = 0; c < counties; c++) {
        double west = WEST + (c % columns) * w;
        double south = SOUTH + (c / columns) * h;
        out.write(c == 0 ? "" : ",\n");
        out.write("{\"type\":\"Feature\",\"properties\":{\"name\":\"示例" + (c + 1) + "县\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        double[] wiggle = jagged ? randomWalk(random, points) : waves(random, points);
        for (int i = 0; i <= points; i++) {
          double t = (double) (i % points) / points;
          double[] p = onRectangle(t, west, south, w, h, Math.min(w, h) * 0.08 * wiggle[i % points]);
          out.write(String.format(Locale.ROOT, "%s[%.6f,%.6f]", i == 0 ? "" : ",", p[0], p[1]));
        }
        out.write("]]}}");
      }
      out.write("\n]}\n");
    }
  }

  /** Five broad waves round the outline, from -1 to 1. */
  private static double[] waves(Random random, int points) {
    double[] phase = new double[5];
    for (int k = 0; k < phase.length; k++) {
      phase[k] = random.nextDouble() * 2 * Math.PI;
    }
    double[] wiggle = new double[points];
    for (int i = 0; i < points; i++) {
      for (int k = 0; k < phase.length; k++) {
        wiggle[i] += Math.sin(2 * Math.PI * (k + 3) * i / points + phase[k]) / phase.length;
      }
    }
    return wiggle;
  }

  /** A random walk that ends where it began (a Brownian bridge), scaled to -1…1. */
  private static double[] randomWalk(Random random, int points) {
    double[] walk = new double[points];
    for (int i = 1; i < points; i++) {
      walk[i] = walk[i - 1] + random.nextGaussian();
    }
    double end = walk[points - 1] + random.nextGaussian();
    double max = 1e-9;
    for (int i = 0; i < points; i++) {
      walk[i] -= end * i / points;
      max = Math.max(max, Math.abs(walk[i]));
    }
    for (int i = 0; i < points; i++) {
      walk[i] /= max;
    }
    return walk;
  }

  /** The point at {@code t} (0–1) round the cell's inset rectangle, pushed out by {@code by}. */
  private static double[] onRectangle(double t, double west, double south, double w, double h,
      double by) {
    double inset = Math.min(w, h) * 0.1;
    double x0 = west + inset;
    double y0 = south + inset;
    double iw = w - 2 * inset;
    double ih = h - 2 * inset;
    double d = t * 2 * (iw + ih);
    if (d < iw) {
      return new double[] {x0 + d, y0 - by};
    }
    if (d < iw + ih) {
      return new double[] {x0 + iw + by, y0 + d - iw};
    }
    if (d < 2 * iw + ih) {
      return new double[] {x0 + iw - (d - iw - ih), y0 + ih + by};
    }
    return new double[] {x0 - by, y0 + ih - (d - 2 * iw - ih)};
  }

  private static long gzipped(BaseMap map) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (BaseMap.Area a : map.areas()) {
        gzip.write(a.path().getBytes(StandardCharsets.US_ASCII));
      }
    }
    return bytes.size();
  }
}
