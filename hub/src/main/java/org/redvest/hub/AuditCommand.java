package org.redvest.hub;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.redvest.hub.domain.audit.AuditAnchor;
import org.redvest.hub.domain.audit.AuditException;
import org.redvest.hub.domain.audit.AuditReport;
import org.redvest.hub.domain.audit.StoreAudit;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.store.StoreException;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar redvest-hub.jar audit --data-dir DIR [--station S] [--json] [--strict]
 * [--list 20]}: re-verifies a whole store offline (docs/security.md, "Audit"). It reads through a
 * read-only connection, so it works while the hub runs. Exit code 0 when clean, 1 on any failure,
 * 2 on a usage error or a store that cannot be audited.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false,
    description = {"Re-verifies every stored event's signature and chain, offline, also while the"
        + " hub runs (docs/security.md, \"Audit\").",
        "Exit codes: 0 clean, 1 failures found, 2 bad usage or a store that cannot be audited."})
final class AuditCommand implements Callable<Integer> {
  private static final int DEFAULT_LISTED = 20;

  private final Map<String, String> env;
  @Spec private CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The hub's data directory. Default: data; env REDVEST_HUB_DATA_DIR.")
  private Path dataDir;
  @Option(names = "--station", paramLabel = "ID", description = "Only this station's terminals.")
  private String station;
  @Option(names = "--json", description = "The report as JSON.")
  private boolean json;
  @Option(names = "--strict", description = "Also fail on unsigned events received before"
      + " their terminal joined the fleet (data older than signing).")
  private boolean strict;
  @Option(names = "--list", paramLabel = "N",
      description = "List at most this many failures per kind. Default: " + DEFAULT_LISTED + ".")
  private Integer list;
  @Option(names = "--anchor", paramLabel = "FILE",
      description = "Check against the last clean audit's signed anchor here, and write the new"
          + " one after a clean audit (keep a copy away from this machine).")
  private Path anchorFile;

  AuditCommand(Map<String, String> env) {
    this.env = env;
  }

  /** {@code args} from the command word {@code audit} on, printing to {@code out} and {@code err}. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine line = Main.commandLine(env);
    line.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    line.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    return line.execute(args);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StoreAudit.Scope scope;
    try {
      scope = scope();
    } catch (ProtocolException | IllegalArgumentException e) {
      return Main.usageError(spec, e.getMessage());
    }
    Path dir = dataDir != null ? dataDir : Path.of(env.getOrDefault("REDVEST_HUB_DATA_DIR", "data"));
    Path database = dir.resolve(Hub.DATABASE_FILE);
    if (!Files.isRegularFile(database)) {
      return Main.usageError(spec, "no hub database at " + database);
    }
    AuditReport report;
    AuditAnchor previous = null;
    try (StoreAudit audit = StoreAudit.onEveryCore()) {
      if (anchorFile != null && !Files.exists(anchorFile)) {
        err.println("no anchor at " + anchorFile + " yet: this audit starts one. If the file was"
            + " there before, events deleted since it was written go unnoticed this time.");
      }
      if (anchorFile != null && Files.exists(anchorFile)) {
        previous = AuditAnchor.read(Files.readAllBytes(anchorFile), HubSigner.open(dir));
        scope = new StoreAudit.Scope(scope.station(), scope.strict(), scope.maxListed(),
            previous.tips());
      }
      report = audit.run(database, scope);
    } catch (AuditException | StoreException e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println(spec.qualifiedName() + ": cannot read the anchor " + anchorFile + ": " + e);
      return 2;
    }
    out.print(json ? report.json() + "\n" : report.text());
    out.flush();
    if (anchorFile != null) {
      anchor(anchorFile, previous, report, dir, err);
    }
    err.flush();
    return report.clean() ? 0 : 1;
  }

  /**
   * After a clean audit, writes where each terminal's chain ends now, signed by the hub, over the
   * previous anchor (terminals outside {@code --station} keep theirs); after a failed one the
   * previous anchor stays, so the next audit fails the same way.
   */
  private static void anchor(Path file, AuditAnchor previous, AuditReport report, Path dataDir,
      PrintWriter err) {
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
      err.println(Main.NAME + " audit: cannot write the anchor " + file + ": " + e);
      return;
    }
    err.println("anchor written to " + file + ": " + tips.size() + " terminal(s); keep a copy"
        + " away from this machine and pass it to the next audit");
  }

  private StoreAudit.Scope scope() {
    Optional<StationId> only = Optional.ofNullable(station).map(StationId::of);
    int listed = list == null ? DEFAULT_LISTED : list;
    return new StoreAudit.Scope(only, strict, listed);
  }
}
