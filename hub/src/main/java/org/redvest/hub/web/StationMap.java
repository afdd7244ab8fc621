package org.redvest.hub.web;

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

  /** The SVG, or "" when no station has coordinates. */
  static String svg(Lang lang, List<StationsPage.Station> stations) {
    List<StationsPage.Station> placed = stations.stream().filter(s -> s.info() != null
        && s.info().latitude() != null && s.info().longitude() != null).toList();
    if (placed.isEmpty()) {
      return "";
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
    StringBuilder out = new StringBuilder("<svg id=\"station-map\" class=\"card\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(lang.t("站点地图", "Station map")))
        .append("\" style=\"width:100%;max-width:").append(WIDTH).append("px;height:auto;"
            + "padding:0;background:#f8faf8\">");
    for (StationsPage.Station s : placed) {
      double x = offsetX + (s.info().longitude() * cos - minX) * scale;
      double y = offsetY + (maxY - s.info().latitude()) * scale;
      String colour = s.terminals().isEmpty() ? "#9aa0a6" : s.online() == s.terminals().size()
          ? "#1b7f3b" : s.online() == 0 ? "#b71c1c" : "#b26a00";
      out.append("<g class=\"map-station\" data-station=\"").append(Html.esc(s.id().value()))
          .append("\"><title>").append(Html.esc(s.name() + " · " + (s.terminals().isEmpty()
              ? lang.t("无终端", "no terminals")
              : s.online() + "/" + s.terminals().size() + " " + lang.t("在线", "online")))).append("</title>")
          .append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y))
          .append("\" r=\"9\" fill=\"").append(colour).append("\" stroke=\"#fff\" stroke-width=\"2\"/>")
          .append(label(x, y)).append(Html.esc(s.name()))
          .append("</text></g>");
    }
    return out.append("</svg>").toString();
  }

  /** The label right of the dot, or left of it near the right edge so it is not cut off. */
  private static String label(double x, double y) {
    boolean left = x > WIDTH - 160;
    return "<text x=\"" + num(left ? x - 13 : x + 13) + "\" y=\"" + num(y + 5) + "\""
        + (left ? " text-anchor=\"end\"" : "") + " font-size=\"13\" fill=\"#1d232b\">";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
