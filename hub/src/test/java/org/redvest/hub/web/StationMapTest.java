package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.web.map.BaseMap;
import org.redvest.hub.web.map.FictionalCounties;
import org.redvest.protocol.StationId;

/** Where the dots go with and without the operator's base map. */
class StationMapTest {
  private final BaseMap counties = BaseMap.read(FictionalCounties.file(), null);

  @Test
  void of_baseMap_dotsInItsProjection_boxOfTheBaseMap() {
    StationMap map = StationMap.of(Lang.ZH, List.of(station("JX-NC-0001", 28.6820, 115.8930)), counties);

    assertThat(map.viewBox()).isEqualTo("0.0 0.0 " + counties.width() + ".0 " + counties.height() + ".0");
    assertThat(map.width()).isEqualTo(counties.width());
    assertThat(map.dots().get(0).x()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f",
        counties.projection().x(115.8930)));
  }

  @Test
  void of_stationBeyondTheBaseMap_boxGrownToShowIt() {
    StationMap map = StationMap.of(Lang.ZH, List.of(station("JX-NC-0001", 28.6820, 115.8930),
        station("BJ-0001", 39.9042, 116.4074)), counties);

    double[] box = Arrays.stream(map.viewBox().split(" ")).mapToDouble(Double::parseDouble).toArray();
    double y = Double.parseDouble(map.dots().get(1).y());
    assertThat(y).as("Beijing is far north of the counties").isNegative();
    assertThat(box[1]).isLessThan(y);
    assertThat(box[1] + box[3]).isEqualTo(counties.height());
  }

  @Test
  void of_baseMapNoCoordinates_theMapAlone() {
    StationMap map = StationMap.of(Lang.ZH, List.of(station("JX-GZ-0001", null, null)), counties);

    assertThat(map.base()).isSameAs(counties);
    assertThat(map.dots()).isEmpty();
  }

  @Test
  void of_noBaseMap_theStationsBoxAsBefore_orNothing() {
    StationMap map = StationMap.of(Lang.ZH, List.of(station("JX-NC-0001", 28.6820, 115.8930),
        station("JX-RJ-0001", 25.9190, 116.0280)), null);

    assertThat(map.viewBox()).isEqualTo("0 0 640 320");
    assertThat(map.base()).isNull();
    assertThat(map.dots()).extracting(StationMap.Dot::y).containsExactly("40.0", "280.0");
    assertThat(StationMap.of(Lang.ZH, List.of(station("JX-GZ-0001", null, null)), null)).isNull();
  }

  private static StationsPage.Station station(String id, Double latitude, Double longitude) {
    StationInfo info = new StationInfo(StationId.of(id), id, null, latitude, longitude);
    return new StationsPage.Station(info.id(), id, info, List.of());
  }
}
