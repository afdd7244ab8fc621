package org.redvest.hub.web.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Projecting, fitting, simplifying and labelling the fixture's fictional counties. */
class BaseMapTest {
  private final BaseMap map = BaseMap.read(FictionalCounties.file(), null);

  @Test
  void read_stationsInsideTheirCounties_drawnInsideTheirPaths() {
    assertInside("北湖县", 115.8930, 28.6820); // the stations of StationsPageTest
    assertInside("南川县", 116.0280, 25.9190);
    assertInside("西岭县", 114.1680, 26.5730);
    assertInside("云洲区", 117.1, 27.15); // its island
    double x = map.projection().x(115.45);
    double y = map.projection().y(28.45);
    assertThat(PathData.inside(area("北湖县").path(), x, y)).as("the lake is a hole").isFalse();
  }

  @Test
  void read_boxFittedToTheBoundaries_notToTheStations() {
    double[] all = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (BaseMap.Area a : map.areas()) {
      double[] b = PathData.bounds(a.path());
      all = new double[] {Math.min(all[0], b[0]), Math.min(all[1], b[1]), Math.max(all[2], b[2]),
          Math.max(all[3], b[3])};
    }
    // 113.65–117.25 E, 25.3–29.35 N: taller than wide, so the height is the limit, and the box
    // is as wide as the regions.
    assertThat(map.height()).isEqualTo(BaseMap.MAX_HEIGHT);
    assertThat(map.width()).isLessThan(BaseMap.MAX_WIDTH);
    assertThat(all[1]).isCloseTo(BaseMap.PAD_PX, within(0.1));
    assertThat(all[3]).isCloseTo(BaseMap.MAX_HEIGHT - BaseMap.PAD_PX, within(0.1));
    assertThat(all[0]).isCloseTo(BaseMap.PAD_PX, within(0.6));
    assertThat(all[2]).isCloseTo(map.width() - BaseMap.PAD_PX, within(0.6));
    double kmPerPxEast = (117.25 - 113.65) * 111.32 * Math.cos(Math.toRadians(27.325)) / (all[2] - all[0]);
    double kmPerPxNorth = (29.35 - 25.3) * 111.32 / (all[3] - all[1]);
    assertThat(kmPerPxEast).as("a kilometre east as long as one north").isCloseTo(kmPerPxNorth, within(0.01));
  }

  @Test
  void read_approval_givenWinsOverTheFiles() {
    assertThat(map.approval()).isEqualTo("示例(0000)0000号");
    assertThat(BaseMap.read(FictionalCounties.file(), "GS(2024)0650号").approval())
        .isEqualTo("GS(2024)0650号");
  }

  @Test
  void read_namesThatFit_labelledInside() {
    for (BaseMap.Area a : map.areas()) {
      assertThat(a.labelX()).as(a.name()).isNotNull();
      assertThat(PathData.inside(a.path(), Double.parseDouble(a.labelX()),
          Double.parseDouble(a.labelY()) - 4)).as(a.name()).isTrue();
    }
    BaseMap small = BaseMap.of(new Boundaries(List.of(circle("大县", 116, 28, 1.0, 400, 0),
        circle("一个名字很长的小小县", 117.02, 28, 0.02, 400, 0)), null), null);
    assertThat(small.areas().get(0).labelX()).isNotNull();
    assertThat(small.areas().get(1).labelX()).as("too small for its name").isNull();
  }

  @Test
  void ring_denseWigglyOutline_fewerPointsNoneFurtherThanTheTolerance() {
    double[] ring = projected(circle("县", 116, 28, 1.0, 20_000, 0.002).rings().get(0));

    double[] kept = DouglasPeucker.ring(ring, BaseMap.TOLERANCE_PX);

    assertThat(kept.length / 2).isLessThan(ring.length / 2 / 10).isGreaterThan(20);
    double[] before = bounds(ring);
    double[] after = bounds(kept);
    for (int i = 0; i < 4; i++) {
      assertThat(after[i]).as("bounds kept").isCloseTo(before[i], within(BaseMap.TOLERANCE_PX));
    }
    for (int i = 0; i < ring.length; i += 2) {
      assertThat(distanceToOutline(kept, ring[i], ring[i + 1])).isLessThanOrEqualTo(BaseMap.TOLERANCE_PX);
    }
  }

  @Test
  void ring_thinnerThanTheTolerance_dropped() {
    assertThat(DouglasPeucker.ring(new double[] {0, 0, 10, 0.2, 20, 0, 10, -0.2, 0, 0}, 0.5)).isEmpty();
    assertThat(DouglasPeucker.ring(new double[] {0, 0, 10, 2, 20, 0, 10, -2, 0, 0}, 0.5))
        .containsExactly(0, 0, 10, 2, 20, 0, 10, -2);
  }

  @Test
  void of_largeRegion_pathFarSmallerThanTheFile() {
    BaseMap large = BaseMap.of(new Boundaries(List.of(circle("县", 116, 28, 1.0, 50_000, 0.001)), null), null);

    assertThat(large.pointsRead()).isEqualTo(50_001);
    assertThat(large.pointsDrawn()).isLessThan(large.pointsRead() / 20);
    assertThat(PathData.rings(large.areas().get(0).path()).get(0).length / 2)
        .isEqualTo((int) large.pointsDrawn());
  }

  @Test
  void append_tenthsAbsoluteThenRelative_readsBackTheSame() {
    StringBuilder path = new StringBuilder();

    BaseMap.append(path, new double[] {10.04, 20, 12.5, 18.26, 9.9, 25, 10.04, 20});

    assertThat(path).hasToString("M10 20l2.5-1.7-2.6 6.7z");
    assertThat(PathData.rings(path.toString()).get(0)).containsExactly(10, 20, 12.5, 18.3, 9.9, 25.0);
  }

  private void assertInside(String county, double lon, double lat) {
    double x = map.projection().x(lon);
    double y = map.projection().y(lat);
    double[] b = PathData.bounds(area(county).path());
    assertThat(x).as(county + " x").isBetween(b[0], b[2]);
    assertThat(y).as(county + " y").isBetween(b[1], b[3]);
    assertThat(PathData.inside(area(county).path(), x, y)).as(county).isTrue();
  }

  private BaseMap.Area area(String name) {
    return map.areas().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  /** A round region of {@code points} positions, its radius wobbling by up to {@code noise} degrees. */
  static Boundaries.Region circle(String name, double lon, double lat, double radius, int points,
      double noise) {
    Random random = new Random(points);
    double[] ring = new double[2 * (points + 1)];
    for (int i = 0; i < points; i++) {
      double a = 2 * Math.PI * i / points;
      double r = radius * (1 + 0.1 * Math.sin(7 * a)) + noise * (random.nextDouble() - 0.5);
      ring[2 * i] = lon + r * Math.cos(a) / Math.cos(Math.toRadians(lat));
      ring[2 * i + 1] = lat + r * Math.sin(a);
    }
    ring[2 * points] = ring[0];
    ring[2 * points + 1] = ring[1];
    return new Boundaries.Region(name, List.of(ring));
  }

  private static double[] projected(double[] lonLat) {
    Projection p = BaseMap.of(new Boundaries(List.of(new Boundaries.Region("x", List.of(lonLat))), null),
        null).projection();
    double[] xy = new double[lonLat.length];
    for (int i = 0; i < lonLat.length; i += 2) {
      xy[i] = p.x(lonLat[i]);
      xy[i + 1] = p.y(lonLat[i + 1]);
    }
    return xy;
  }

  private static double[] bounds(double[] xy) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < xy.length; i += 2) {
      b[0] = Math.min(b[0], xy[i]);
      b[1] = Math.min(b[1], xy[i + 1]);
      b[2] = Math.max(b[2], xy[i]);
      b[3] = Math.max(b[3], xy[i + 1]);
    }
    return b;
  }

  private static double distanceToOutline(double[] ring, double x, double y) {
    double best = Double.MAX_VALUE;
    int n = ring.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double ax = ring[2 * j];
      double ay = ring[2 * j + 1];
      double dx = ring[2 * i] - ax;
      double dy = ring[2 * i + 1] - ay;
      double t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
    return best;
  }
}
