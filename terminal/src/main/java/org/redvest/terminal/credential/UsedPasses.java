package org.redvest.terminal.credential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.redvest.protocol.credential.Credential;
import org.redvest.terminal.outbox.OutboxException;

/**
 * The phone passes and windowed codes this terminal has accepted, one row per (serial, window
 * start), kept in {@value #FILE_NAME} until the code expires, so a code shown again after a
 * restart is still refused as used. Thread-safe.
 */
public final class UsedPasses implements AutoCloseable {
  public static final String FILE_NAME = "used-passes.db";

  private final Connection db;
  private boolean closed;

  private UsedPasses(Connection db) {
    this.db = db;
  }

  public static UsedPasses open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS used_passes (serial INTEGER NOT NULL, window_start INTEGER NOT NULL,"
            + " expires_at INTEGER NOT NULL, PRIMARY KEY (serial, window_start))");
      }
      return new UsedPasses(db);
    } catch (java.io.IOException | SQLException e) {
      throw new OutboxException("cannot open " + FILE_NAME + " in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records that {@code c} was used at {@code at}, first forgetting codes expired by then.
   *
   * @return true the first time, false when this (serial, window) was used here before
   */
  public synchronized boolean firstUse(Credential c, Instant at) {
    if (closed) {
      throw new IllegalStateException("used passes closed");
    }
    try {
      try (PreparedStatement prune = db.prepareStatement("DELETE FROM used_passes WHERE expires_at <= ?")) {
        prune.setLong(1, at.getEpochSecond());
        prune.executeUpdate();
      }
      try (PreparedStatement insert = db.prepareStatement(
          "INSERT OR IGNORE INTO used_passes (serial, window_start, expires_at) VALUES (?, ?, ?)")) {
        insert.setLong(1, c.serial());
        insert.setLong(2, c.issuedAt().getEpochSecond());
        insert.setLong(3, c.expiresAt().getEpochSecond());
        return insert.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new OutboxException("cannot record a used pass: " + e.getMessage(), e);
    }
  }

  /** Rows kept (for tests and diagnostics). */
  public synchronized int size() {
    try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM used_passes")) {
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new OutboxException("cannot count used passes: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        db.close();
      } catch (SQLException e) {
        throw new OutboxException("cannot close " + FILE_NAME + ": " + e.getMessage(), e);
      }
    }
  }
}
