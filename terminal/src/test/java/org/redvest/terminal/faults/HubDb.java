package org.redvest.terminal.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small read-only queries on a hub database file and on terminal outboxes, for waiting. */
final class HubDb {
  private HubDb() {}

  /** Events the hub stored for {@code terminal}. */
  static long events(Path hubDb, String terminal) {
    return count(hubDb, "SELECT COUNT(*) FROM events WHERE terminal = ?", terminal);
  }

  static long allEvents(Path hubDb) {
    return count(hubDb, "SELECT COUNT(*) FROM events WHERE terminal <> ?", "");
  }

  static long deadLetters(Path hubDb) {
    return count(hubDb, "SELECT COUNT(*) FROM dead_letters WHERE topic <> ?", "");
  }

  /** The outbox's last appended seq (0 when the file does not exist yet). */
  static long outboxLastSeq(Path dataDir) {
    Path file = dataDir.resolve("outbox.db");
    if (!file.toFile().exists()) {
      return 0;
    }
    return count(file, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE event_id <> ?", "");
  }

  /** Outbox events the hub has not acknowledged yet. */
  static long outboxDepth(Path dataDir) {
    Path file = dataDir.resolve("outbox.db");
    return count(file, "SELECT COUNT(*) FROM events WHERE seq > (SELECT CAST(value AS INTEGER)"
        + " FROM meta WHERE key = 'committed_seq') AND event_id <> ?", "");
  }

  private static long count(Path file, String sql, String param) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
        PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("no such table")) {
        return 0;
      }
      throw new AssertionError("cannot query " + file + ": " + e.getMessage(), e);
    }
  }
}
