package org.redvest.hub;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redvest.hub.domain.fleet.ClaimCode;
import org.redvest.hub.domain.fleet.Fleet;
import org.redvest.hub.domain.fleet.FleetException;
import org.redvest.hub.domain.fleet.HubTls;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.store.Database;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.fleet.TlsPin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar redvest-hub.jar claim --station S --terminal T [--ttl 24h] [--data-dir data]}:
 * prints a one-time claim code for one kiosk. It writes to the hub's database directly, so it
 * works whether or not the hub is running (SQLite's WAL lets both write). With {@code --bundle
 * FILE --hub URL} it also writes an offline bundle for a kiosk that cannot reach the hub at install
 * time (docs/security.md, "Offline bundles").
 */
@Command(name = "claim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false,
    description = {"Prints a one-time code a kiosk uses to join the fleet (docs/security.md).",
        "With --bundle, also writes a signed offline bundle for a kiosk that cannot reach the hub"
            + " at install time."})
final class ClaimCommand implements Callable<Integer> {
  private final Map<String, String> env;
  @Spec private CommandSpec spec;

  @Option(names = "--station", required = true, paramLabel = "ID",
      description = "The kiosk's station, like JX-RJ-0001.")
  private String station;
  @Option(names = "--terminal", required = true, paramLabel = "ID",
      description = "The kiosk's terminal id, like kiosk-1.")
  private String terminal;
  @Option(names = "--ttl", paramLabel = "DURATION",
      description = "How long the code stays valid, like 2h or 3d; at most 7 days. Default: 24h.")
  private String ttl;
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The hub's data directory. Default: data; env REDVEST_HUB_DATA_DIR.")
  private Path dataDir;
  @Option(names = "--by", paramLabel = "NAME",
      description = "Who issued the code, for the fleet page. Default: cli:<your user name>.")
  private String by;
  @Option(names = "--tls-certificate", paramLabel = "PEM",
      description = "The certificate the hub serves HTTPS with, when configured (its pin goes to"
          + " the kiosk). Default: the key the hub made; env REDVEST_HUB_TLS_CERTIFICATE.")
  private Path tlsCertificate;
  @Option(names = "--bundle", paramLabel = "FILE",
      description = "Also write an offline bundle here (single use, as secret as the code).")
  private Path bundle;
  @Option(names = "--hub", paramLabel = "URL",
      description = "With --bundle: the hub's web address as kiosks reach it, like"
          + " https://hub.example.org:8443.")
  private String hub;
  @Option(names = "--hub-pin", paramLabel = "SHA256:...",
      description = "With --bundle: the pin of an https --hub's key. Default: the hub's own.")
  private String hubPin;

  ClaimCommand(Map<String, String> env) {
    this.env = env;
  }

  /** {@code args} from the command word {@code claim} on, as the hub's command line takes them. */
  static int run(String[] args, Map<String, String> env) {
    return Main.commandLine(env).execute(args);
  }

  @Override
  public Integer call() {
    TerminalAccount account;
    Duration validFor;
    try {
      account = TerminalAccount.of(station, terminal);
      validFor = ttl != null ? ConfigReader.duration(ttl) : Fleet.DEFAULT_CLAIM_TTL;
    } catch (ProtocolException | ConfigException | IllegalArgumentException e) {
      return Main.usageError(spec, e.getMessage());
    }
    Path dir = dataDir != null ? dataDir : Path.of(env.getOrDefault("REDVEST_HUB_DATA_DIR", "data"));
    String issuer = by != null ? by : "cli:" + System.getProperty("user.name", "unknown");
    URI bundleHub = null;
    if (bundle != null) {
      try {
        if (hub == null) {
          throw new IllegalArgumentException("--hub is required");
        }
        bundleHub = URI.create(hub);
        if (!ProvisioningBundle.isHubAddress(bundleHub)) {
          throw new IllegalArgumentException("--hub must be the hub's web address, like"
              + " https://hub.example.org:8443, was " + bundleHub);
        }
        if (hubPin != null) {
          TlsPin.parse(hubPin);
          if (!"https".equals(bundleHub.getScheme())) {
            throw new IllegalArgumentException("--hub-pin pins an https --hub");
          }
        }
      } catch (IllegalArgumentException e) {
        return Main.usageError(spec, "--bundle: " + e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HubSigner signer = HubSigner.open(dir);
    try (Database database = Database.open(dir.resolve(Hub.DATABASE_FILE));
        Fleet fleet = Fleet.open(database, HubConfig.defaults(dir).topics(),
            Clock.systemUTC(), signer)) {
      ClaimCode claim = fleet.createClaim(account, issuer, validFor);
      out.println(claim.code());
      out.flush();
      if (bundleHub != null) {
        // A plain-http hub address carries no pin (it would check nothing); with a configured
        // certificate the installer gives --hub-pin, or the kiosk checks the system's authorities.
        String pin = hubPin != null ? hubPin
            : !"https".equals(bundleHub.getScheme()) ? null
            : hubPin(dir).map(TlsPin::toString).orElse(null);
        writePrivate(bundle, signer.sign(new ProvisioningBundle(account, claim.code(), bundleHub,
            pin, signer.publicKey(), claim.expiresAt())));
        err.println("offline bundle for " + account.username() + " written to " + bundle
            + " (single use, valid until " + claim.expiresAt() + "; keep it as secret as the code)."
            + " The kiosk: run --bundle " + bundle.getFileName() + " ...");
        err.flush();
        return 0;
      }
      String hubHint = hubPin(dir)
          .map(p -> "--hub https://HUB:" + TransportConfig.DEFAULT_HTTPS_PORT + " --hub-pin " + p)
          .orElse("--hub https://HUB:" + TransportConfig.DEFAULT_HTTPS_PORT
              + "; the hub has made no TLS key yet: start it once, or pass --tls-certificate");
      err.println("claim code for " + account.username() + ", valid until "
          + claim.expiresAt() + ", single use: give it to the installer (terminal: --claim "
          + claim.code() + " " + hubHint + ")");
      err.flush();
      return 0;
    } catch (FleetException e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /**
   * The pin of the key the hub serves HTTPS with: its configured certificate ({@code
   * --tls-certificate} or {@code REDVEST_HUB_TLS_CERTIFICATE}, as the hub is started with), else
   * the key it made in its data directory, if it made one.
   */
  private java.util.Optional<TlsPin> hubPin(Path dir) {
    String configured = tlsCertificate != null ? tlsCertificate.toString()
        : env.get("REDVEST_HUB_TLS_CERTIFICATE");
    if (configured != null) {
      return java.util.Optional.of(HubTls.certificatePin(Path.of(configured)));
    }
    return HubTls.generatedPin(dir.resolve("fleet"));
  }

  private static void writePrivate(Path file, byte[] content) {
    try {
      AtomicFiles.write(file, new String(content, java.nio.charset.StandardCharsets.UTF_8),
          "rw-------");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the bundle " + file, e);
    }
  }
}
