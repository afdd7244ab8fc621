package org.redvest.hub.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A map of the stations that have coordinates, drawn as SVG with no tiles (nothing may be
 * downloaded): an equirectangular projection, longitudes scaled by the cosine of the mean
 * latitude, fitted to the box; each station a dot coloured by how many of its terminals are
 * online.
 */
final class StationMap {
  static final int WIDTH = 640;
  static final int HEIGHT = 320;
  private static final int PAD = 40;

  private StationMap() {}

  /** A station's dot: where, its colour, its label (left of the dot near the right edge). */
  record Dot(String station, String name, String title, String x, String y, String colour,
      String labelX, String labelY, boolean labelLeft) {}

  /** The map's dots, or null when no station has coordinates. */
  static List<Dot> of(Lang lang, List<StationsPage.Station> stations) {
    List<StationsPage.Station> placed = stations.stream().filter(s -> s.info() != null
        && s.info().latitude() != null && s.info().longitude() != null).toList();
    if (placed.isEmpty()) {
      return null;
    }
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
    double offsetX = (WIDTH - (maxX - minX) * scale) / 2;
    double offsetY = (HEIGHT - (maxY - minY) * scale) / 2;
    List<Dot> dots = new ArrayList<>();
    for (StationsPage.Station s : placed) {
      double x = offsetX + (s.info().longitude() * cos - minX) * scale;
      double y = offsetY + (maxY - s.info().latitude()) * scale;
      String colour = s.terminals().isEmpty() ? "#9aa0a6" : s.online() == s.terminals().size()
          ? "#1b7f3b" : s.online() == 0 ? "#b71c1c" : "#b26a00";
      String title = s.name() + " · " + (s.terminals().isEmpty() ? lang.get("stations.noTerminals")
          : s.online() + "/" + s.terminals().size() + " " + lang.get("stations.online"));
      boolean left = x > WIDTH - 160;
      dots.add(new Dot(s.id().value(), s.name(), title, num(x), num(y), colour,
          num(left ? x - 13 : x + 13), num(y + 5), left));
    }
    return dots;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
