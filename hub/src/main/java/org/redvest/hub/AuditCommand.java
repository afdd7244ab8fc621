package org.redvest.hub;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redvest.hub.audit.AuditException;
import org.redvest.hub.audit.AuditReport;
import org.redvest.hub.audit.StoreAudit;
import org.redvest.hub.store.StoreException;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;

/**
 * {@code java -jar redvest-hub.jar audit --data-dir DIR [--station S] [--json] [--strict]
 * [--list 20]}: re-verifies a whole store offline (docs/security.md, "Audit"). It reads through a
 * read-only connection, so it works while the hub runs. Exit code 0 when clean, 1 on any failure,
 * 2 on a usage error or a store that cannot be audited.
 */
final class AuditCommand {
  static final String USAGE = "usage: java -jar redvest-hub.jar audit [--data-dir data]"
      + " [--station ID] [--json] [--strict] [--list 20]";
  private static final Set<String> FLAGS = Set.of("json", "strict");
  private static final int DEFAULT_LISTED = 20;

  private AuditCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name != null && FLAGS.contains(name)) {
        opts.put(name, "true");
      } else if (name == null || i + 1 == args.length) {
        err.println("redvest-hub audit: unexpected argument " + args[i] + "\n" + USAGE);
        return 2;
      } else {
        opts.put(name, args[++i]);
      }
    }
    StoreAudit.Scope scope;
    try {
      scope = scope(opts);
    } catch (ProtocolException | IllegalArgumentException e) {
      err.println("redvest-hub audit: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    Path database = Path.of(opts.getOrDefault("data-dir",
        env.getOrDefault("REDVEST_HUB_DATA_DIR", "data"))).resolve(Hub.DATABASE_FILE);
    if (!Files.isRegularFile(database)) {
      err.println("redvest-hub audit: no hub database at " + database + "\n" + USAGE);
      return 2;
    }
    AuditReport report;
    try (StoreAudit audit = StoreAudit.onEveryCore()) {
      report = audit.run(database, scope);
    } catch (AuditException | StoreException e) {
      err.println("redvest-hub audit: " + e.getMessage());
      return 2;
    }
    out.print(opts.containsKey("json") ? report.json() + "\n" : report.text());
    return report.clean() ? 0 : 1;
  }

  private static StoreAudit.Scope scope(Map<String, String> opts) {
    for (String name : opts.keySet()) {
      if (!Set.of("data-dir", "station", "json", "strict", "list").contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    Optional<StationId> station = Optional.ofNullable(opts.get("station")).map(StationId::of);
    int listed = DEFAULT_LISTED;
    if (opts.containsKey("list")) {
      try {
        listed = Integer.parseInt(opts.get("list"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--list: must be a whole number, was " + opts.get("list"));
      }
    }
    return new StoreAudit.Scope(station, opts.containsKey("strict"), listed);
  }
}
