package org.redvest.terminal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.demo.DemoScript.Appearance;

class DemoScriptTest {

  @Test
  void expectedMinutes_defaultScript_creditsEachVolunteerFromCheckInToCheckOut() {
    Map<VolunteerId, Long> minutes = DemoScript.defaultScript().expectedMinutes();

    assertThat(minutes).containsExactly(
        Map.entry(VolunteerId.of("V-360781-000101"), 30L),
        Map.entry(VolunteerId.of("V-360781-000102"), 45L),
        Map.entry(VolunteerId.of("V-360781-000103"), 60L));
  }

  @Test
  void defaultScript_namesAndLength_areChineseAndShort() {
    DemoScript script = DemoScript.defaultScript();

    assertThat(script.appearances()).extracting(a -> a.badge().displayName())
        .containsExactly("张三", "李四", "王五", "张三", "李四", "王五");
    assertThat(script.appearances()).extracting(script::isCheckIn)
        .containsExactly(true, true, true, false, false, false);
    assertThat(script.lengthSeconds()).isEqualTo(75);
  }

  @Test
  void new_overlappingAppearances_isRejected() {
    assertThatThrownBy(() -> new DemoScript(List.of(
        Appearance.of("V-1", "A", 2, 2), Appearance.of("V-2", "B", 4, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one second");
  }

  @Test
  void new_sameVolunteerWithinDebounce_isRejected() {
    assertThatThrownBy(() -> new DemoScript(List.of(
        Appearance.of("V-1", "A", 2, 2), Appearance.of("V-1", "A", 7, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("debounce");
  }

  @Test
  void appearance_longerThanTwoSeconds_isRejected() {
    assertThatThrownBy(() -> Appearance.of("V-1", "A", 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("durationSeconds");
  }
}
