package org.redvest.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.fleet.ClaimCode;
import org.redvest.hub.fleet.Fleet;
import org.redvest.hub.fleet.HubTls;
import org.redvest.hub.fleet.FleetException;
import org.redvest.hub.link.HubSigner;
import org.redvest.hub.store.Database;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.fleet.TlsPin;

/**
 * {@code java -jar redvest-hub.jar claim --station S --terminal T [--ttl 24h] [--data-dir data]}:
 * prints a one-time claim code for one kiosk. It writes to the hub's database directly, so it
 * works whether or not the hub is running (SQLite's WAL lets both write). With {@code --bundle
 * FILE --hub URL} it also writes an offline bundle for a kiosk that cannot reach the hub at install
 * time (docs/security.md, "Offline bundles").
 */
final class ClaimCommand {
  static final String USAGE = "usage: java -jar redvest-hub.jar claim --station ID --terminal ID"
      + " [--ttl 24h] [--data-dir data] [--by NAME] [--tls-certificate PEM]"
      + " [--bundle FILE --hub https://HUB:8443 [--hub-pin SHA256:...]]";

  private ClaimCommand() {}

  static int run(String[] args, Map<String, String> env) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        System.err.println("redvest-hub claim: unexpected argument " + args[i] + "\n" + USAGE);
        return 2;
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    TerminalAccount account;
    Duration ttl;
    try {
      account = TerminalAccount.of(required(opts, "station"), required(opts, "terminal"));
      ttl = opts.containsKey("ttl") ? ConfigReader.duration(opts.get("ttl")) : Fleet.DEFAULT_CLAIM_TTL;
    } catch (ProtocolException | ConfigException | IllegalArgumentException e) {
      System.err.println("redvest-hub claim: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    Path dataDir = Path.of(opts.getOrDefault("data-dir",
        env.getOrDefault("REDVEST_HUB_DATA_DIR", "data")));
    String by = opts.getOrDefault("by", "cli:" + System.getProperty("user.name", "unknown"));
    URI bundleHub = null;
    if (opts.containsKey("bundle")) {
      try {
        bundleHub = URI.create(required(opts, "hub"));
        if (!ProvisioningBundle.isHubAddress(bundleHub)) {
          throw new IllegalArgumentException("--hub must be the hub's web address, like"
              + " https://hub.example.org:8443, was " + bundleHub);
        }
        if (opts.containsKey("hub-pin")) {
          TlsPin.parse(opts.get("hub-pin"));
          if (!"https".equals(bundleHub.getScheme())) {
            throw new IllegalArgumentException("--hub-pin pins an https --hub");
          }
        }
      } catch (IllegalArgumentException e) {
        System.err.println("redvest-hub claim: --bundle: " + e.getMessage() + "\n" + USAGE);
        return 2;
      }
    }
    HubSigner signer = HubSigner.open(dataDir);
    try (Database database = Database.open(dataDir.resolve(Hub.DATABASE_FILE));
        Fleet fleet = Fleet.open(database, HubConfig.defaults(dataDir).topics(),
            Clock.systemUTC(), signer)) {
      ClaimCode claim = fleet.createClaim(account, by, ttl);
      System.out.println(claim.code());
      if (bundleHub != null) {
        // A plain-http hub address carries no pin (it would check nothing); with a configured
        // certificate the installer gives --hub-pin, or the kiosk checks the system's authorities.
        String pin = opts.containsKey("hub-pin") ? opts.get("hub-pin")
            : !"https".equals(bundleHub.getScheme()) ? null
            : hubPin(opts, env, dataDir).map(TlsPin::toString).orElse(null);
        Path file = Path.of(opts.get("bundle"));
        writePrivate(file, signer.sign(new ProvisioningBundle(account, claim.code(), bundleHub,
            pin, signer.publicKey(), claim.expiresAt())));
        System.err.println("offline bundle for " + account.username() + " written to " + file
            + " (single use, valid until " + claim.expiresAt() + "; keep it as secret as the code)."
            + " The kiosk: run --bundle " + file.getFileName() + " ...");
        return 0;
      }
      String hub = hubPin(opts, env, dataDir)
          .map(pin -> "--hub https://HUB:" + TransportConfig.DEFAULT_HTTPS_PORT + " --hub-pin " + pin)
          .orElse("--hub https://HUB:" + TransportConfig.DEFAULT_HTTPS_PORT
              + "; the hub has made no TLS key yet: start it once, or pass --tls-certificate");
      System.err.println("claim code for " + account.username() + ", valid until "
          + claim.expiresAt() + ", single use: give it to the installer (terminal: --claim "
          + claim.code() + " " + hub + ")");
      return 0;
    } catch (FleetException e) {
      System.err.println("redvest-hub claim: " + e.getMessage());
      return 2;
    }
  }

  /**
   * The pin of the key the hub serves HTTPS with: its configured certificate ({@code
   * --tls-certificate} or {@code REDVEST_HUB_TLS_CERTIFICATE}, as the hub is started with), else
   * the key it made in its data directory, if it made one.
   */
  private static java.util.Optional<TlsPin> hubPin(Map<String, String> opts, Map<String, String> env,
      Path dataDir) {
    String configured = opts.getOrDefault("tls-certificate", env.get("REDVEST_HUB_TLS_CERTIFICATE"));
    if (configured != null) {
      return java.util.Optional.of(HubTls.certificatePin(Path.of(configured)));
    }
    return HubTls.generatedPin(dataDir.resolve("fleet"));
  }

  private static void writePrivate(Path file, byte[] content) {
    try {
      AtomicFiles.write(file, new String(content, java.nio.charset.StandardCharsets.UTF_8),
          "rw-------");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the bundle " + file, e);
    }
  }

  private static String required(Map<String, String> opts, String key) {
    String value = opts.get(key);
    if (value == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }
}
