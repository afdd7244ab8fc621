package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.WireCodec;

/** SQL of the events table. Statements are prepared once per batch. */
final class EventRows implements AutoCloseable {
  private final PreparedStatement insert;
  private final PreparedStatement findById;

  EventRows(Connection c) throws SQLException {
    insert = c.prepareStatement("INSERT INTO events (event_id, station, terminal, terminal_seq,"
        + " volunteer, kind, method, occurred_at, occurred_at_epoch_ms, received_at, payload)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    findById = c.prepareStatement(
        "SELECT station, terminal, terminal_seq FROM events WHERE event_id = ?");
  }

  /** What happened to one event. */
  record Outcome(Kind kind, String reason) {
    enum Kind { STORED, DUPLICATE, CONFLICT }
  }

  /**
   * Stores the event unless its eventId is already stored (a duplicate) or its terminal's
   * sequence number is taken by another event (a conflict).
   */
  Outcome insert(ReceivedEvent received) throws SQLException {
    AttendanceEvent e = received.event();
    insert.setString(1, e.eventId().toString());
    insert.setString(2, e.stationId().value());
    insert.setString(3, e.terminalId().value());
    insert.setLong(4, e.terminalSeq());
    insert.setString(5, e.volunteerId().value());
    insert.setString(6, e.kind().name());
    insert.setString(7, e.method().name());
    insert.setString(8, WireCodec.formatTime(e.occurredAt()));
    insert.setLong(9, e.occurredAt().toInstant().toEpochMilli());
    insert.setString(10, received.receivedAt().toString());
    insert.setString(11, received.payload());
    if (insert.executeUpdate() == 1) {
      return new Outcome(Outcome.Kind.STORED, null);
    }
    return classifyExisting(e);
  }

  private Outcome classifyExisting(AttendanceEvent e) throws SQLException {
    findById.setString(1, e.eventId().toString());
    try (ResultSet rs = findById.executeQuery()) {
      if (!rs.next()) {
        return new Outcome(Outcome.Kind.CONFLICT, "terminalSeq " + e.terminalSeq() + " of "
            + e.stationId() + "/" + e.terminalId() + " is already stored with a different eventId");
      }
      boolean same = rs.getString(1).equals(e.stationId().value())
          && rs.getString(2).equals(e.terminalId().value())
          && rs.getLong(3) == e.terminalSeq();
      if (same) {
        return new Outcome(Outcome.Kind.DUPLICATE, null);
      }
      return new Outcome(Outcome.Kind.CONFLICT, "eventId " + e.eventId() + " is already stored as "
          + rs.getString(1) + "/" + rs.getString(2) + " seq " + rs.getLong(3));
    }
  }

  @Override
  public void close() throws SQLException {
    insert.close();
    findById.close();
  }
}
