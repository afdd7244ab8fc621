package org.redvest.hub.web.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operator's boundary file drawn as SVG path data, once at start (the file does not change
 * while the hub runs): the regions fitted into a box of at most {@value #MAX_WIDTH} × {@value
 * #MAX_HEIGHT} px, shaped like them, by a {@link Projection} the stations' dots then share, each ring simplified
 * to {@value #TOLERANCE_PX} px ({@link DouglasPeucker}), so a county-level file of several
 * megabytes becomes a page of tens of kilobytes. A region's name is drawn where it fits inside it.
 */
public final class BaseMap {
  public static final int MAX_WIDTH = 800;
  /** Leaves room above and below the map for the page's header and the caption in one screen. */
  public static final int MAX_HEIGHT = 560;
  /** Room round the regions for the dots and their labels. */
  static final double PAD_PX = 24;
  /** Half a pixel: a point left out is never further than that from the outline drawn. */
  static final double TOLERANCE_PX = 0.5;
  /** The font size of region names. */
  public static final int LABEL_PX = 11;

  /**
   * A region as drawn.
   *
   * @param path SVG path data in the map's pixels, one closed subpath per ring (holes included,
   *     drawn with {@code fill-rule="evenodd"})
   * @param labelX where the region's name is centred, or null when it does not fit inside
   */
  public record Area(String name, String path, String labelX, String labelY) {}

  private final List<Area> areas;
  private final Projection projection;
  private final int width;
  private final int height;
  private final String approval;
  private final long pointsRead;
  private final long pointsDrawn;

  private BaseMap(List<Area> areas, Projection projection, int width, int height, String approval,
      long pointsRead, long pointsDrawn) {
    this.areas = List.copyOf(areas);
    this.projection = projection;
    this.width = width;
    this.height = height;
    this.approval = approval;
    this.pointsRead = pointsRead;
    this.pointsDrawn = pointsDrawn;
  }

  /**
   * The map of {@code file} ({@link Boundaries#read}), captioned {@code approval}, or, when that is
   * null, with the file's own {@code "approval"} member.
   *
   * @throws IllegalArgumentException naming the file and the place in it that cannot be drawn
   */
  public static BaseMap read(Path file, String approval) {
    return of(Boundaries.read(file), approval);
  }

  /** The map of {@code boundaries}; {@code approval} as in {@link #read}. */
  public static BaseMap of(Boundaries boundaries, String approval) {
    double minLon = Double.MAX_VALUE;
    double maxLon = -Double.MAX_VALUE;
    double minLat = Double.MAX_VALUE;
    double maxLat = -Double.MAX_VALUE;
    long read = 0;
    for (Boundaries.Region region : boundaries.regions()) {
      for (double[] ring : region.rings()) {
        read += ring.length / 2;
        for (int i = 0; i < ring.length; i += 2) {
          minLon = Math.min(minLon, ring[i]);
          maxLon = Math.max(maxLon, ring[i]);
          minLat = Math.min(minLat, ring[i + 1]);
          maxLat = Math.max(maxLat, ring[i + 1]);
        }
      }
    }
    double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
    double dx = Math.max((maxLon - minLon) * cos, 1e-9);
    double dy = Math.max(maxLat - minLat, 1e-9);
    double scale = Math.min((MAX_WIDTH - 2 * PAD_PX) / dx, (MAX_HEIGHT - 2 * PAD_PX) / dy);
    int width = (int) Math.ceil(dx * scale + 2 * PAD_PX);
    int height = (int) Math.ceil(dy * scale + 2 * PAD_PX);
    Projection projection = Projection.centred(cos, minLon * cos, minLon * cos + dx, minLat,
        minLat + dy, scale, width, height);
    List<Area> areas = new ArrayList<>();
    long drawn = 0;
    for (Boundaries.Region region : boundaries.regions()) {
      StringBuilder path = new StringBuilder();
      double[] largest = null;
      double largestArea = 0;
      for (double[] ring : region.rings()) {
        double[] kept = DouglasPeucker.ring(project(projection, ring), TOLERANCE_PX);
        drawn += append(path, kept);
        double area = Math.abs(area(kept));
        if (area > largestArea) {
          largestArea = area;
          largest = kept;
        }
      }
      if (path.length() > 0) {
        areas.add(labelled(region.name(), path.toString(), largest));
      }
    }
    return new BaseMap(areas, projection, width, height, approval != null ? approval
        : boundaries.approval(), read, drawn);
  }

  /** The regions, in the file's order (a region thinner than a pixel is left out). */
  public List<Area> areas() {
    return areas;
  }

  /** How degrees become this map's pixels: the stations' dots use it too. */
  public Projection projection() {
    return projection;
  }

  /** The box's width in pixels. */
  public int width() {
    return width;
  }

  /** The box's height in pixels. */
  public int height() {
    return height;
  }

  /** The base map's approval number (审图号) to print under it, or null when none was given. */
  public String approval() {
    return approval;
  }

  /** Positions in the file. */
  public long pointsRead() {
    return pointsRead;
  }

  /** Points left after simplification, in every path. */
  public long pointsDrawn() {
    return pointsDrawn;
  }

  /** Characters of path data in all areas. */
  public long pathChars() {
    return areas.stream().mapToLong(a -> a.path().length()).sum();
  }

  private static double[] project(Projection projection, double[] lonLat) {
    double[] xy = new double[lonLat.length];
    for (int i = 0; i < lonLat.length; i += 2) {
      xy[i] = projection.x(lonLat[i]);
      xy[i + 1] = projection.y(lonLat[i + 1]);
    }
    return xy;
  }

  /**
   * Appends {@code xy} as a closed subpath to {@code path}, in tenths of a pixel, the first point
   * absolute ({@code M}) and the others relative ({@code l}), whose small numbers are short;
   * returns the points written (none for a ring that rounds to less than a triangle).
   */
  static int append(StringBuilder path, double[] xy) {
    int n = xy.length / 2;
    long[] tenths = new long[2 * n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      long x = Math.round(xy[2 * i] * 10);
      long y = Math.round(xy[2 * i + 1] * 10);
      if (k == 0 || x != tenths[k - 2] || y != tenths[k - 1]) {
        tenths[k++] = x;
        tenths[k++] = y;
      }
    }
    if (k >= 4 && tenths[0] == tenths[k - 2] && tenths[1] == tenths[k - 1]) {
      k -= 2;
    }
    if (k < 6) {
      return 0;
    }
    path.append('M');
    number(path, tenths[0], false);
    number(path, tenths[1], true);
    path.append('l');
    for (int i = 2; i < k; i += 2) {
      number(path, tenths[i] - tenths[i - 2], i > 2);
      number(path, tenths[i + 1] - tenths[i - 1], true);
    }
    path.append('z');
    return k / 2;
  }

  /** A number of tenths, after a space unless its minus sign separates it. */
  private static void number(StringBuilder out, long tenths, boolean separated) {
    if (separated && tenths >= 0) {
      out.append(' ');
    }
    long abs = Math.abs(tenths);
    if (tenths < 0) {
      out.append('-');
    }
    out.append(abs / 10);
    if (abs % 10 != 0) {
      out.append('.').append(abs % 10);
    }
  }

  /** The region's area, its name at the centroid of its largest ring when the name fits inside. */
  private static Area labelled(String name, String path, double[] ring) {
    double[] centre = ring == null ? null : centroid(ring);
    double half = textWidth(name) / 2 + 2;
    if (centre == null || !inside(ring, centre[0], centre[1] - LABEL_PX / 2.0 - 1)
        || !inside(ring, centre[0], centre[1] + LABEL_PX / 2.0 + 1)
        || !inside(ring, centre[0] - half, centre[1]) || !inside(ring, centre[0] + half, centre[1])) {
      return new Area(name, path, null, null);
    }
    // The text's middle on the centroid: its baseline about a third of the size below.
    return new Area(name, path, num(centre[0]), num(centre[1] + LABEL_PX * 0.35));
  }

  /** About how wide {@code text} is at {@link #LABEL_PX}: Chinese characters are square. */
  static double textWidth(String text) {
    return text.codePoints().mapToDouble(c -> c >= 0x2E80 ? 1.0 : 0.6).sum() * LABEL_PX;
  }

  /** Twice the signed area of a ring (shoelace). */
  private static double area(double[] xy) {
    double sum = 0;
    int n = xy.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      sum += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
    }
    return sum;
  }

  private static double[] centroid(double[] xy) {
    double twiceArea = area(xy);
    if (twiceArea == 0) {
      return null;
    }
    double cx = 0;
    double cy = 0;
    int n = xy.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double cross = xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
      cx += (xy[2 * j] + xy[2 * i]) * cross;
      cy += (xy[2 * j + 1] + xy[2 * i + 1]) * cross;
    }
    return new double[] {cx / (3 * twiceArea), cy / (3 * twiceArea)};
  }

  /** Whether the point is inside the ring (even-odd ray casting). */
  static boolean inside(double[] xy, double x, double y) {
    boolean in = false;
    int n = xy.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = xy[2 * i];
      double yi = xy[2 * i + 1];
      double xj = xy[2 * j];
      double yj = xy[2 * j + 1];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        in = !in;
      }
    }
    return in;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
