package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;

/**
 * The CLOCK_SKEW anomaly: terminals whose clock was measured off the hub's by more than the
 * tolerance, by their latest heartbeat or at the receipt of their events (event_receipt).
 */
final class ClockSkews {
  private static final int EVENT_IDS = 10;

  private ClockSkews() {}

  /** What was measured of one terminal's clock. */
  private static final class Skew {
    Long heartbeatOffsetMs;
    long events;
    long minOffsetMs;
    long maxOffsetMs;
  }

  static void find(Connection c, Duration tolerance, List<Anomaly> out) throws SQLException {
    long limit = tolerance.toMillis();
    Map<TerminalRef, Skew> skews = new LinkedHashMap<>();
    for (TerminalView t : TerminalRows.all(c)) {
      if (t.heartbeatAt() != null && t.heartbeatReceivedAt() != null) {
        long offset = Duration.between(t.heartbeatReceivedAt(), t.heartbeatAt().toInstant()).toMillis();
        if (Math.abs(offset) > limit) {
          skews.computeIfAbsent(t.terminal(), k -> new Skew()).heartbeatOffsetMs = offset;
        }
      }
    }
    try (PreparedStatement st = c.prepareStatement("SELECT station, terminal, COUNT(*),"
        + " MIN(clock_offset_ms), MAX(clock_offset_ms) FROM event_receipt"
        + " WHERE clock_offset_ms > ? OR clock_offset_ms < ? GROUP BY station, terminal"
        + " ORDER BY station, terminal")) {
      st.setLong(1, limit);
      st.setLong(2, -limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Skew skew = skews.computeIfAbsent(new TerminalRef(StationId.of(rs.getString(1)), TerminalId.of(rs.getString(2))), k -> new Skew());
          skew.events = rs.getLong(3);
          skew.minOffsetMs = rs.getLong(4);
          skew.maxOffsetMs = rs.getLong(5);
        }
      }
    }
    for (Map.Entry<TerminalRef, Skew> entry : skews.entrySet()) {
      out.add(new Anomaly(Anomaly.Kind.CLOCK_SKEW, null, detail(entry.getKey(), entry.getValue(), tolerance),
          eventIds(c, entry.getKey(), limit)));
    }
  }

  private static String detail(TerminalRef terminal, Skew skew, Duration tolerance) {
    StringBuilder text = new StringBuilder("clock of " + terminal + " is off the hub's by more than "
        + describe(tolerance.toMillis()) + ":");
    if (skew.heartbeatOffsetMs != null) {
      text.append(" its latest heartbeat was ").append(aheadOrBehind(skew.heartbeatOffsetMs));
    }
    if (skew.events > 0) {
      text.append(skew.heartbeatOffsetMs != null ? ";" : "").append(' ').append(skew.events)
          .append(" event(s) measured at ").append(signed(skew.minOffsetMs));
      if (skew.maxOffsetMs != skew.minOffsetMs) {
        text.append(" to ").append(signed(skew.maxOffsetMs));
      }
    }
    return text.toString();
  }

  private static List<String> eventIds(Connection c, TerminalRef terminal, long limitMs) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT event_id FROM event_receipt WHERE station = ?"
        + " AND terminal = ? AND (clock_offset_ms > ? OR clock_offset_ms < ?)"
        + " ORDER BY received_at_epoch_ms DESC LIMIT " + EVENT_IDS)) {
      st.setString(1, terminal.stationId().value());
      st.setString(2, terminal.terminalId().value());
      st.setLong(3, limitMs);
      st.setLong(4, -limitMs);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  /** {@code 3 h 0 min behind} or {@code 10 min 5 s ahead}. */
  static String aheadOrBehind(long offsetMs) {
    return describe(Math.abs(offsetMs)) + (offsetMs < 0 ? " behind" : " ahead");
  }

  /** {@code -3 h 0 min} or {@code +10 min}. */
  static String signed(long offsetMs) {
    return (offsetMs < 0 ? "-" : "+") + describe(Math.abs(offsetMs));
  }

  /** A non-negative span as {@code 3 h 0 min}, {@code 10 min 5 s} or {@code 40 s}. */
  static String describe(long ms) {
    Duration d = Duration.ofMillis(Math.abs(ms));
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " min" + (d.toSecondsPart() > 0 ? " " + d.toSecondsPart() + " s" : "");
    }
    return d.toSeconds() + " s";
  }
}
