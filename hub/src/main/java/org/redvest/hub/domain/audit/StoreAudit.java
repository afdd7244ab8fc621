package org.redvest.hub.domain.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.StoreException;
import org.redvest.protocol.StationId;

/**
 * Re-verifies a whole store: streams {@code events} in {@code (station, terminal, terminalSeq)}
 * order (the order of their unique index, so no sort) through one read-only connection in one
 * read transaction (one consistent snapshot, even while the hub writes), checks chunks of rows on
 * a pool of verifying threads, and tallies the results in order on the calling thread, which also
 * follows each terminal's chain. At most a few chunks per thread are in flight, so memory stays
 * flat however large the store.
 */
public final class StoreAudit implements AutoCloseable {
  private static final int CHUNK = 256;
  private static final int CHUNKS_PER_THREAD = 4;
  private static final String COLUMNS = "event_id, station, terminal, terminal_seq, volunteer,"
      + " kind, method, occurred_at_epoch_ms, received_at, payload";

  private final ExecutorService verifiers;
  private final int window;

  private StoreAudit(int threads) {
    AtomicInteger n = new AtomicInteger();
    this.verifiers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "audit-verify-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.window = threads * CHUNKS_PER_THREAD;
  }

  /** An audit that verifies on one thread per core; {@link #close()} stops them. */
  public static StoreAudit onEveryCore() {
    return new StoreAudit(Runtime.getRuntime().availableProcessors());
  }

  /**
   * What is asked: which station (all when empty), strict, how many failures to list, and the
   * anchor of the last clean audit to compare with (empty: none).
   */
  public record Scope(Optional<StationId> station, boolean strict, int maxListed,
      Map<String, AuditAnchor.Tip> anchored) {
    public Scope {
      if (maxListed < 0) {
        throw new IllegalArgumentException("maxListed: must be 0 or more, was " + maxListed);
      }
      anchored = Map.copyOf(anchored);
    }

    public Scope(Optional<StationId> station, boolean strict, int maxListed) {
      this(station, strict, maxListed, Map.of());
    }

    /** Whether {@code terminal} ({@code S/T}) is one this audit reads. */
    boolean covers(String terminal) {
      return station.isEmpty() || terminal.startsWith(station.get().value() + "/");
    }
  }

  /**
   * Audits the store in {@code database}.
   *
   * @throws AuditException when the store cannot be audited (missing, older than the fleet)
   */
  public AuditReport run(Path database, Scope scope) {
    long started = System.nanoTime();
    try (Connection c = Database.readOnly(database)) {
      c.setAutoCommit(false); // one read transaction: the fleet and the events of one moment
      if (!AuditFleet.hasTable(c, "fleet_keys")) {
        throw new AuditException("the store at " + database + " predates signed events (schema"
            + " version 11): start the hub once on it to upgrade it, then audit");
      }
      AuditFleet fleet = AuditFleet.load(c);
      Tallies tallies = new Tallies(fleet, scope);
      stream(c, scope, fleet, tallies);
      c.rollback();
      return tallies.report(Duration.ofNanos(System.nanoTime() - started));
    } catch (SQLException e) {
      throw new StoreException("auditing " + database, e);
    }
  }

  private void stream(Connection c, Scope scope, AuditFleet fleet, Tallies tallies)
      throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM events"
        + (scope.station().isPresent() ? " WHERE station = ?" : "")
        + " ORDER BY station, terminal, terminal_seq";
    Deque<CompletableFuture<List<EventCheck>>> inFlight = new ArrayDeque<>();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      if (scope.station().isPresent()) {
        st.setString(1, scope.station().get().value());
      }
      try (ResultSet rs = st.executeQuery()) {
        List<StoredEvent> chunk = new ArrayList<>(CHUNK);
        while (rs.next()) {
          chunk.add(row(rs));
          if (chunk.size() == CHUNK) {
            inFlight.add(check(chunk, fleet));
            chunk = new ArrayList<>(CHUNK);
            if (inFlight.size() >= window) {
              tallies.addAll(inFlight.poll().join());
            }
          }
        }
        inFlight.add(check(chunk, fleet));
      }
    }
    while (!inFlight.isEmpty()) {
      tallies.addAll(inFlight.poll().join());
    }
  }

  private CompletableFuture<List<EventCheck>> check(List<StoredEvent> rows, AuditFleet fleet) {
    return CompletableFuture.supplyAsync(
        () -> rows.stream().map(r -> EventCheck.of(r, fleet)).toList(), verifiers);
  }

  private static StoredEvent row(ResultSet rs) throws SQLException {
    return new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
        Instant.parse(rs.getString(9)), rs.getString(10).getBytes(StandardCharsets.UTF_8));
  }

  /** The per-terminal tallies, fed in stream order on the calling thread. */
  private static final class Tallies {
    private final AuditFleet fleet;
    private final Scope scope;
    private final List<TerminalSummary> done = new ArrayList<>();
    private final List<Finding> listed = new ArrayList<>();
    private TerminalTally current;
    private long events;

    Tallies(AuditFleet fleet, Scope scope) {
      this.fleet = fleet;
      this.scope = scope;
    }

    void addAll(List<EventCheck> checks) {
      for (EventCheck e : checks) {
        if (current == null || !current.terminal().equals(e.terminal())) {
          finishTerminal();
          current = new TerminalTally(e.terminal(), fleet.revokedAt(e.terminal()),
              Optional.ofNullable(scope.anchored().get(e.terminal())));
        }
        events++;
        current.add(e, fleet, scope.strict(), this::list);
      }
    }

    private void list(Finding f) {
      if (listed.size() < scope.maxListed()) {
        listed.add(f);
      }
    }

    private void finishTerminal() {
      if (current != null) {
        current.finish(this::list);
        done.add(current.summary());
        current = null;
      }
    }

    AuditReport report(Duration took) {
      finishTerminal();
      // Anchored terminals with no event left at all.
      java.util.Set<String> seen = new java.util.HashSet<>();
      done.forEach(t -> seen.add(t.terminal()));
      new java.util.TreeMap<>(scope.anchored()).forEach((terminal, tip) -> {
        if (scope.covers(terminal) && !seen.contains(terminal)) {
          current = new TerminalTally(terminal, fleet.revokedAt(terminal), Optional.of(tip));
          finishTerminal();
        }
      });
      long failures = done.stream().mapToLong(TerminalSummary::failures).sum();
      return new AuditReport(List.copyOf(done), List.copyOf(listed), failures, events, took,
          scope.strict());
    }
  }

  /** Stops the verifying threads. Idempotent. */
  @Override
  public void close() {
    verifiers.shutdownNow();
  }
}
