package org.redvest.hub.web.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the operator's boundary file: the fixture's fictional counties, and each refusal. */
class BoundariesTest {
  @TempDir Path dir;

  @Test
  void read_polygonsWithAHoleAndAMultiPolygon_everyRingByName() {
    Boundaries b = Boundaries.read(FictionalCounties.file());

    assertThat(b.regions()).extracting(Boundaries.Region::name)
        .containsExactly("北湖县", "西岭县", "南川县", "云洲区");
    assertThat(b.regions()).extracting(r -> r.rings().size()).containsExactly(2, 1, 1, 2);
    assertThat(b.regions().get(0).rings().get(0)).startsWith(115.0, 27.8, 114.9, 28.1);
    assertThat(b.approval()).isEqualTo("示例(0000)0000号");
  }

  @Test
  void read_missingFile_saysSo() {
    assertThatThrownBy(() -> Boundaries.read(dir.resolve("jiangxi.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read " + dir.resolve("jiangxi.json") + ": no such file");
  }

  @Test
  void read_directory_cannotRead() {
    assertThatThrownBy(() -> Boundaries.read(dir)).hasMessageStartingWith("cannot read " + dir);
  }

  @Test
  void read_notJson_namesTheFileAndLine() throws IOException {
    Path file = write("{\"type\":\"FeatureCollection\",\n\"features\":[\n<html>");

    assertThatThrownBy(() -> Boundaries.read(file))
        .hasMessageStartingWith(file + ": not JSON: ").hasMessageEndingWith("(line 3)");
  }

  @Test
  void read_emptyFile_refused() throws IOException {
    Path file = write("");

    assertThatThrownBy(() -> Boundaries.read(file)).hasMessage(file + ": empty");
  }

  @Test
  void read_aFeatureNotACollection_namesType() throws IOException {
    Path file = write("{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},\"geometry\":null}");

    assertThatThrownBy(() -> Boundaries.read(file))
        .hasMessage(file + ": type: must be FeatureCollection, was \"Feature\"");
  }

  @Test
  void read_noFeatures_refused() throws IOException {
    assertThatThrownBy(() -> Boundaries.read(write("{\"type\":\"FeatureCollection\",\"features\":[]}")))
        .hasMessageEndingWith(": features: has no regions to draw");
    assertThatThrownBy(() -> Boundaries.read(write("{\"type\":\"FeatureCollection\"}")))
        .hasMessageEndingWith(": features: must be an array of features");
  }

  @Test
  void read_aLineString_namesTheFeatureAndItsName() throws IOException {
    Path file = write(collection(square("甲县"), "{\"type\":\"Feature\",\"properties\":{\"name\":\"界线\"},"
        + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[115,28],[116,28]]}}"));

    assertThatThrownBy(() -> Boundaries.read(file)).hasMessage(file + ": features[1] (界线).geometry.type:"
        + " must be Polygon or MultiPolygon, was \"LineString\"");
  }

  @Test
  void read_featureWithoutName_namesTheFeature() throws IOException {
    Path file = write(collection(square("甲县"), square("甲县").replace("\"name\":\"甲县\"", "\"adcode\":1")));

    assertThatThrownBy(() -> Boundaries.read(file))
        .hasMessage(file + ": features[1].properties.name: every region needs a name");
  }

  @Test
  void read_badPositions_namedExactly() throws IOException {
    assertThatThrownBy(() -> Boundaries.read(write(collection(square("甲县").replace("[116,29]", "[\"116\",29]")))))
        .hasMessageEndingWith(": features[0] (甲县).geometry.coordinates[0][2]: must be [longitude, latitude],"
            + " was [\"116\",29]");
    assertThatThrownBy(() -> Boundaries.read(write(collection(square("甲县").replace("[116,29]", "[116,91]")))))
        .hasMessageEndingWith("features[0] (甲县).geometry.coordinates[0][2]: must be degrees of longitude"
            + " (-180 to 180) and latitude (-90 to 90), was [116,91]");
    assertThatThrownBy(() -> Boundaries.read(write(collection(square("甲县").replace(",[116,29]", "")
        .replace(",[115,29]", "")))))
        .hasMessageEndingWith("features[0] (甲县).geometry.coordinates[0]: a ring needs at least 4 positions, has 3");
    assertThatThrownBy(() -> Boundaries.read(write(collection(square("甲县").replace("\"Polygon\"", "\"MultiPolygon\"")))))
        .as("a Polygon's coordinates called a MultiPolygon")
        .hasMessageEndingWith("features[0] (甲县).geometry.coordinates[0][0]: a ring needs at least 4 positions, has 2");
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "map", ".json");
    Files.writeString(file, text);
    return file;
  }

  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  private static String square(String name) {
    return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\"},\"geometry\":{\"type\":"
        + "\"Polygon\",\"coordinates\":[[[115,28],[116,28],[116,29],[115,29],[115,28]]]}}";
  }
}
