package org.redvest.hub.web.map;

/**
 * Degrees to the map's pixels: equirectangular, longitudes scaled by the cosine of a middle
 * latitude (so that near it a kilometre east is as long as a kilometre north), y downwards. The
 * base map and the stations' dots share one, so the dots sit in their real places.
 *
 * @param cos the cosine of the middle latitude
 * @param minX the smallest {@code longitude * cos} shown, at {@code offsetX}
 * @param maxY the largest latitude shown, at {@code offsetY}
 * @param scale pixels per degree of latitude
 */
public record Projection(double cos, double minX, double maxY, double scale, double offsetX,
    double offsetY) {

  /**
   * The projection that draws {@code [minX, maxX] × [minY, maxY]} ({@code longitude * cos} by
   * latitude) at {@code scale}, centred in a box of {@code width × height} pixels.
   */
  public static Projection centred(double cos, double minX, double maxX, double minY, double maxY,
      double scale, double width, double height) {
    return new Projection(cos, minX, maxY, scale, (width - (maxX - minX) * scale) / 2,
        (height - (maxY - minY) * scale) / 2);
  }

  public double x(double longitude) {
    return offsetX + (longitude * cos - minX) * scale;
  }

  public double y(double latitude) {
    return offsetY + (maxY - latitude) * scale;
  }
}
