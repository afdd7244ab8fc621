package org.redvest.terminal.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@code redvest-terminal}'s commands read their arguments and say what is wrong with them:
 * one line naming the option, the nearest known one for a typo, and where the help is; exit code
 * {@link #USAGE}.
 */
public final class Commands {
  /** The command's name on the command line and in every message. */
  public static final String NAME = "redvest-terminal";
  /** Done. */
  public static final int OK = 0;
  /** A runtime failure: the camera, the hub, the disk. */
  public static final int FAILED = 1;
  /** A usage or configuration error: nothing was done. */
  public static final int USAGE = 2;

  private Commands() {}

  /**
   * How every command reads arguments: a flag given twice keeps its last value (a script's
   * override); an option's value may be a command's name; an argument starting with {@code @} is
   * a value, not a file of arguments; bad usage exits {@link #USAGE} with {@link #usageError}.
   */
  public static CommandLine settle(CommandLine line) {
    return line.setOverwrittenOptionsAllowed(true)
        .setAllowSubcommandsAsOptionParameters(true)
        .setExpandAtFiles(false)
        .setParameterExceptionHandler(Commands::usageError);
  }

  /** A bad option or argument: one line naming it, the nearest option, and where the help is. */
  public static int usageError(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See '" + line.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return USAGE;
  }

  /** A command's own check of its options failed: said like picocli's own errors; exit 2. */
  public static int usageError(CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + message);
    err.println("See '" + spec.qualifiedName() + " --help'.");
    err.flush();
    return USAGE;
  }

  /** A runtime failure, said on one line: exit {@link #FAILED}. */
  public static int failed(CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + message);
    err.flush();
    return FAILED;
  }

  /** The version of this build, from the jar's manifest. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Commands.class.getPackage().getImplementationVersion();
      return new String[] {NAME + " " + (version == null ? "(development build)" : version)};
    }
  }
}
