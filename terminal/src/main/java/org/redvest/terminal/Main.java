package org.redvest.terminal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.TableCommand;
import org.redvest.terminal.face.opencv.FaceCommand;
import org.redvest.terminal.publish.PublishCommand;
import org.redvest.terminal.qr.ScanCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar redvest-terminal.jar COMMAND} (picocli): {@code run} the kiosk, {@code scan}
 * badge images, {@code face} photos, write the {@code demo-video}, {@code enrol} and
 * {@code withdraw} faces, {@code set-pin}, {@code publish} a file of events, {@code rotate-key},
 * {@code generate-completion}. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error.
 */
public final class Main {
  /** Template key file name in the data dir unless REDVEST_FACE_KEY names another place. */
  static final String FACE_KEY = "face-templates.key";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args)));
  }

  /** Runs {@code args} with this process's environment and standard streams (UTF-8). */
  static int run(List<String> args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    return commandLine(System.getenv(), System.in, out, err).execute(args.toArray(String[]::new));
  }

  /** The terminal's whole command line: options fall back to {@code env}. */
  static CommandLine commandLine(Map<String, String> env, InputStream in, PrintStream out,
      PrintStream err) {
    CommandLine line = new CommandLine(new Root());
    line.addSubcommand(TableCommand.commandLine(new RunCommand(env, out, err)));
    line.addSubcommand(ScanCommand.commandLine(out, err));
    line.addSubcommand(FaceCommand.commandLine(out, err));
    line.addSubcommand(new DemoVideoCommand(out));
    line.addSubcommand(TableCommand.commandLine(new EnrolCommand.Enrol(env, out, err)));
    line.addSubcommand(TableCommand.commandLine(new EnrolCommand.Withdraw(env, out, err)));
    line.addSubcommand(TableCommand.commandLine(new SetPinCommand(env, in, out)));
    line.addSubcommand(PublishCommand.commandLine(env, out, err));
    line.addSubcommand(TableCommand.commandLine(new RotateKeyCommand(env, out)));
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(false);
    line.addSubcommand(completion);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return Commands.settle(line);
  }

  @Command(name = Commands.NAME, mixinStandardHelpOptions = true,
      versionProvider = Commands.Version.class,
      description = "RedVest terminal: the kiosk at a volunteer service station, and the tools an"
          + " installer or a station manager runs beside it.",
      synopsisSubcommandLabel = "COMMAND",
      footerHeading = "%n",
      footer = {"'" + Commands.NAME + " COMMAND --help' shows a command's options. Exit codes: 0"
          + " done, 1 runtime failure, 2 bad usage or configuration."})
  private static final class Root implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      return Commands.usageError(spec, "which command? run, scan, face, demo-video, enrol, withdraw,"
          + " set-pin, publish, rotate-key or generate-completion");
    }
  }
}
