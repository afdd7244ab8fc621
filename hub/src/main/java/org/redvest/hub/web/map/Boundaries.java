package org.redvest.hub.web.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The regions of the operator's boundary file: a GeoJSON FeatureCollection (RFC 7946) whose
 * features are Polygons or MultiPolygons named by a {@code name} property, as DataV.GeoAtlas files
 * are. Anything else is refused whole, naming the place in the file: a map with a region left out
 * would be a wrong map.
 *
 * @param regions in the file's order
 * @param approval the collection's own {@code "approval"} member (the base map's 审图号), or null
 */
public record Boundaries(List<Region> regions, String approval) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Boundaries {
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("features: has no regions to draw");
    }
  }

  /**
   * A named region: its rings, outer boundaries and holes alike, each as {@code [lon0, lat0, lon1,
   * lat1, …]} in degrees.
   */
  public record Region(String name, List<double[]> rings) {
    public Region {
      rings = List.copyOf(rings);
    }
  }

  /**
   * The regions of {@code file}.
   *
   * @throws IllegalArgumentException saying why the file cannot be drawn, with its name and the
   *     place in it ({@code features[3].geometry.type: …})
   */
  public static Boundaries read(Path file) {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      // A limit Jackson enforces (nesting, a number's or a string's length) comes without a place.
      throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return of(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /** The regions of a parsed FeatureCollection; errors name the place in it. */
  static Boundaries of(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("empty");
    }
    if (!"FeatureCollection".equals(root.path("type").asText())) {
      throw new IllegalArgumentException("type: must be FeatureCollection, was " + root.path("type"));
    }
    JsonNode features = root.path("features");
    if (!features.isArray()) {
      throw new IllegalArgumentException("features: must be an array of features");
    }
    List<Region> regions = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      regions.add(region(features.get(i), "features[" + i + "]"));
    }
    JsonNode approval = root.path("approval");
    return new Boundaries(regions, approval.isTextual() && !approval.asText().isBlank()
        ? approval.asText().strip() : null);
  }

  private static Region region(JsonNode feature, String at) {
    JsonNode name = feature.path("properties").path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      throw new IllegalArgumentException(at + ".properties.name: every region needs a name");
    }
    String named = at + " (" + name.asText() + ")";
    JsonNode geometry = feature.path("geometry");
    String type = geometry.path("type").asText();
    JsonNode coordinates = geometry.path("coordinates");
    List<double[]> rings = new ArrayList<>();
    switch (type) {
      case "Polygon" -> polygon(coordinates, named + ".geometry.coordinates", rings);
      case "MultiPolygon" -> {
        array(coordinates, named + ".geometry.coordinates", "polygons");
        for (int p = 0; p < coordinates.size(); p++) {
          polygon(coordinates.get(p), named + ".geometry.coordinates[" + p + "]", rings);
        }
      }
      default -> throw new IllegalArgumentException(named + ".geometry.type: must be Polygon or"
          + " MultiPolygon, was " + geometry.path("type"));
    }
    if (rings.isEmpty()) {
      throw new IllegalArgumentException(named + ".geometry.coordinates: has no rings");
    }
    return new Region(name.asText().strip(), rings);
  }

  private static void polygon(JsonNode polygon, String at, List<double[]> rings) {
    array(polygon, at, "rings");
    for (int r = 0; r < polygon.size(); r++) {
      rings.add(ring(polygon.get(r), at + "[" + r + "]"));
    }
  }

  private static double[] ring(JsonNode ring, String at) {
    array(ring, at, "positions");
    if (ring.size() < 4) {
      throw new IllegalArgumentException(at + ": a ring needs at least 4 positions, has "
          + ring.size());
    }
    double[] lonLat = new double[ring.size() * 2];
    for (int i = 0; i < ring.size(); i++) {
      JsonNode position = ring.get(i);
      if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber()
          || !position.get(1).isNumber()) {
        throw new IllegalArgumentException(at + "[" + i + "]: must be [longitude, latitude],"
            + " was " + position);
      }
      double lon = position.get(0).asDouble();
      double lat = position.get(1).asDouble();
      if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
        throw new IllegalArgumentException(at + "[" + i + "]: must be degrees of longitude"
            + " (-180 to 180) and latitude (-90 to 90), was " + position);
      }
      lonLat[2 * i] = lon;
      lonLat[2 * i + 1] = lat;
    }
    return lonLat;
  }

  private static void array(JsonNode node, String at, String of) {
    if (!node.isArray()) {
      throw new IllegalArgumentException(at + ": must be an array of " + of + ", was "
          + (node.isMissingNode() ? "missing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
  }
}
