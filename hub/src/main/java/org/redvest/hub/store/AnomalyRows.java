package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@link Anomaly anomalies} in the stored events and sessions on the read connection.
 * Computed on request (no table of its own), so a new rule or threshold applies to all history.
 * The credential query reads {@code credentialSerial} out of the stored payload with SQLite's
 * JSON functions; events without one are skipped by a cheap {@code LIKE} first.
 */
public final class AnomalyRows {
  private final Database database;
  private final Chains chains;

  public AnomalyRows(Database database) {
    this.database = database;
    this.chains = new Chains(database);
  }

  /** The thresholds of the anomaly rules. */
  public record Rules(Duration replayWindow, Duration backDated, Duration dailyCap, Duration higherCap) {
    public static Rules defaults() {
      return new Rules(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(8), Duration.ofHours(12));
    }
  }

  public List<Anomaly> find(Rules rules, int limit) {
    List<Anomaly> broken = chainBreaks();
    return database.read("finding anomalies", c -> {
      List<Anomaly> found = new ArrayList<>(broken);
      credentialReuse(c, rules.replayWindow(), limit, found);
      twoStations(c, limit, found);
      backDated(c, rules.backDated(), limit, found);
      overCaps(c, rules, limit, found);
      return found.size() > limit ? found.subList(0, limit) : found;
    });
  }

  /** One anomaly per terminal whose hash chain is broken; volunteerId is null (it is the terminal's). */
  private List<Anomaly> chainBreaks() {
    List<Anomaly> found = new ArrayList<>();
    for (ChainStatus chain : chains.verify().values()) {
      if (!chain.intact()) {
        found.add(new Anomaly(Anomaly.Kind.CHAIN_BROKEN, null, "hash chain of " + chain.terminal()
            + " broken at terminalSeq " + chain.brokenAtSeq() + ": " + chain.detail(),
            eventIdsAround(chain)));
      }
    }
    return found;
  }

  private List<String> eventIdsAround(ChainStatus chain) {
    return database.read("reading chain break events", c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT event_id FROM events WHERE station = ?"
          + " AND terminal = ? AND terminal_seq IN (?, ?) ORDER BY terminal_seq")) {
        st.setString(1, chain.terminal().stationId().value());
        st.setString(2, chain.terminal().terminalId().value());
        st.setLong(3, chain.brokenAtSeq() - 1);
        st.setLong(4, chain.brokenAtSeq());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      return ids;
    });
  }

  private static void credentialReuse(Connection c, Duration window, int limit, List<Anomaly> out) throws SQLException {
    String sql = "WITH used AS (SELECT event_id, station, terminal, volunteer, kind, occurred_at,"
        + " occurred_at_epoch_ms AS t, json_extract(payload, '$.credentialSerial') AS serial FROM events"
        + " WHERE payload LIKE '%\"credentialSerial\"%')"
        + " SELECT a.serial, a.volunteer, a.station, a.terminal, a.occurred_at, a.event_id,"
        + " b.station, b.terminal, b.occurred_at, b.event_id FROM used a JOIN used b ON a.serial = b.serial"
        + " AND (a.station <> b.station OR a.terminal <> b.terminal)"
        + " AND (a.t < b.t OR (a.t = b.t AND a.event_id < b.event_id)) AND b.t - a.t <= ?"
        + " ORDER BY b.t LIMIT ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, window.toMillis());
      st.setInt(2, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Anomaly(Anomaly.Kind.CREDENTIAL_AT_TWO_TERMINALS, rs.getString(2),
              "credential serial " + rs.getLong(1) + " used at " + rs.getString(3) + "/" + rs.getString(4)
                  + " at " + rs.getString(5) + " and at " + rs.getString(7) + "/" + rs.getString(8) + " at "
                  + rs.getString(9) + ", within " + window.toMinutes() + " min",
              List.of(rs.getString(6), rs.getString(10))));
        }
      }
    }
  }

  private static void twoStations(Connection c, int limit, List<Anomaly> out) throws SQLException {
    String sql = "SELECT s.volunteer, s.station, s.check_in_at, s.check_in_event_id, n.station, n.check_in_at,"
        + " n.check_in_event_id FROM sessions s JOIN sessions n ON n.volunteer = s.volunteer"
        + " AND n.ordinal = s.ordinal + 1 WHERE s.status = 'SUPERSEDED' AND n.station <> s.station LIMIT ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setInt(1, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Anomaly(Anomaly.Kind.TWO_STATIONS_AT_ONCE, rs.getString(1), "checked in at "
              + rs.getString(2) + " at " + rs.getString(3) + " and, still checked in, at " + rs.getString(5)
              + " at " + rs.getString(6), List.of(rs.getString(4), rs.getString(7))));
        }
      }
    }
  }

  private static void backDated(Connection c, Duration threshold, int limit, List<Anomaly> out) throws SQLException {
    String sql = "SELECT event_id, volunteer, station, terminal, occurred_at, received_at FROM events"
        + " WHERE (julianday(received_at) - julianday(occurred_at)) * 86400000 > ?"
        + " AND COALESCE(json_extract(payload, '$.recordedOffline'), 0) = 0 ORDER BY occurred_at_epoch_ms LIMIT ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, threshold.toMillis());
      st.setInt(2, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Anomaly(Anomaly.Kind.BACK_DATED, rs.getString(2), "dated " + rs.getString(5)
              + " at " + rs.getString(3) + "/" + rs.getString(4) + " but received " + rs.getString(6)
              + " from a terminal that did not mark it as recorded offline", List.of(rs.getString(1))));
        }
      }
    }
  }

  private static void overCaps(Connection c, Rules rules, int limit, List<Anomaly> out) throws SQLException {
    String sql = "SELECT volunteer, station, check_in_at, minutes, check_in_event_id, check_out_event_id"
        + " FROM sessions WHERE minutes > ? ORDER BY start_epoch_ms LIMIT ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, rules.dailyCap().toMinutes());
      st.setInt(2, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long minutes = rs.getLong(4);
          boolean higher = minutes > rules.higherCap().toMinutes();
          out.add(new Anomaly(higher ? Anomaly.Kind.OVER_HIGHER_CAP : Anomaly.Kind.OVER_DAILY_CAP, rs.getString(1),
              minutes + " min at " + rs.getString(2) + " from " + rs.getString(3) + ": over "
                  + (higher ? rules.higherCap() : rules.dailyCap()).toHours() + " h needs "
                  + (higher ? "higher" : "organisation") + " approval",
              List.of(rs.getString(5), rs.getString(6))));
        }
      }
    }
  }
}
