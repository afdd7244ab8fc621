package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.CheckInMethod;

/** {@code run --policy FILE}: one of run's options, read and validated before start-up. */
class PolicyOptionTest {
  @TempDir Path dir;

  @Test
  void policyOption_file_isRead_besideTheOtherOptions() throws Exception {
    Path file = Files.writeString(dir.resolve("station.yaml"), "methods: [QR_FACE]\nplainBadges: false\n");
    List<String> args = List.of("--station", "S1", "--policy", file.toString(), "--terminal", "t1");

    TerminalOptions options = TerminalOptions.read(args, Map.of());
    var policy = options.policy();

    assertThat(policy.accepted()).containsExactly(CheckInMethod.QR_FACE);
    assertThat(policy.plainBadges()).isFalse();
    assertThat(options.config().station().value()).isEqualTo("S1");
    assertThat(options.config().terminal().value()).isEqualTo("t1");
  }

  @Test
  void policyOption_none_acceptsEverything() {
    assertThat(TerminalOptions.read(List.of(), Map.of()).policy().accepted()).hasSize(4);
  }

  @Test
  void policyOption_badKeyFromEnvironment_namesOptionFileAndKey() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "methods: [QR]\nactivities:\n  - {id: A, start: '8', end: '9'}\n");

    assertThatThrownBy(() -> TerminalOptions.read(List.of(), Map.of("REDVEST_POLICY", file.toString())).policy())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--policy " + file + ": activities[0].start: must be a time like");
  }

  @Test
  void run_badPolicy_exitsWithUsageError() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "methods: [IRIS]\n");

    assertThat(Main.run(List.of("run", "--policy", file.toString(), "--station", "S1", "--terminal", "t1")))
        .isEqualTo(2);
  }
}
