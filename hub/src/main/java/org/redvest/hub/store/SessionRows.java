package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/** SQL of the sessions table, which is derived from events and rewritten per volunteer. */
final class SessionRows {
  private static final String COLUMNS = "volunteer, station, check_in_at, check_out_at, minutes,"
      + " status, flags, check_in_event_id, check_out_event_id";

  private SessionRows() {}

  static void replace(Connection c, Map<VolunteerId, List<Session>> byVolunteer)
      throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM sessions WHERE volunteer = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO sessions (" + COLUMNS
            + ", ordinal, start_epoch_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<VolunteerId, List<Session>> entry : byVolunteer.entrySet()) {
        delete.setString(1, entry.getKey().value());
        delete.executeUpdate();
        int ordinal = 0;
        for (Session s : entry.getValue()) {
          bind(insert, s);
          insert.setInt(10, ++ordinal);
          insert.setLong(11, s.start().toEpochMilli());
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  static List<Session> find(Connection c, SessionQuery q, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sessions WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.volunteerId() != null) {
      sql.append(" AND volunteer = ?");
      args.add(q.volunteerId().value());
    }
    if (q.stationId() != null) {
      sql.append(" AND station = ?");
      args.add(q.stationId().value());
    }
    if (q.from() != null) {
      sql.append(" AND start_epoch_ms >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      sql.append(" AND start_epoch_ms < ?");
      args.add(q.to().toEpochMilli());
    }
    sql.append(" ORDER BY start_epoch_ms, volunteer, ordinal LIMIT ?");
    args.add(limit);
    List<Session> sessions = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        st.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          sessions.add(read(rs));
        }
      }
    }
    return sessions;
  }

  /** Every session that credits minutes, by volunteer then start, for the daily caps. */
  static List<Session> credited(Connection c) throws SQLException {
    List<Session> sessions = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions"
        + " WHERE minutes > 0 ORDER BY volunteer, start_epoch_ms");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        sessions.add(read(rs));
      }
    }
    return sessions;
  }

  private static void bind(PreparedStatement st, Session s) throws SQLException {
    st.setString(1, s.volunteerId().value());
    st.setString(2, s.stationId().value());
    st.setString(3, s.checkInAt() == null ? null : WireCodec.formatTime(s.checkInAt()));
    st.setString(4, s.checkOutAt() == null ? null : WireCodec.formatTime(s.checkOutAt()));
    st.setLong(5, s.minutes());
    st.setString(6, s.status().name());
    st.setString(7, s.flags().stream().map(Enum::name).collect(Collectors.joining(",")));
    st.setString(8, s.checkInEventId() == null ? null : s.checkInEventId().toString());
    st.setString(9, s.checkOutEventId() == null ? null : s.checkOutEventId().toString());
  }

  private static Session read(ResultSet rs) throws SQLException {
    return new Session(VolunteerId.of(rs.getString(1)), StationId.of(rs.getString(2)),
        time(rs.getString(3)), time(rs.getString(4)), rs.getLong(5),
        SessionStatus.valueOf(rs.getString(6)), flags(rs.getString(7)), uuid(rs.getString(8)),
        uuid(rs.getString(9)));
  }

  private static Set<SessionFlag> flags(String text) {
    Set<SessionFlag> flags = EnumSet.noneOf(SessionFlag.class);
    if (!text.isEmpty()) {
      Arrays.stream(text.split(",")).map(SessionFlag::valueOf).forEach(flags::add);
    }
    return flags;
  }

  private static OffsetDateTime time(String text) {
    return text == null ? null : OffsetDateTime.parse(text);
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text);
  }
}
