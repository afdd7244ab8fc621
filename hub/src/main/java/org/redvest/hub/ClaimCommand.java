package org.redvest.hub;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.redvest.hub.fleet.ClaimCode;
import org.redvest.hub.fleet.Fleet;
import org.redvest.hub.fleet.HubTls;
import org.redvest.hub.fleet.FleetException;
import org.redvest.hub.link.HubSigner;
import org.redvest.hub.store.Database;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * {@code java -jar redvest-hub.jar claim --station S --terminal T [--ttl 24h] [--data-dir data]}:
 * prints a one-time claim code for one kiosk. It writes to the hub's database directly, so it
 * works whether or not the hub is running (SQLite's WAL lets both write).
 */
final class ClaimCommand {
  static final String USAGE = "usage: java -jar redvest-hub.jar claim --station ID --terminal ID"
      + " [--ttl 24h] [--data-dir data] [--by NAME]";

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
    try (Database database = Database.open(dataDir.resolve(Hub.DATABASE_FILE));
        Fleet fleet = Fleet.open(database, HubConfig.defaults(dataDir).topics(),
            Clock.systemUTC(), HubSigner.open(dataDir))) {
      ClaimCode claim = fleet.createClaim(account, by, ttl);
      System.out.println(claim.code());
      String hub = HubTls.generatedPin(dataDir.resolve("fleet"))
          .map(pin -> "--hub https://HUB:" + TransportConfig.DEFAULT_HTTPS_PORT + " --hub-pin " + pin)
          .orElse("--hub http://HUB:" + HubConfig.DEFAULT_HTTP_PORT);
      System.err.println("claim code for " + account.username() + ", valid until "
          + claim.expiresAt() + ", single use: give it to the installer (terminal: --claim "
          + claim.code() + " " + hub + ")");
      return 0;
    } catch (FleetException e) {
      System.err.println("redvest-hub claim: " + e.getMessage());
      return 2;
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
