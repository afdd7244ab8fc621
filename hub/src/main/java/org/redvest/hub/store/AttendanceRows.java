package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.redvest.hub.hours.Attendance;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

/**
 * Reads volunteers' events as the hours rules see them. The query is prepared once and reused
 * for every volunteer of a session rewrite, which after a burst covers thousands of volunteers.
 */
final class AttendanceRows implements AutoCloseable {
  private final PreparedStatement byVolunteer;

  AttendanceRows(Connection c) throws SQLException {
    byVolunteer = c.prepareStatement("SELECT e.event_id, e.station, e.terminal, e.terminal_seq,"
        + " e.kind, e.occurred_at, e.received_at, r.clock_offset_ms FROM events e"
        + " LEFT JOIN event_receipt r ON r.event_id = e.event_id WHERE e.volunteer = ?"
        + " ORDER BY e.occurred_at_epoch_ms, e.terminal_seq, e.event_id");
  }

  /** All events of the volunteer, oldest first. */
  List<Attendance> of(VolunteerId volunteer) throws SQLException {
    List<Attendance> events = new ArrayList<>();
    byVolunteer.setString(1, volunteer.value());
    try (ResultSet rs = byVolunteer.executeQuery()) {
      while (rs.next()) {
        events.add(new Attendance(UUID.fromString(rs.getString(1)), volunteer,
            StationId.of(rs.getString(2)), TerminalId.of(rs.getString(3)), rs.getLong(4),
            EventKind.valueOf(rs.getString(5)), OffsetDateTime.parse(rs.getString(6)),
            Instant.parse(rs.getString(7)), offset(rs, 8)));
      }
    }
    return events;
  }

  private static Duration offset(ResultSet rs, int column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Duration.ofMillis(ms);
  }

  @Override
  public void close() throws SQLException {
    byVolunteer.close();
  }
}
