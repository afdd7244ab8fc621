package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redvest.hub.hours.Receipt;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.VolunteerId;

/**
 * SQL of the event_receipt table: what the hub measured when each event arrived (terminal clock
 * offset, delay). Written by the ingest writer inside the batch's transaction.
 */
final class ReceiptRows {
  private ReceiptRows() {}

  /**
   * Measures and stores the receipt of each newly stored event against its terminal's latest
   * heartbeat (the batch's heartbeats are saved first, so they count).
   */
  static void insert(Connection c, List<ReceivedEvent> stored) throws SQLException {
    if (stored.isEmpty()) {
      return;
    }
    Map<TerminalRef, Optional<Receipt.ClockReading>> clocks = new HashMap<>();
    try (PreparedStatement st = c.prepareStatement("INSERT INTO event_receipt (event_id, station,"
        + " terminal, received_at, received_at_epoch_ms, recorded_offline, clock_offset_ms, delay_ms,"
        + " offset_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (ReceivedEvent received : stored) {
        Optional<Receipt.ClockReading> clock = clocks.get(received.terminal());
        if (clock == null) {
          clock = latestHeartbeat(c, received.terminal());
          clocks.put(received.terminal(), clock);
        }
        AttendanceEvent e = received.event();
        Receipt receipt = Receipt.measure(e, received.receivedAt(), clock.orElse(null));
        st.setString(1, e.eventId().toString());
        st.setString(2, e.stationId().value());
        st.setString(3, e.terminalId().value());
        st.setString(4, received.receivedAt().toString());
        st.setLong(5, received.receivedAt().toEpochMilli());
        Boolean offline = e.evidence().recordedOffline();
        if (offline == null) {
          st.setNull(6, Types.INTEGER);
        } else {
          st.setInt(6, offline ? 1 : 0);
        }
        bindOffset(st, 7, 9, receipt);
        st.setLong(8, receipt.delayMs());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /**
   * Completes the receipts of events that arrived shortly before a heartbeat of their terminal
   * and had no offset (recorded offline, delivered after a reconnect before the first heartbeat).
   *
   * @return the volunteers of the completed events, whose sessions must be recomputed
   */
  static Set<VolunteerId> completeWithHeartbeats(Connection c, List<HeartbeatReport> heartbeats)
      throws SQLException {
    Set<VolunteerId> volunteers = new LinkedHashSet<>();
    if (heartbeats.isEmpty()) {
      return volunteers;
    }
    try (PreparedStatement find = c.prepareStatement("SELECT r.event_id, r.received_at, r.delay_ms,"
        + " e.volunteer FROM event_receipt r JOIN events e ON e.event_id = r.event_id"
        + " WHERE r.station = ? AND r.terminal = ? AND r.offset_source IS NULL"
        + " AND r.received_at_epoch_ms BETWEEN ? AND ?");
        PreparedStatement update = c.prepareStatement("UPDATE event_receipt SET clock_offset_ms = ?,"
            + " delay_ms = ?, offset_source = ? WHERE event_id = ?")) {
      for (HeartbeatReport h : heartbeats) {
        Receipt.ClockReading clock = new Receipt.ClockReading(h.heartbeat().at().toInstant(), h.receivedAt());
        find.setString(1, h.terminal().stationId().value());
        find.setString(2, h.terminal().terminalId().value());
        find.setLong(3, h.receivedAt().minus(Receipt.HEARTBEAT_MAX_AGE).toEpochMilli());
        find.setLong(4, h.receivedAt().toEpochMilli());
        try (ResultSet rs = find.executeQuery()) {
          while (rs.next()) {
            Receipt before = new Receipt(Instant.parse(rs.getString(2)), null, rs.getLong(3), null);
            Receipt after = before.withHeartbeat(clock);
            update.setLong(1, after.clockOffsetMs());
            update.setLong(2, after.delayMs());
            update.setString(3, after.source().name());
            update.setString(4, rs.getString(1));
            update.addBatch();
            volunteers.add(VolunteerId.of(rs.getString(4)));
          }
        }
      }
      update.executeBatch();
    }
    return volunteers;
  }

  /** The receipt stored for an event, or null (events stored before schema version 7). */
  static Receipt read(ResultSet rs, int receivedAtColumn, int offsetColumn, int delayColumn,
      int sourceColumn) throws SQLException {
    long delay = rs.getLong(delayColumn);
    if (rs.wasNull()) {
      return null;
    }
    long offset = rs.getLong(offsetColumn);
    Long offsetMs = rs.wasNull() ? null : offset;
    String source = rs.getString(sourceColumn);
    return new Receipt(Instant.parse(rs.getString(receivedAtColumn)), offsetMs, delay,
        source == null ? null : Receipt.OffsetSource.valueOf(source));
  }

  private static Optional<Receipt.ClockReading> latestHeartbeat(Connection c, TerminalRef terminal)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT heartbeat_at, heartbeat_received_at"
        + " FROM terminals WHERE station = ? AND terminal = ?")) {
      st.setString(1, terminal.stationId().value());
      st.setString(2, terminal.terminalId().value());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null || rs.getString(2) == null) {
          return Optional.empty();
        }
        return Optional.of(new Receipt.ClockReading(OffsetDateTime.parse(rs.getString(1)).toInstant(),
            Instant.parse(rs.getString(2))));
      }
    }
  }

  private static void bindOffset(PreparedStatement st, int offsetIndex, int sourceIndex, Receipt receipt)
      throws SQLException {
    if (receipt.clockOffsetMs() == null) {
      st.setNull(offsetIndex, Types.BIGINT);
      st.setNull(sourceIndex, Types.VARCHAR);
    } else {
      st.setLong(offsetIndex, receipt.clockOffsetMs());
      st.setString(sourceIndex, receipt.source().name());
    }
  }
}
