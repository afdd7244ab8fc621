package org.redvest.hub.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.redvest.hub.web.map.BaseMap;
import org.redvest.hub.web.map.Projection;

/**
 * The map of the stations that have coordinates, drawn as SVG with no tiles (nothing may be
 * downloaded): each station a dot coloured by how many of its terminals are online. With the
 * operator's {@link BaseMap} the dots are drawn on it, in its projection; without, an
 * equirectangular projection (longitudes scaled by the cosine of the stations' mean latitude)
 * fitted to the stations.
 *
 * @param viewBox the SVG's viewBox: the base map's box, grown to take in any station outside it
 * @param width how wide the map is drawn at most, in pixels
 * @param base the regions under the dots, or null
 */
record StationMap(String viewBox, int width, BaseMap base, List<Dot> dots) {
  /** The box without a base map. */
  static final int WIDTH = 640;
  static final int HEIGHT = 320;
  private static final int PAD = 40;
  /** A dot's radius and its label's room to the left, kept inside the viewBox. */
  private static final double DOT_ROOM = 12;

  /** A station's dot: where, its colour, its label (left of the dot near the right edge). */
  record Dot(String station, String name, String title, String x, String y, String colour,
      String labelX, String labelY, boolean labelLeft) {}

  /** The map: {@code base} with the dots on it, or the dots alone; null with neither. */
  static StationMap of(Lang lang, List<StationsPage.Station> stations, BaseMap base) {
    List<StationsPage.Station> placed = stations.stream().filter(s -> s.info() != null
        && s.info().latitude() != null && s.info().longitude() != null).toList();
    if (base != null) {
      return onBase(lang, placed, base);
    }
    if (placed.isEmpty()) {
      return null;
    }
    return new StationMap("0 0 " + WIDTH + " " + HEIGHT, WIDTH, null,
        dots(lang, placed, fitted(placed), WIDTH));
  }

  private static StationMap onBase(Lang lang, List<StationsPage.Station> placed, BaseMap base) {
    List<Dot> dots = dots(lang, placed, base.projection(), base.width());
    double minX = 0;
    double minY = 0;
    double maxX = base.width();
    double maxY = base.height();
    for (StationsPage.Station s : placed) {
      double x = base.projection().x(s.info().longitude());
      double y = base.projection().y(s.info().latitude());
      minX = Math.min(minX, x - DOT_ROOM);
      maxX = Math.max(maxX, x + DOT_ROOM);
      minY = Math.min(minY, y - DOT_ROOM);
      maxY = Math.max(maxY, y + DOT_ROOM);
    }
    return new StationMap(num(minX) + " " + num(minY) + " " + num(maxX - minX) + " "
        + num(maxY - minY), base.width(), base, dots);
  }

  /** The stations' own projection: their box, centred, kept from collapsing to a line. */
  private static Projection fitted(List<StationsPage.Station> placed) {
    double meanLat = placed.stream().mapToDouble(s -> s.info().latitude()).average().orElse(0);
    double cos = Math.cos(Math.toRadians(meanLat));
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (StationsPage.Station s : placed) {
      double x = s.info().longitude() * cos;
      double y = s.info().latitude();
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-6);
    double scale = Math.min((WIDTH - 2 * PAD) / Math.max(maxX - minX, span / 10),
        (HEIGHT - 2 * PAD) / Math.max(maxY - minY, span / 10));
    return Projection.centred(cos, minX, maxX, minY, maxY, scale, WIDTH, HEIGHT);
  }

  private static List<Dot> dots(Lang lang, List<StationsPage.Station> placed,
      Projection projection, int width) {
    List<Dot> dots = new ArrayList<>();
    for (StationsPage.Station s : placed) {
      double x = projection.x(s.info().longitude());
      double y = projection.y(s.info().latitude());
      String colour = s.terminals().isEmpty() ? "#9aa0a6" : s.online() == s.terminals().size()
          ? "#1b7f3b" : s.online() == 0 ? "#b71c1c" : "#b26a00";
      String title = s.name() + " · " + (s.terminals().isEmpty() ? lang.get("stations.noTerminals")
          : s.online() + "/" + s.terminals().size() + " " + lang.get("stations.online"));
      boolean left = x > width - 160;
      dots.add(new Dot(s.id().value(), s.name(), title, num(x), num(y), colour,
          num(left ? x - 13 : x + 13), num(y + 5), left));
    }
    return dots;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
