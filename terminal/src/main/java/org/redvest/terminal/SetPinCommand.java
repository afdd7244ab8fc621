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
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;
import org.redvest.terminal.cli.TableCommand;
import org.redvest.terminal.screen.ManagerPin;
import org.redvest.terminal.screen.ScreenSettings;
import picocli.CommandLine.Command;

/** {@code redvest-terminal set-pin}: a station manager's PIN for the kiosk's manager screen. */
@Command(name = "set-pin", mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class, sortOptions = false,
    description = {"Sets a station manager's PIN for the manager screen.", "Sets a station manager's PIN for the kiosk's manager screen, read from standard"
        + " input (4 to 12 digits) and kept as a salted hash in DATA-DIR/manager-pin."})
final class SetPinCommand extends TableCommand<SetPinCommand.Options> {
  static final List<Flag> FLAGS = List.of(
      Flags.value("data-dir", "DIR", "The terminal's data directory.", "data/terminal"),
      Flags.required("manager", "ID", "The manager's id, shown in the audit of what they do."));

  /** Where the PINs are kept, and whose PIN this is. */
  record Options(Path file, String manager) {}

  private final InputStream in;
  private final PrintStream out;

  SetPinCommand(Map<String, String> env, InputStream in, PrintStream out) {
    super(FLAGS, env);
    this.in = in;
    this.out = out;
  }

  @Override
  protected Options read(Flags.Values values) {
    return new Options(Path.of(values.required("data-dir")).resolve(ScreenSettings.PIN_FILE),
        values.required("manager"));
  }

  @Override
  protected int run(Options o) {
    try {
      String pin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      ManagerPin.write(o.file(), o.manager(), pin == null ? "" : pin.strip());
    } catch (IllegalArgumentException e) {
      return Commands.usageError(spec(), e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      return Commands.failed(spec(), e.getMessage());
    }
    out.println("PIN of " + o.manager() + " stored as a salted hash in " + o.file());
    return Commands.OK;
  }
}
