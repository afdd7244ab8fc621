package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redvest.profiles.Camera;
import org.redvest.terminal.kiosk.FrameLoop;

class TerminalOptionsTest {
  private static final List<String> REQUIRED = List.of("--station", "S1", "--terminal", "t1");

  @Test
  void parse_requiredOnly_usesDefaults() {
    TerminalConfig config = TerminalOptions.parse(REQUIRED, Map.of());

    assertThat(config.profile().name()).isEqualTo("usb-webcam-x86");
    assertThat(config.brokerUrl()).isEqualTo("tcp://localhost:1883");
    assertThat(config.dataDir()).isEqualTo(Path.of("data/terminal"));
    assertThat(config.debounce()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.pace()).isEqualTo(FrameLoop.Pace.REALTIME);
    assertThat(config.exitAtEnd()).isFalse();
  }

  @Test
  void parse_replayFlags_overrideProfileAndClock() {
    TerminalConfig config = TerminalOptions.parse(List.of("--station", "S1", "--terminal", "t1",
        "--profile", "replay-video", "--source", "/tmp/x.mp4", "--replay-start",
        "2026-11-23T08:00:00+08:00", "--replay-pace", "fast", "--exit-at-end", "--debounce", "90s"),
        Map.of());

    assertThat(config.profile().camera().source()).isEqualTo(Camera.Source.VIDEO_FILE);
    assertThat(config.profile().camera().location()).isEqualTo("/tmp/x.mp4");
    assertThat(config.replayStart()).isEqualTo(OffsetDateTime.parse("2026-11-23T08:00:00+08:00").toInstant());
    assertThat(config.pace()).isEqualTo(FrameLoop.Pace.FAST);
    assertThat(config.exitAtEnd()).isTrue();
    assertThat(config.debounce()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void parse_environment_fillsWhatFlagsLeaveOut() {
    TerminalConfig config = TerminalOptions.parse(List.of("--terminal", "t1"),
        Map.of("REDVEST_STATION", "S-ENV", "REDVEST_DATA_DIR", "/var/lib/redvest", "REDVEST_TERMINAL", "ignored"));

    assertThat(config.station().value()).isEqualTo("S-ENV");
    assertThat(config.terminal().value()).isEqualTo("t1");
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/redvest"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--debounce | soon | --debounce: must be a duration",
      "--broker | localhost:1883 | --broker: must look like tcp://host:1883",
      "--station | S/1 | --station: stationId: must be 1-64 characters",
      "--profile | no-such-profile.yaml | --profile:",
      "--replay-start | 08:00 | --replay-start: must be ISO-8601",
      "--replay-pace | slow | --replay-pace: must be realtime or fast",
      "--zone | Mars/Olympus | --zone: unknown time zone",
      "--topic-prefix | a/# | --topic-prefix:",
      "--frobnicate | 1 | --frobnicate: unknown option",
  })
  void parse_badOption_failsNamingIt(String flag, String value, String expected) {
    List<String> args = new java.util.ArrayList<>(REQUIRED);
    if (flag.equals("--station")) {
      args.set(1, value);
    } else {
      args.addAll(List.of(flag, value));
    }

    assertThatThrownBy(() -> TerminalOptions.parse(args, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void parse_missingStation_saysHowToGiveIt() {
    assertThatThrownBy(() -> TerminalOptions.parse(List.of("--terminal", "t1"), Map.of()))
        .hasMessage("--station: is required (or REDVEST_STATION)");
  }

  @Test
  void parse_flagWithoutValue_isRejected() {
    assertThatThrownBy(() -> TerminalOptions.parse(List.of("--station"), Map.of()))
        .hasMessage("--station: needs a value");
  }

  @Test
  void screen_defaults_port8090NoClosingTwelveHours() {
    org.redvest.terminal.screen.ScreenSettings screen =
        TerminalOptions.screen(REQUIRED, Map.of(), TerminalOptions.parse(REQUIRED, Map.of()));

    assertThat(screen.port()).isEqualTo(8090);
    assertThat(screen.pinFile()).isEqualTo(Path.of("data/terminal/manager-pin"));
    assertThat(screen.rules().closesAt()).isNull();
    assertThat(screen.rules().maxSession()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void screen_flags_offClosingAndMaxSession() {
    List<String> args = new java.util.ArrayList<>(REQUIRED);
    args.addAll(List.of("--screen-port", "off", "--closes-at", "18:00", "--max-session", "10h"));

    org.redvest.terminal.screen.ScreenSettings screen =
        TerminalOptions.screen(args, Map.of(), TerminalOptions.parse(args, Map.of()));

    assertThat(screen.enabled()).isFalse();
    assertThat(screen.rules().closesAt()).isEqualTo(java.time.LocalTime.of(18, 0));
    assertThat(screen.rules().maxSession()).isEqualTo(Duration.ofHours(10));
  }

  @Test
  void screen_badValues_nameTheOption() {
    List<String> port = new java.util.ArrayList<>(REQUIRED);
    port.addAll(List.of("--screen-port", "eighty"));
    assertThatThrownBy(() -> TerminalOptions.screen(port, Map.of(), TerminalOptions.parse(REQUIRED, Map.of())))
        .hasMessageStartingWith("--screen-port");
    List<String> closes = new java.util.ArrayList<>(REQUIRED);
    closes.addAll(List.of("--closes-at", "6pm"));
    assertThatThrownBy(() -> TerminalOptions.screen(closes, Map.of(), TerminalOptions.parse(REQUIRED, Map.of())))
        .hasMessageStartingWith("--closes-at");
  }
}
