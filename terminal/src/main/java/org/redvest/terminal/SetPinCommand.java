package org.redvest.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;
import org.redvest.terminal.screen.ManagerPin;
import org.redvest.terminal.screen.ScreenSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code redvest-terminal set-pin}: a station manager's PIN for the kiosk's manager screen. */
@Command(name = "set-pin", mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class, sortOptions = false,
    description = {"Sets a station manager's PIN for the manager screen.", "Sets a station manager's PIN for the kiosk's manager screen, read from standard"
        + " input (4 to 12 digits) and kept as a salted hash in DATA-DIR/manager-pin."})
final class SetPinCommand implements Callable<Integer> {
  static final List<Flag> FLAGS = List.of(
      Flags.value("data-dir", "DIR", "The terminal's data directory.", "data/terminal"),
      Flags.required("manager", "ID", "The manager's id, shown in the audit of what they do."));

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  @Spec private CommandSpec spec;

  SetPinCommand(Map<String, String> env, InputStream in, PrintStream out) {
    this.env = env;
    this.in = in;
    this.out = out;
  }

  @Override
  public Integer call() {
    Flags.Values values = new Flags.Values(FLAGS, Flags.given(spec.commandLine().getParseResult()), env);
    Path file;
    String manager;
    try {
      file = Path.of(values.required("data-dir")).resolve(ScreenSettings.PIN_FILE);
      manager = values.required("manager");
      String pin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      ManagerPin.write(file, manager, pin == null ? "" : pin.strip());
    } catch (IllegalArgumentException e) {
      return Commands.usageError(spec, e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      return Commands.failed(spec, e.getMessage());
    }
    out.println("PIN of " + manager + " stored as a salted hash in " + file);
    return Commands.OK;
  }
}
