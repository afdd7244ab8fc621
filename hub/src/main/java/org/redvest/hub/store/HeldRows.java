package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.WireCodec;

/**
 * Writes held events into {@code fleet_held} inside the ingest transaction (the admin's side,
 * release and discard, is {@code fleet.Holds}). A redelivery of an event already held, or already
 * counted before the revocation (its ack was lost), adds nothing.
 */
final class HeldRows {
  private HeldRows() {}

  static void insert(Connection c, List<HeldEvent> held) throws SQLException {
    if (held.isEmpty()) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO fleet_held (event_id, station,"
        + " terminal, terminal_seq, volunteer, kind, occurred_at, received_at, signature_valid,"
        + " signature_detail, topic, payload, state)"
        + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '" + HeldEvent.State.HELD + "'"
        + " WHERE NOT EXISTS (SELECT 1 FROM events WHERE event_id = ?)"
        + " ON CONFLICT (event_id) DO NOTHING")) {
      for (HeldEvent h : held) {
        AttendanceEvent e = h.event();
        st.setString(1, e.eventId().toString());
        st.setString(2, e.stationId().value());
        st.setString(3, e.terminalId().value());
        st.setLong(4, e.terminalSeq());
        st.setString(5, e.volunteerId().value());
        st.setString(6, e.kind().name());
        st.setString(7, WireCodec.formatTime(e.occurredAt()));
        st.setString(8, h.receivedAt().toString());
        st.setInt(9, h.signatureValid() ? 1 : 0);
        st.setString(10, h.signatureDetail());
        st.setString(11, h.topic());
        st.setString(12, h.payload());
        st.setString(13, e.eventId().toString());
        st.addBatch();
      }
      st.executeBatch();
    }
  }
}
