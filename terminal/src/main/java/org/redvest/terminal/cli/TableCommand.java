package org.redvest.terminal.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command whose options are a table of {@link Flags.Flag}s: it {@link #read}s them into its own
 * options (an {@link IllegalArgumentException} naming the option is a usage error, exit 2) and
 * then {@link #run}s with them. {@code RotateKeyCommand} is the smallest.
 *
 * @param <O> the command's options, checked
 */
public abstract class TableCommand<O> implements Callable<Integer> {
  private final List<Flags.Flag> flags;
  private final Map<String, String> env;
  @Spec private CommandSpec spec;

  protected TableCommand(List<Flags.Flag> flags, Map<String, String> env) {
    this.flags = List.copyOf(flags);
    this.env = env;
  }

  /** The command line of {@code command}, with its table's options and their help. */
  public static CommandLine commandLine(TableCommand<?> command) {
    CommandLine line = new CommandLine(command);
    Flags.addTo(line.getCommandSpec(), command.flags);
    return line;
  }

  /**
   * The options, from {@code values} (flag, else environment, else default).
   *
   * @throws IllegalArgumentException naming the option that is missing or wrong
   */
  protected abstract O read(Flags.Values values);

  /** Does the work; returns the exit code ({@link Commands#OK}, {@link Commands#FAILED}, …). */
  protected abstract int run(O options);

  /** The environment the options fall back to, for settings that are not options. */
  protected final Map<String, String> env() {
    return env;
  }

  /** This command's picocli model, for its messages. */
  protected final CommandSpec spec() {
    return spec;
  }

  @Override
  public final Integer call() {
    O options;
    try {
      options = read(new Flags.Values(flags, Flags.given(spec.commandLine().getParseResult()), env));
    } catch (IllegalArgumentException e) {
      return Commands.usageError(spec, e.getMessage());
    }
    return run(options);
  }
}
