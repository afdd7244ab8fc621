package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * A fixture: the hub's hand-written migration runner as it was before Flyway (schema versions
 * 1 to 14 recorded in {@code schema_version}), kept unchanged so tests can make a data directory
 * the way a hub of that time did and check that {@link Schema} adopts it. Never extended: new
 * versions are Flyway migrations in {@code db/migration/hub}.
 */
final class LegacySchema {
  private static final List<List<String>> MIGRATIONS = List.of(List.of(
      "CREATE TABLE events ("
          + " event_id TEXT PRIMARY KEY,"
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " terminal_seq BIGINT NOT NULL,"
          + " volunteer TEXT NOT NULL,"
          + " kind TEXT NOT NULL,"
          + " method TEXT NOT NULL,"
          + " occurred_at TEXT NOT NULL,"
          + " occurred_at_epoch_ms BIGINT NOT NULL,"
          + " received_at TEXT NOT NULL,"
          + " payload TEXT NOT NULL,"
          + " UNIQUE (station, terminal, terminal_seq))",
      "CREATE INDEX events_by_volunteer ON events (volunteer, occurred_at_epoch_ms)",
      "CREATE TABLE terminals ("
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " committed_seq BIGINT NOT NULL DEFAULT 0,"
          + " state TEXT, state_at TEXT, software TEXT, status_received_at TEXT,"
          + " heartbeat_at TEXT, heartbeat_received_at TEXT, queue_depth BIGINT,"
          + " oldest_unacked_age_s BIGINT, camera_state TEXT, camera_detail TEXT,"
          + " fps DOUBLE PRECISION,"
          + " PRIMARY KEY (station, terminal))",
      // An INTEGER PRIMARY KEY is SQLite's row id; PostgreSQL would use an identity column.
      "CREATE TABLE dead_letters ("
          + " id INTEGER PRIMARY KEY,"
          + " topic TEXT NOT NULL,"
          + " payload_text TEXT,"
          + " payload_base64 TEXT NOT NULL,"
          + " reason TEXT NOT NULL,"
          + " received_at TEXT NOT NULL)",
      "CREATE TABLE sessions ("
          + " volunteer TEXT NOT NULL,"
          + " ordinal INTEGER NOT NULL,"
          + " station TEXT NOT NULL,"
          + " check_in_at TEXT,"
          + " check_out_at TEXT,"
          + " start_epoch_ms BIGINT NOT NULL,"
          + " minutes BIGINT NOT NULL,"
          + " status TEXT NOT NULL,"
          + " flags TEXT NOT NULL,"
          + " check_in_event_id TEXT,"
          + " check_out_event_id TEXT,"
          + " PRIMARY KEY (volunteer, ordinal))",
      "CREATE INDEX sessions_by_start ON sessions (start_epoch_ms)"),
      // 2: the heartbeat's optional alarms (e.g. STORAGE_FULL), comma-separated, null when none.
      List.of("ALTER TABLE terminals ADD COLUMN alarms TEXT"),
      // 3: face enrolment records (docs/protocol.md §13), never templates.
      List.of("CREATE TABLE enrolments ("
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " enrolment_seq BIGINT NOT NULL,"
          + " volunteer TEXT NOT NULL,"
          + " consent_id TEXT NOT NULL,"
          + " consent_version TEXT NOT NULL,"
          + " state TEXT NOT NULL,"
          + " at TEXT NOT NULL,"
          + " received_at TEXT NOT NULL,"
          + " UNIQUE (station, terminal, enrolment_seq))",
          "CREATE INDEX enrolments_by_station ON enrolments (station, volunteer)"),
      // 4: dashboard users and sign-in sessions.
      LegacySchemaParts.V4_USERS,
      // 5: organisations, stations, activities (the catalogue hours roll up by), certificates.
      LegacySchemaParts.V5_CATALOGUE,
      // 6: corrections with their audit trail, review decisions, import jobs.
      LegacySchemaParts.V6_CORRECTIONS,
      // 7: evidence measured at receipt (terminal clock offset, delivery delay).
      LegacySchemaParts.V7_RECEIPT,
      // 8: issued service-record certificates.
      LegacySchemaParts.V5B_CERTIFICATES,
      // 9: approvals of volunteers' days over a daily cap.
      LegacySchemaParts.V9_DAY_APPROVALS,
      // 10: volunteers whose sessions are behind their events; hub settings sessions depend on.
      LegacySchemaParts.V10_STALE_SESSIONS,
      // 11: provisioned terminals, claim codes, counted refusals (docs/security.md).
      LegacySchemaParts.V11_FLEET,
      // 12: a revoked terminal's late events held for an admin's review.
      LegacySchemaParts.V12_HOLDS,
      // 13: each terminal's broker password as Mosquitto hashes it, for the hub-written
      // password_file of an external Mosquitto (docs/security.md, "External brokers").
      LegacySchemaParts.V13_MOSQUITTO,
      // 14: the fleet state each kiosk reports in its heartbeat (docs/protocol.md §8).
      LegacySchemaParts.V14_FLEET_STATE);

  private LegacySchema() {}

  /** The version this code expects. */
  static int latest() {
    return MIGRATIONS.size();
  }

  static void migrate(Connection connection) throws SQLException {
    migrateTo(connection, latest());
  }

  /** Added for the tests: stops at {@code target}, as a hub of that version left its database. */
  static void migrateTo(Connection connection, int target) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    }
    int current = current(connection);
    if (current > latest()) {
      throw new SQLException("database schema version " + current
          + " is newer than this hub (" + latest() + "); upgrade the hub");
    }
    for (int version = current + 1; version <= target; version++) {
      apply(connection, version);
    }
  }

  private static int current(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void apply(Connection connection, int version) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      for (String sql : MIGRATIONS.get(version - 1)) {
        st.execute(sql);
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
        insert.setInt(1, version);
        insert.setString(2, Instant.now().toString());
        insert.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
