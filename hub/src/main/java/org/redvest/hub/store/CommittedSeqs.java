package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Advances terminals' committed sequence numbers inside an ingest transaction. The statements
 * are prepared once per batch, which touches every terminal that sent events (hundreds in a
 * burst).
 */
final class CommittedSeqs implements AutoCloseable {
  private final PreparedStatement current;
  private final PreparedStatement storedAfter;
  private final PreparedStatement update;

  CommittedSeqs(Connection c) throws SQLException {
    // One statement both registers a new terminal and reads the committed seq (a no-op update,
    // because DO NOTHING returns no row for an existing one).
    current = c.prepareStatement("INSERT INTO terminals (station, terminal) VALUES (?, ?)"
        + " ON CONFLICT (station, terminal) DO UPDATE SET committed_seq = committed_seq"
        + " RETURNING committed_seq");
    // Events held from a revoked terminal count as received here: the ack lets its outbox drain.
    storedAfter = c.prepareStatement("SELECT terminal_seq FROM events"
        + " WHERE station = ? AND terminal = ? AND terminal_seq > ?"
        + " UNION SELECT terminal_seq FROM fleet_held"
        + " WHERE station = ? AND terminal = ? AND terminal_seq > ? ORDER BY 1");
    update = c.prepareStatement(
        "UPDATE terminals SET committed_seq = ? WHERE station = ? AND terminal = ?");
  }

  /**
   * Moves the terminal's committed sequence number over every contiguous stored (or held) seq
   * after it; a gap holds it back until the missing event arrives. Returns the new committed seq.
   */
  long advance(TerminalRef t) throws SQLException {
    long committed = committedSeq(t);
    long advanced = contiguousFrom(t, committed);
    if (advanced != committed) {
      update.setLong(1, advanced);
      bind(update, t, 2);
      update.executeUpdate();
    }
    return advanced;
  }

  private long committedSeq(TerminalRef t) throws SQLException {
    bind(current, t, 1);
    try (ResultSet rs = current.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long contiguousFrom(TerminalRef t, long committed) throws SQLException {
    long next = committed + 1;
    bind(storedAfter, t, 1);
    storedAfter.setLong(3, committed);
    bind(storedAfter, t, 4);
    storedAfter.setLong(6, committed);
    try (ResultSet rs = storedAfter.executeQuery()) {
      while (rs.next() && rs.getLong(1) == next) {
        next++;
      }
    }
    return next - 1;
  }

  private static void bind(PreparedStatement st, TerminalRef t, int first) throws SQLException {
    st.setString(first, t.stationId().value());
    st.setString(first + 1, t.terminalId().value());
  }

  @Override
  public void close() throws SQLException {
    current.close();
    storedAfter.close();
    update.close();
  }
}
