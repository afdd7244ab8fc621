package org.redvest.hub.web.map;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * src/test/resources/map/fictional-counties.geojson: four made-up counties around real-ish
 * coordinates in Jiangxi (one with a lake, one a MultiPolygon with an island), no real
 * boundaries; its approval member is a placeholder.
 */
public final class FictionalCounties {
  private FictionalCounties() {}

  public static Path file() {
    try {
      return Path.of(FictionalCounties.class.getResource("/map/fictional-counties.geojson").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
