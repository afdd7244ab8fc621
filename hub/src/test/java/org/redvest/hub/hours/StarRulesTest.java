package org.redvest.hub.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarRulesTest {
  private final StarRules defaults = StarRules.defaults();

  @Test
  void rate_justBelowFirstThreshold_zeroStarsWithProgress() {
    StarRating r = defaults.rate(100 * 60 - 1);

    assertThat(r.stars()).isZero();
    assertThat(r.nextAtMinutes()).isEqualTo(6000);
    assertThat(r.progress()).isBetween(0.99, 1.0);
  }

  @Test
  void rate_exactlyAtThresholds_reachesEachStar() {
    assertThat(defaults.rate(100 * 60).stars()).isEqualTo(1);
    assertThat(defaults.rate(300 * 60).stars()).isEqualTo(2);
    assertThat(defaults.rate(600 * 60).stars()).isEqualTo(3);
    assertThat(defaults.rate(1000 * 60).stars()).isEqualTo(4);
    assertThat(defaults.rate(1500 * 60).stars()).isEqualTo(5);
  }

  @Test
  void rate_halfwayBetweenStars_progressHalf() {
    StarRating r = defaults.rate(200 * 60);

    assertThat(r.stars()).isEqualTo(1);
    assertThat(r.progress()).isEqualTo(0.5);
    assertThat(r.nextAtMinutes()).isEqualTo(300 * 60);
  }

  @Test
  void rate_pastTopStar_noNextAndFullProgress() {
    StarRating r = defaults.rate(5000 * 60);

    assertThat(r.stars()).isEqualTo(5);
    assertThat(r.nextAtMinutes()).isNull();
    assertThat(r.progress()).isEqualTo(1.0);
  }

  @Test
  void load_customPackFile_usesItsThresholdsLabelsAndYear(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(StarRules.FILE), """
        name=示例地区 / example region
        stars.hours=20,50,150
        stars.labels=铜星,银星,金星
        year.hours=20
        """, StandardCharsets.UTF_8);

    StarRules rules = StarRules.load(dir);

    assertThat(rules.name()).isEqualTo("示例地区 / example region");
    assertThat(rules.rate(50 * 60).label()).isEqualTo("银星");
    assertThat(rules.rate(50 * 60).maxStars()).isEqualTo(3);
    assertThat(rules.yearThresholdMinutes()).isEqualTo(1200);
  }

  @Test
  void load_noFile_defaults(@TempDir Path dir) {
    assertThat(StarRules.load(dir)).isEqualTo(StarRules.defaults());
  }

  @Test
  void parse_decreasingThresholds_rejectedNamingKey() {
    Properties p = new Properties();
    p.setProperty("stars.hours", "100,50");

    assertThatThrownBy(() -> StarRules.parse(p)).hasMessageStartingWith("stars:");
  }

  @Test
  void parse_notANumber_rejectedNamingKey() {
    Properties p = new Properties();
    p.setProperty("stars.hours", "100,lots");

    assertThatThrownBy(() -> StarRules.parse(p)).hasMessageContaining("stars.hours")
        .hasMessageContaining("lots");
  }
}
