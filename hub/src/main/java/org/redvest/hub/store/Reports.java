package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.redvest.hub.hours.Session;

/** The read side of the store, for the REST API; safe to call from any thread. */
public final class Reports {
  public static final int MAX_ROWS = 10_000;

  private final Database database;

  public Reports(Database database) {
    this.database = database;
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
