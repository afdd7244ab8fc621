package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redvest.protocol.Heartbeat;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.WireCodec;

/** SQL of the terminals table: last status, last heartbeat and committed sequence number. */
final class TerminalRows {
  private TerminalRows() {}

  static void saveStatuses(Connection c, List<StatusReport> statuses) throws SQLException {
    if (statuses.isEmpty()) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO terminals (station, terminal,"
        + " state, state_at, software, status_received_at) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (station, terminal) DO UPDATE SET state = excluded.state,"
        + " state_at = excluded.state_at, software = COALESCE(excluded.software, terminals.software),"
        + " status_received_at = excluded.status_received_at")) {
      for (StatusReport r : statuses) {
        st.setString(1, r.terminal().stationId().value());
        st.setString(2, r.terminal().terminalId().value());
        st.setString(3, r.status().state().wireName());
        st.setString(4, r.status().at() == null ? null : WireCodec.formatTime(r.status().at()));
        st.setString(5, r.status().software());
        st.setString(6, r.receivedAt().toString());
        st.executeUpdate();
      }
    }
  }

  static void saveHeartbeats(Connection c, List<HeartbeatReport> heartbeats) throws SQLException {
    if (heartbeats.isEmpty()) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO terminals (station, terminal,"
        + " heartbeat_at, heartbeat_received_at, queue_depth, oldest_unacked_age_s, camera_state,"
        + " camera_detail, fps, software, alarms, fleet_state, fleet_detail)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (station, terminal) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,"
        + " heartbeat_received_at = excluded.heartbeat_received_at,"
        + " queue_depth = excluded.queue_depth,"
        + " oldest_unacked_age_s = excluded.oldest_unacked_age_s,"
        + " camera_state = excluded.camera_state, camera_detail = excluded.camera_detail,"
        + " fps = excluded.fps, software = COALESCE(excluded.software, terminals.software),"
        + " alarms = excluded.alarms, fleet_state = excluded.fleet_state,"
        + " fleet_detail = excluded.fleet_detail")) {
      for (HeartbeatReport r : heartbeats) {
        Heartbeat h = r.heartbeat();
        st.setString(1, r.terminal().stationId().value());
        st.setString(2, r.terminal().terminalId().value());
        st.setString(3, WireCodec.formatTime(h.at()));
        st.setString(4, r.receivedAt().toString());
        st.setLong(5, h.queueDepth());
        st.setLong(6, h.oldestUnackedAgeS());
        st.setString(7, h.cameraState());
        st.setString(8, h.cameraDetail());
        st.setDouble(9, h.fps());
        st.setString(10, h.software());
        st.setString(11, h.alarms().isEmpty() ? null : String.join(",", h.alarms()));
        st.setString(12, h.fleetState());
        st.setString(13, h.fleetDetail());
        st.executeUpdate();
      }
    }
  }

  static Map<TerminalRef, Long> committedSeqs(Connection c) throws SQLException {
    Map<TerminalRef, Long> seqs = new LinkedHashMap<>();
    try (PreparedStatement st = c.prepareStatement("SELECT station, terminal, committed_seq"
        + " FROM terminals WHERE committed_seq > 0 ORDER BY station, terminal");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        seqs.put(ref(rs.getString(1), rs.getString(2)), rs.getLong(3));
      }
    }
    return seqs;
  }

  static List<TerminalView> all(Connection c) throws SQLException {
    List<TerminalView> views = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT station, terminal, committed_seq,"
        + " state, state_at, status_received_at, heartbeat_at, heartbeat_received_at,"
        + " queue_depth, oldest_unacked_age_s, camera_state, camera_detail, fps, software, alarms,"
        + " fleet_state, fleet_detail FROM terminals ORDER BY station, terminal");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        views.add(new TerminalView(ref(rs.getString(1), rs.getString(2)), rs.getLong(3),
            rs.getString(4), time(rs.getString(5)), instant(rs.getString(6)),
            time(rs.getString(7)), instant(rs.getString(8)), longOrNull(rs, 9),
            longOrNull(rs, 10), rs.getString(11), rs.getString(12), doubleOrNull(rs, 13),
            rs.getString(14), alarms(rs.getString(15)), rs.getString(16), rs.getString(17)));
      }
    }
    return views;
  }

  private static List<String> alarms(String column) {
    return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
  }

  private static Long longOrNull(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static TerminalRef ref(String station, String terminal) {
    return new TerminalRef(StationId.of(station), TerminalId.of(terminal));
  }

  private static OffsetDateTime time(String text) {
    return text == null ? null : OffsetDateTime.parse(text);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
