package org.redvest.hub.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.Receipt;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.WireCodec;

/**
 * Reads the evidence of stored events from their raw payloads and what the hub measured at their
 * receipt (event_receipt); events stored before receipts were measured are judged from their
 * payload and receipt time alone.
 */
final class EvidenceRows {
  private static final int CHUNK = 500;

  private EvidenceRows() {}

  /** The evidence of each of {@code eventIds} that is stored, with its terminal and seq. */
  static Map<UUID, Stored> of(Connection c, Collection<UUID> eventIds) throws SQLException {
    Map<UUID, Stored> found = new HashMap<>();
    List<UUID> ids = new ArrayList<>(eventIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      String sql = "SELECT e.payload, e.received_at, r.received_at, r.clock_offset_ms, r.delay_ms,"
          + " r.offset_source, h.id FROM events e LEFT JOIN event_receipt r ON r.event_id = e.event_id"
          + " LEFT JOIN fleet_held h ON h.event_id = e.event_id AND h.state = 'RELEASED'"
          + " WHERE e.event_id IN ("
          + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          st.setString(i + 1, chunk.get(i).toString());
        }
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            AttendanceEvent e = WireCodec.decodeEvent(rs.getString(1).getBytes(StandardCharsets.UTF_8));
            Receipt receipt = ReceiptRows.read(rs, 3, 4, 5, 6);
            EndEvidence evidence = receipt != null ? EndEvidence.of(e, receipt)
                : EndEvidence.of(e, Instant.parse(rs.getString(2)));
            evidence = evidence.withRevokedTerminal(rs.getObject(7) != null);
            found.put(e.eventId(), new Stored(new TerminalRef(e.stationId(), e.terminalId()), e.terminalSeq(),
                evidence));
          }
        }
      }
    }
    return found;
  }

  /** An event's evidence and where it sits in its terminal's chain. */
  record Stored(TerminalRef terminal, long seq, EndEvidence evidence) {}
}
