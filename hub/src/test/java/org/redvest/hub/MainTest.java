package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hub's command line as a user meets it: help, version, errors, completion. */
class MainTest {
  /** What one run of the command line printed, and its exit code. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = Main.commandLine(Map.of());
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int exit = line.execute(args);
    // Help wraps at 80 columns wherever a word ends: compare the words, not the line breaks.
    return new Run(exit, oneLine(out.toString()), oneLine(err.toString()));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @Test
  void help_describesEverySettingWithItsDefaultAndVariable_andTheCommands() {
    Run help = run("--help");

    assertThat(help.exit()).isZero();
    for (String name : HubOptions.names()) {
      assertThat(help.out()).contains("--" + name).contains(HubOptions.environment(name));
    }
    assertThat(help.out())
        .contains("Default: 8080; env REDVEST_HUB_HTTP_PORT")
        .contains("Default: 5m; env REDVEST_HUB_CLOCK_TOLERANCE")
        .contains("Default: 8h:ORGANISATION,12h:HIGHER; env REDVEST_HUB_CAPS")
        .contains("Default: auto; env REDVEST_HUB_MQTT_TLS_ENGINE")
        .contains("--map=FILE", "Default: none, dots only; env REDVEST_HUB_MAP.")
        .contains("--map-approval=NUMBER", "env REDVEST_HUB_MAP_APPROVAL")
        .contains("--config=FILE")
        .contains("claim", "rotate-signing-key", "audit", "mosquitto-config", "generate-completion");
  }

  @Test
  void unknownOption_oneLineNamingIt_withTheNearestOne_exit2() {
    Run typo = run("--htp-port", "8080");

    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).startsWith("redvest-hub: Unknown option").contains("'--htp-port'")
        .contains("Possible solutions: --http-port").contains("See 'redvest-hub --help'.")
        .doesNotContain("needs a value");
  }

  @Test
  void badValue_namesTheFlag_beforeAnythingStarts_exit2() {
    Run bad = run("--http-port", "eighty");

    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--http-port: must be a port number, was \"eighty\"");
  }

  @Test
  void mapFileMissing_badConfigurationNamingTheSetting_nothingStarted_exit2(@TempDir Path dir) {
    Path data = dir.resolve("hub");
    Path map = dir.resolve("jiangxi.json");

    Run bad = run("--data-dir", data.toString(), "--map", map.toString());

    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("redvest-hub: bad configuration: map: cannot read " + map
        + ": no such file").doesNotContain("Exception");
    assertThat(data).doesNotExist();
  }

  @Test
  void hubSettingsBeforeACommand_refused_theCommandDoesNotRunWithoutThem(@TempDir Path dir) {
    Path data = dir.resolve("hub");

    Run misplaced = run("--data-dir", data.toString(), "claim", "--station", "JX-RJ-0001",
        "--terminal", "kiosk-1");

    assertThat(misplaced.exit()).isEqualTo(2);
    assertThat(misplaced.err()).startsWith("redvest-hub: settings go after the command's name:"
        + " redvest-hub claim --data-dir=" + data);
    assertThat(misplaced.out()).as("no claim code").isEmpty();
    assertThat(data).doesNotExist();
  }

  @Test
  void version_namesTheHub() {
    Run version = run("--version");

    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("redvest-hub ");
  }

  @Test
  void commands_haveTheirOwnHelp_andRequiredOptionsAreSaidByName() {
    Run help = run("claim", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--station=ID", "--terminal=ID", "--bundle=FILE", "Default: 24h");

    Run missing = run("claim", "--station", "JX-RJ-0001");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("redvest-hub claim: Missing required option: '--terminal=ID'");

    assertThat(run("audit", "--help").out()).contains("--anchor=FILE", "--strict");
    assertThat(run("mosquitto-config", "--help").out()).contains("--mosquitto-dir", "--broker-url");
    assertThat(run("rotate-signing-key", "--help").out()).contains("--data-dir");
  }

  @Test
  void generateCompletion_printsABashCompletionScriptForEveryCommand() {
    Run completion = run("generate-completion");

    assertThat(completion.exit()).isZero();
    assertThat(completion.out()).contains("complete -F").contains("redvest-hub")
        .contains("--mqtt-tls-engine").contains("claim");
  }
}
