package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.redvest.hub.hours.Approval;
import org.redvest.hub.hours.ApprovedDays;
import org.redvest.protocol.VolunteerId;

/**
 * The approvals granted for volunteers' days over a daily cap (table {@code day_approvals}), kept
 * in memory as well: every hours read asks about each day it counts, and approvals are rare (a
 * few per station per year), so the whole table is read once when the hub starts and each grant
 * updates both. Only this class writes the table, and only one hub process runs per database.
 */
public final class DayApprovals implements ApprovedDays {
  private final Database database;
  private final Clock clock;
  private final Map<Key, Approval> granted = new ConcurrentHashMap<>();

  private record Key(String volunteer, LocalDate day) {}

  public DayApprovals(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
    database.read("reading day approvals", c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT volunteer, day, level FROM day_approvals");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          granted.put(new Key(rs.getString(1), LocalDate.parse(rs.getString(2))),
              Approval.valueOf(rs.getString(3)));
        }
      }
      return null;
    });
  }

  @Override
  public Optional<Approval> granted(VolunteerId volunteer, LocalDate date) {
    return Optional.ofNullable(granted.get(new Key(volunteer.value(), date)));
  }

  /**
   * Grants {@code level} for {@code volunteer}'s {@code day}, unless that level or a higher one is
   * already granted.
   *
   * @return whether the grant raised the day's approval
   */
  public boolean grant(VolunteerId volunteer, LocalDate day, Approval level, String by, String reason) {
    boolean raised = database.transaction("granting a day approval", c -> write(c, volunteer, day, level, by, reason));
    if (raised) {
      remember(volunteer, day, level);
    }
    return raised;
  }

  /**
   * The row of {@link #grant}, inside a caller's transaction (the review decision that grants it);
   * call {@link #remember} once that transaction has committed.
   *
   * @return whether the grant raises the day's approval
   */
  public boolean write(Connection c, VolunteerId volunteer, LocalDate day, Approval level, String by,
      String reason) throws SQLException {
    Approval current;
    try (PreparedStatement st = c.prepareStatement(
        "SELECT level FROM day_approvals WHERE volunteer = ? AND day = ?")) {
      st.setString(1, volunteer.value());
      st.setString(2, day.toString());
      try (ResultSet rs = st.executeQuery()) {
        current = rs.next() ? Approval.valueOf(rs.getString(1)) : null;
      }
    }
    if (current != null && current.covers(level)) {
      return false;
    }
    String sql = current == null
        ? "INSERT INTO day_approvals (level, granted_by, granted_at, reason, volunteer, day) VALUES (?, ?, ?, ?, ?, ?)"
        : "UPDATE day_approvals SET level = ?, granted_by = ?, granted_at = ?, reason = ?"
            + " WHERE volunteer = ? AND day = ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, level.name());
      st.setString(2, by);
      st.setString(3, clock.instant().toString());
      st.setString(4, reason);
      st.setString(5, volunteer.value());
      st.setString(6, day.toString());
      st.executeUpdate();
    }
    return true;
  }

  /** Makes a committed grant visible to hours reads. */
  public void remember(VolunteerId volunteer, LocalDate day, Approval level) {
    granted.merge(new Key(volunteer.value(), day), level, (a, b) -> a.covers(b) ? a : b);
  }
}
