package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;
import org.redvest.terminal.screen.ScreenSettings;

/** The terminal's command line as an installer meets it: help, version, errors, completion. */
class MainTest {
  /** What one run of the command line printed, and its exit code. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    return runWith(Map.of(), "", args);
  }

  private static Run runWith(Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.commandLine(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args);
    // Help wraps at 80 columns wherever a word ends: compare the words, not the line breaks.
    return new Run(exit, oneLine(out.toString(StandardCharsets.UTF_8)),
        oneLine(err.toString(StandardCharsets.UTF_8)));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @Test
  void runHelp_describesEveryOptionWithItsDefaultAndVariable() {
    Run help = run("run", "--help");

    assertThat(help.exit()).isZero();
    for (Flag flag : TerminalOptions.ALL) {
      assertThat(help.out()).contains("--" + flag.name()).contains(Flags.environment(flag.name()));
    }
    assertThat(help.out())
        .contains("Default: tcp://localhost:1883; env REDVEST_BROKER")
        .contains("Default: 3m; env REDVEST_DEBOUNCE")
        .contains("--station=ID").contains("Required; or env REDVEST_STATION")
        .contains("Env REDVEST_EXIT_AT_END=true")
        .contains("REDVEST_FACE_KEY");
  }

  @Test
  void help_listsEveryCommand_andNoCommandIsAUsageError() {
    Run help = run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("run", "scan", "face", "demo-video", "enrol", "withdraw", "set-pin",
        "publish", "rotate-key", "generate-completion");

    Run none = run();
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("redvest-terminal: which command?");

    Run unknown = run("scna", "a.png");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("'scna'").contains("scan");
  }

  @Test
  void unknownOption_oneLineNamingIt_withTheNearestOne_exit2() {
    Run typo = run("run", "--station", "S1", "--terminal", "t1", "--brokr", "tcp://h:1883");

    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).startsWith("redvest-terminal run: Unknown option").contains("'--brokr'")
        .contains("--broker").contains("See 'redvest-terminal run --help'.");
  }

  @Test
  void badValue_namesTheOption_beforeAnythingStarts_exit2() {
    Run bad = run("run", "--station", "S1", "--terminal", "t1", "--debounce", "soon");

    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("redvest-terminal run: --debounce: must be a duration like 30s")
        .contains("was soon");
  }

  @Test
  void missingRequired_saysTheFlagAndTheVariable() {
    Run missing = run("rotate-key", "--data-dir", "x");

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("redvest-terminal rotate-key: --hub: is required (or REDVEST_HUB)");
  }

  @Test
  void version_namesTheTerminal() {
    Run version = run("--version");

    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("redvest-terminal ");
  }

  @Test
  void commands_haveTheirOwnHelp() {
    assertThat(run("enrol", "--help").out()).contains("--consent-id=ID", "--captures=N", "Default: 5",
        "--card-hub=URL", "REDVEST_VOLUNTEER");
    assertThat(run("withdraw", "--help").out()).contains("--volunteer=ID", "--operator=ID")
        .doesNotContain("--captures");
    assertThat(run("publish", "--help").out()).contains("--events=FILE.jsonl", "--wait", "Default: 10m");
    assertThat(run("face", "compare", "--help").out()).contains("--models=DIR", "A", "B");
    assertThat(run("scan", "--help").out()).contains("IMAGE");
    assertThat(run("demo-video", "--help").out()).contains("Default: demo");
    assertThat(run("set-pin", "--help").out()).contains("--manager=ID", "standard input");
  }

  @Test
  void setPin_readsThePinFromStandardInput_andKeepsItHashed(@TempDir Path dir) throws Exception {
    Run set = runWith(Map.of("REDVEST_DATA_DIR", dir.toString()), "4821\n", "set-pin", "--manager", "li");

    assertThat(set.exit()).as(set.err()).isZero();
    Path file = dir.resolve(ScreenSettings.PIN_FILE);
    assertThat(set.out()).contains("PIN of li stored as a salted hash in " + file);
    assertThat(Files.readString(file)).startsWith("li").doesNotContain("4821");

    Run tooShort = runWith(Map.of(), "12\n", "set-pin", "--data-dir", dir.toString(), "--manager", "li");
    assertThat(tooShort.exit()).isEqualTo(2);
  }

  @Test
  void generateCompletion_printsABashCompletionScriptForEveryCommand() {
    Run completion = run("generate-completion");

    assertThat(completion.exit()).isZero();
    assertThat(completion.out()).contains("complete -F").contains("redvest-terminal")
        .contains("--exit-at-end").contains("rotate-key").contains("--consent-id");
  }

  @Test
  void flagGivenTwice_keepsTheLast() {
    TerminalConfig config = TerminalOptions.parse(List.of("--station", "S1", "--terminal", "t1",
        "--broker", "tcp://a:1883", "--broker", "tcp://b:1883"), Map.of());

    assertThat(config.brokerUrl()).isEqualTo("tcp://b:1883");
  }
}
