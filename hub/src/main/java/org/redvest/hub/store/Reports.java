package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionQuery;

/** The read side of the store, for the REST API; safe to call from any thread. */
public final class Reports {
  public static final int MAX_ROWS = 10_000;

  private final Database database;
  private final Chains chains;

  public Reports(Database database) {
    this.database = database;
    this.chains = new Chains(database);
  }

  /** Each terminal's hash chain, verified up to its committed events. */
  public Map<TerminalRef, ChainStatus> chains() {
    return chains.verify();
  }

  /**
   * The evidence of the stored events among {@code eventIds} (missing ids are left out), marked
   * {@link EndEvidence#chainBroken()} where the terminal's hash chain puts the payload in doubt.
   */
  public Map<UUID, EndEvidence> evidence(Collection<UUID> eventIds) {
    Map<UUID, EvidenceRows.Stored> stored = database.read("reading evidence", c -> EvidenceRows.of(c, eventIds));
    Map<TerminalRef, ChainStatus> chainStatus = stored.isEmpty() ? Map.of() : chains();
    Map<UUID, EndEvidence> evidence = new HashMap<>();
    stored.forEach((id, s) -> {
      ChainStatus chain = chainStatus.get(s.terminal());
      evidence.put(id, s.evidence().withChainBroken(chain != null && chain.doubts(s.seq())));
    });
    return evidence;
  }

  /** The stored events among {@code eventIds}, as their terminals sent them; others left out. */
  public Map<UUID, AttendanceEvent> events(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Map.of();
    }
    return database.read("reading events", c -> EventRows.byId(c, eventIds));
  }

  /** Every terminal the hub has heard from, by station then terminal. */
  public List<TerminalView> terminals() {
    return database.read("listing terminals", TerminalRows::all);
  }

  /** Materialised sessions matching {@code query}, oldest first, at most {@value #MAX_ROWS}. */
  public List<Session> sessions(SessionQuery query) {
    return database.read("listing sessions", c -> SessionRows.find(c, query, MAX_ROWS));
  }

  public List<DeadLetter> deadLetters(int limit) {
    return database.read("listing dead letters", c -> DeadLetterRows.newestFirst(c, limit));
  }

  public Counts counts() {
    return database.read("counting rows", c -> new Counts(
        count(c, "events"), count(c, "dead_letters"), count(c, "terminals"),
        count(c, "sessions")));
  }

  public boolean databaseHealthy() {
    return database.isHealthy();
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
