package org.redvest.hub;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The hub's command line (picocli): {@code java -jar redvest-hub.jar [options]} runs the hub with
 * the settings of {@link HubOptions}; {@code claim}, {@code rotate-signing-key}, {@code audit},
 * {@code mosquitto-config} and {@code generate-completion} are its commands. Exit code 2 for a bad
 * configuration or usage, 1 when the hub cannot start.
 */
public final class Main {
  static final String NAME = "redvest-hub";

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The hub's whole command line; settings fall back to {@code env}. */
  static CommandLine commandLine(Map<String, String> env) {
    CommandLine line = new CommandLine(new RunHub(env));
    HubOptions.addTo(line.getCommandSpec());
    line.addSubcommand(new ClaimCommand(env));
    line.addSubcommand(new RotateSigningKeyCommand(env));
    line.addSubcommand(new AuditCommand(env));
    CommandLine mosquitto = new CommandLine(new MosquittoConfigCommand(env));
    HubOptions.addTo(mosquitto.getCommandSpec());
    line.addSubcommand(mosquitto);
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(false);
    line.addSubcommand(completion);
    line.setParameterExceptionHandler(Main::usageError);
    line.setExecutionStrategy(Main::execute);
    settle(line);
    return line;
  }

  /**
   * How the hub's command lines read arguments: a flag given twice keeps its last value (a
   * script's override); a setting's value may be a command's name ({@code --data-dir audit}); an
   * argument starting with {@code @} is a value, not a file of arguments.
   */
  static CommandLine settle(CommandLine line) {
    return line.setOverwrittenOptionsAllowed(true)
        .setAllowSubcommandsAsOptionParameters(true)
        .setExpandAtFiles(false);
  }

  /**
   * Runs the command asked for; hub settings given before a command's name are refused, as the
   * command would otherwise run without them (on {@code ./data} instead of {@code --data-dir}).
   */
  private static int execute(CommandLine.ParseResult parsed) {
    boolean settingsBefore = parsed.matchedOptions().stream()
        .anyMatch(o -> !o.usageHelp() && !o.versionHelp());
    if (parsed.hasSubcommand() && settingsBefore) {
      CommandSpec command = parsed.subcommand().commandSpec();
      return usageError(parsed.commandSpec(), "settings go after the command's name: "
          + command.qualifiedName() + " " + String.join(" ", HubOptions.given(parsed)) + " ...");
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** A bad option or argument: one line naming it, and where the help is. Exit code 2. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See '" + line.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return line.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** A command's own check of its options failed: said like picocli's own errors. */
  static int usageError(CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + message);
    err.println("See '" + spec.qualifiedName() + " --help'.");
    err.flush();
    return spec.exitCodeOnInvalidInput();
  }

  /** The version of this build, from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {NAME + " " + (version == null ? "(development build)" : version)};
    }
  }

  @Command(name = NAME, mixinStandardHelpOptions = true, versionProvider = Version.class,
      sortOptions = false,
      description = "RedVest hub: takes the kiosks' events over MQTT (its own broker, or an"
          + " external one), turns them into hours, and serves the dashboard and API.",
      footerHeading = "%nSettings%n",
      footer = {"Flags win over REDVEST_HUB_* environment variables, which win over --config FILE,"
          + " which wins over the defaults. Plain MQTT is served only on a loopback --mqtt-host,"
          + " plain HTTP only on a loopback --http-host, unless asked for insecurely"
          + " (docs/security.md).",
          "Exit codes: 1 cannot start, 2 bad configuration; stopped by a signal, the JVM's own"
              + " (143 after SIGTERM: SuccessExitStatus=143 in a systemd unit)."})
  private static final class RunHub implements Callable<Integer> {
    private final Map<String, String> env;
    @Spec private CommandSpec spec;

    RunHub(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter err = spec.commandLine().getErr();
      HubConfig config;
      try {
        config = HubConfig.parse(HubOptions.values(spec.commandLine().getParseResult()), env);
      } catch (ConfigException e) {
        return usageError(spec, "bad configuration: " + e.getMessage());
      }
      CountDownLatch stopped = new CountDownLatch(1);
      try (Hub hub = Hub.start(config)) {
        // The JVM exits once shutdown hooks return, so the hook closes the hub itself.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(hub, stopped),
            "hub-shutdown"));
        stopped.await();
        return 0;
      } catch (ConfigException e) {
        // A setting only the start could check, e.g. a --map file that cannot be drawn.
        return usageError(spec, "bad configuration: " + e.getMessage());
      } catch (RuntimeException e) {
        err.println(NAME + ": cannot start: " + e.getMessage());
        e.printStackTrace(err);
        err.flush();
        return 1;
      }
    }

    private static void shutDown(Hub hub, CountDownLatch stopped) {
      hub.close();
      stopped.countDown();
    }
  }
}
