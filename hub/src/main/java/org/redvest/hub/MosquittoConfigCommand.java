package org.redvest.hub;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redvest.hub.domain.fleet.Fleet;
import org.redvest.hub.domain.fleet.HubBrokerPassword;
import org.redvest.hub.domain.fleet.MosquittoSecurity;
import org.redvest.hub.domain.fleet.MosquittoStatus;
import org.redvest.hub.store.Database;
import org.redvest.hub.transport.link.HubSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar redvest-hub.jar mosquitto-config [the hub's own flags or --config]}: writes an
 * external Mosquitto's password file, ACL file and {@code redvest.conf} from the hub's data
 * directory and runs the reload command, without starting the hub (docs/security.md, "External
 * brokers"). For the first installation: Mosquitto must know the hub's login before the hub can
 * connect. It reads the hub's database directly, so it also works while the hub runs.
 */
@Command(name = "mosquitto-config", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class, sortOptions = false,
    description = {"Writes an external Mosquitto's password, ACL and listener files from the"
        + " hub's data directory and runs the reload command, without starting the hub"
        + " (docs/security.md, \"External brokers\"). Takes the hub's own settings; needs"
        + " --broker-url and --mosquitto-dir.",
        "Exit codes: 0 written (and reloaded), 1 not, 2 bad configuration."})
final class MosquittoConfigCommand implements Callable<Integer> {
  private final Map<String, String> env;
  @Spec private CommandSpec spec;

  MosquittoConfigCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    return run(() -> HubConfig.parse(HubOptions.values(spec.commandLine().getParseResult()), env),
        spec.commandLine().getErr());
  }

  /** {@code args} without the command word; 0 when written (and reloaded), 1 when not, 2 on bad flags. */
  static int run(String[] args, Map<String, String> env) {
    return run(() -> HubConfig.parse(args, env), new PrintWriter(System.err, true));
  }

  private static int run(java.util.function.Supplier<HubConfig> configuration, PrintWriter err) {
    String name = Main.NAME + " mosquitto-config";
    HubConfig config;
    try {
      config = configuration.get();
    } catch (ConfigException e) {
      err.println(name + ": " + e.getMessage() + "\nSee '" + name + " --help'.");
      return 2;
    }
    if (config.mosquittoSecurity().isEmpty()) {
      err.println(name + ": --mosquitto-dir is required\nSee '" + name + " --help'.");
      return 2;
    }
    HubConfig.Mosquitto settings = config.mosquittoSecurity().get();
    Clock clock = Clock.systemUTC();
    try {
      // Before the hub's first start, too: the data directory may not exist yet.
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      err.println(name + ": cannot create " + config.dataDir() + ": " + e);
      return 1;
    }
    try (Database database = Database.open(config.dataDir().resolve(Hub.DATABASE_FILE));
        Fleet fleet = Fleet.open(database, config.topics(), clock, HubSigner.open(config.dataDir()))) {
      // The TLS listener serves the hub's own key, made here if the hub has not started yet.
      MosquittoSecurity files = MosquittoSecurity.of(fleet, settings.dir(),
          HubBrokerPassword.readOrCreate(config.dataDir()), settings.reloadCommand(), clock,
          Hub.tls(config, clock), settings.tlsPort());
      MosquittoStatus status = files.write();
      err.println("wrote " + MosquittoSecurity.CONF_FILE + ", " + MosquittoSecurity.PASSWORD_FILE
          + " and " + MosquittoSecurity.ACL_FILE + (files.tlsPort() > 0 ? ", and the hub's TLS key for"
          + " MQTT over TLS on port " + files.tlsPort() : "") + " in " + status.dir() + " (" + status.terminals()
          + " terminals" + (status.unlisted().isEmpty() ? "" : "; left out until claimed again: "
          + status.unlisted()) + "); reload " + status.reload() + ": " + status.detail());
      return status.reload() == MosquittoStatus.Reload.FAILED ? 1 : 0;
    }
  }
}
