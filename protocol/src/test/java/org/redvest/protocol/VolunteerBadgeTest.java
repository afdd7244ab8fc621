package org.redvest.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolunteerBadgeTest {

  @Test
  void parse_badgeWithName_returnsIdAndName() {
    assertThat(VolunteerBadge.parse("RV1:V-360781-000123:张三"))
        .contains(new VolunteerBadge(VolunteerId.of("V-360781-000123"), "张三"));
  }

  @Test
  void parse_nameWithColon_keepsTheRest() {
    assertThat(VolunteerBadge.parse("RV1:V1:Li: Team A").orElseThrow().displayName())
        .isEqualTo("Li: Team A");
  }

  @Test
  void parse_idOnly_greetsWithId() {
    VolunteerBadge badge = VolunteerBadge.parse("RV1:V1").orElseThrow();

    assertThat(badge.displayName()).isNull();
    assertThat(badge.greeting()).isEqualTo("V1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "V1", "RV2:V1", "RV1:", "RV1:V 1", "RV1:V/1:x", "rv1:V1"})
  void parse_notABadge_returnsEmpty(String text) {
    assertThat(VolunteerBadge.parse(text)).isEmpty();
  }

  @Test
  void encode_parse_roundTrips() {
    VolunteerBadge badge = new VolunteerBadge(VolunteerId.of("V-1"), "王小明");

    assertThat(VolunteerBadge.parse(badge.encode())).contains(badge);
  }
}
