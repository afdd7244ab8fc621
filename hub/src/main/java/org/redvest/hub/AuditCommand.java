package org.redvest.hub;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.redvest.hub.audit.AuditAnchor;
import org.redvest.hub.audit.AuditException;
import org.redvest.hub.audit.AuditReport;
import org.redvest.hub.audit.StoreAudit;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.link.HubSigner;
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
      + " [--station ID] [--json] [--strict] [--list 20] [--anchor FILE]";
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
    Path dataDir = Path.of(opts.getOrDefault("data-dir",
        env.getOrDefault("REDVEST_HUB_DATA_DIR", "data")));
    Path database = dataDir.resolve(Hub.DATABASE_FILE);
    if (!Files.isRegularFile(database)) {
      err.println("redvest-hub audit: no hub database at " + database + "\n" + USAGE);
      return 2;
    }
    Path anchorFile = opts.containsKey("anchor") ? Path.of(opts.get("anchor")) : null;
    AuditReport report;
    AuditAnchor previous = null;
    try (StoreAudit audit = StoreAudit.onEveryCore()) {
      if (anchorFile != null && !Files.exists(anchorFile)) {
        err.println("no anchor at " + anchorFile + " yet: this audit starts one. If the file was"
            + " there before, events deleted since it was written go unnoticed this time.");
      }
      if (anchorFile != null && Files.exists(anchorFile)) {
        previous = AuditAnchor.read(Files.readAllBytes(anchorFile), HubSigner.open(dataDir));
        scope = new StoreAudit.Scope(scope.station(), scope.strict(), scope.maxListed(),
            previous.tips());
      }
      report = audit.run(database, scope);
    } catch (AuditException | StoreException e) {
      err.println("redvest-hub audit: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("redvest-hub audit: cannot read the anchor " + anchorFile + ": " + e);
      return 2;
    }
    out.print(opts.containsKey("json") ? report.json() + "\n" : report.text());
    if (anchorFile != null) {
      anchor(anchorFile, previous, report, dataDir, err);
    }
    return report.clean() ? 0 : 1;
  }

  /**
   * After a clean audit, writes where each terminal's chain ends now, signed by the hub, over the
   * previous anchor (terminals outside {@code --station} keep theirs); after a failed one the
   * previous anchor stays, so the next audit fails the same way.
   */
  private static void anchor(Path file, AuditAnchor previous, AuditReport report, Path dataDir,
      PrintStream err) {
    if (!report.clean()) {
      err.println("anchor " + file + (previous == null ? " not written" : " kept as it was")
          + ": the audit failed");
      return;
    }
    Map<String, AuditAnchor.Tip> tips = new TreeMap<>(previous == null ? Map.of() : previous.tips());
    report.terminals().stream().filter(t -> t.lastSeq() > 0)
        .forEach(t -> tips.put(t.terminal(), new AuditAnchor.Tip(t.lastSeq(), t.lastHash())));
    try {
      AtomicFiles.write(file, new String(new AuditAnchor(Instant.now(), tips)
          .sign(HubSigner.open(dataDir)), StandardCharsets.UTF_8), "rw-------");
    } catch (IOException e) {
      err.println("redvest-hub audit: cannot write the anchor " + file + ": " + e);
      return;
    }
    err.println("anchor written to " + file + ": " + tips.size() + " terminal(s); keep a copy"
        + " away from this machine and pass it to the next audit");
  }

  private static StoreAudit.Scope scope(Map<String, String> opts) {
    for (String name : opts.keySet()) {
      if (!Set.of("data-dir", "station", "json", "strict", "list", "anchor").contains(name)) {
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
