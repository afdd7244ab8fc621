package org.redvest.terminal.credential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.credential.RefusalRecord;
import org.redvest.terminal.outbox.OutboxException;
import org.redvest.terminal.outbox.Transaction;

/**
 * Refused attempts, durable like the outbox ({@value #FILE_NAME}: WAL, {@code synchronous=FULL}):
 * each is numbered {@code refusalSeq} 1, 2, 3 … and committed before the screen shows the
 * refusal, and kept until the hub's retained {@code refusal-ack} covers it. Thread-safe.
 */
public final class RefusalLog implements AutoCloseable {
  public static final String FILE_NAME = "refusals.db";

  private final Connection db;
  private final StationId station;
  private final TerminalId terminal;
  private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
  private boolean closed;

  private RefusalLog(Connection db, StationId station, TerminalId terminal) {
    this.db = db;
    this.station = station;
    this.terminal = terminal;
  }

  public static RefusalLog open(Path dataDir, StationId station, TerminalId terminal) {
    try {
      Files.createDirectories(dataDir);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        s.execute("INSERT OR IGNORE INTO meta VALUES ('last_seq', 0), ('committed_seq', 0)");
        s.execute("CREATE TABLE IF NOT EXISTS refusals (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
      }
      return new RefusalLog(db, station, terminal);
    } catch (java.io.IOException | SQLException e) {
      throw new OutboxException("cannot open " + FILE_NAME + " in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code listener} after each committed append; must not block. */
  public void onAppend(Runnable listener) {
    appendListeners.add(listener);
  }

  /** Numbers and commits one refused attempt. */
  public RefusalRecord append(CodeOutcome.Refused refused, OffsetDateTime at) {
    RefusalRecord record;
    synchronized (this) {
      ensureOpen();
      try {
        record = Transaction.run(db, () -> {
          long seq = meta("last_seq") + 1;
          var c = refused.credential();
          RefusalRecord numbered = new RefusalRecord(RefusalRecord.VERSION, station, terminal, seq, at,
              refused.reason(), refused.detail(), c == null ? null : c.volunteerId(), refused.keyId(),
              c == null ? null : c.serial(), refused.codeHash());
          try (PreparedStatement ps = db.prepareStatement("INSERT INTO refusals (seq, payload) VALUES (?, ?)")) {
            ps.setLong(1, seq);
            ps.setBytes(2, CredentialWire.encodeRefusal(numbered));
            ps.executeUpdate();
          }
          setMeta("last_seq", seq);
          return numbered;
        });
      } catch (SQLException e) {
        throw new OutboxException("cannot record a refused attempt: " + e.getMessage(), e);
      }
    }
    appendListeners.forEach(Runnable::run);
    return record;
  }

  /** Payloads of refusals the hub has not acknowledged, in order. */
  public synchronized List<byte[]> unacked() {
    ensureOpen();
    try (PreparedStatement ps = db.prepareStatement("SELECT payload FROM refusals WHERE seq > ? ORDER BY seq LIMIT 500")) {
      ps.setLong(1, meta("committed_seq"));
      List<byte[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getBytes(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new OutboxException("cannot read refusals: " + e.getMessage(), e);
    }
  }

  /** Applies the hub's ack; acks only move forward and never past the last refusal. */
  public synchronized void acknowledge(long committedSeq) {
    ensureOpen();
    try {
      if (committedSeq > meta("committed_seq") && committedSeq <= meta("last_seq")) {
        setMeta("committed_seq", committedSeq);
      }
    } catch (SQLException e) {
      throw new OutboxException("cannot apply a refusal ack: " + e.getMessage(), e);
    }
  }

  public synchronized long lastSeq() {
    ensureOpen();
    try {
      return meta("last_seq");
    } catch (SQLException e) {
      throw new OutboxException(e.getMessage(), e);
    }
  }

  public synchronized long committedSeq() {
    ensureOpen();
    try {
      return meta("committed_seq");
    } catch (SQLException e) {
      throw new OutboxException(e.getMessage(), e);
    }
  }

  private long meta(String key) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private void setMeta(String key, long value) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("UPDATE meta SET value = ? WHERE key = ?")) {
      ps.setLong(1, value);
      ps.setString(2, key);
      ps.executeUpdate();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("refusal log of " + station + "/" + terminal + " is closed");
    }
  }

  /** Closes the file; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.close();
    } catch (SQLException e) {
      throw new OutboxException("cannot close " + FILE_NAME + ": " + e.getMessage(), e);
    }
  }
}
