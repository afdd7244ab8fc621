package org.redvest.terminal.attendance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.OutboxException;

/**
 * Every recognition of a volunteer at this kiosk, including those the debounce ignored, kept in
 * a small SQLite file ({@value #FILE_NAME}) beside the outbox: the evidence for "last seen here"
 * when a check-out was forgotten. Also remembers the display name each volunteer was last greeted
 * with, for the manager's view.
 *
 * <p>A volunteer held in front of the camera is read many times a second; one row per
 * {@link #WRITE_EVERY} is kept, so the last sighting is exact to that. Rows older than
 * {@link #KEEP} are pruned on open. Thread-safe (one connection, serialised).
 */
public final class Sightings implements AutoCloseable {
  public static final String FILE_NAME = "sightings.db";
  static final Duration WRITE_EVERY = Duration.ofSeconds(30);
  static final Duration KEEP = Duration.ofDays(60);

  private final Connection db;
  private final Map<VolunteerId, Instant> lastWritten = new HashMap<>();
  private boolean closed;

  private Sightings(Connection db) {
    this.db = db;
  }

  /** Opens (creating if needed) the store in {@code dataDir}, pruning rows older than {@link #KEEP} before {@code now}. */
  public static Sightings open(Path dataDir, Instant now) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("CREATE TABLE IF NOT EXISTS sightings (volunteer_id TEXT NOT NULL, at_ms INTEGER NOT NULL,"
            + " offset_s INTEGER NOT NULL, method TEXT NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS sightings_by_volunteer ON sightings (volunteer_id, at_ms)");
        s.execute("CREATE TABLE IF NOT EXISTS names (volunteer_id TEXT PRIMARY KEY, name TEXT NOT NULL)");
      }
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM sightings WHERE at_ms < ?")) {
        ps.setLong(1, now.minus(KEEP).toEpochMilli());
        ps.executeUpdate();
      }
      return new Sightings(db);
    } catch (java.io.IOException | SQLException e) {
      throw new OutboxException("cannot open sightings " + file + ": " + e.getMessage(), e);
    }
  }

  /** Notes that {@code volunteer} was recognised at {@code at}. */
  public synchronized void record(VolunteerId volunteer, OffsetDateTime at, CheckInMethod method) {
    Instant instant = at.toInstant();
    Instant previous = lastWritten.get(volunteer);
    if (previous != null && Duration.between(previous, instant).abs().compareTo(WRITE_EVERY) < 0) {
      return;
    }
    lastWritten.put(volunteer, instant);
    if (lastWritten.size() > 1_000) {
      lastWritten.clear();
    }
    update("INSERT INTO sightings (volunteer_id, at_ms, offset_s, method) VALUES (?, ?, ?, ?)",
        volunteer.value(), instant.toEpochMilli(), at.getOffset().getTotalSeconds(), method.name());
  }

  /** The latest sighting of {@code volunteer} strictly after {@code from} and no later than {@code to}. */
  public synchronized Optional<OffsetDateTime> lastBetween(VolunteerId volunteer, OffsetDateTime from,
      OffsetDateTime to) {
    ensureOpen();
    String sql = "SELECT at_ms, offset_s FROM sightings WHERE volunteer_id = ? AND at_ms > ? AND at_ms <= ?"
        + " ORDER BY at_ms DESC LIMIT 1";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, volunteer.value());
      ps.setLong(2, from.toInstant().toEpochMilli());
      ps.setLong(3, to.toInstant().toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(OffsetDateTime.ofInstant(Instant.ofEpochMilli(rs.getLong(1)),
            ZoneOffset.ofTotalSeconds(rs.getInt(2)))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new OutboxException("cannot read sightings: " + e.getMessage(), e);
    }
  }

  /** Remembers the name {@code volunteer} was greeted with. */
  public synchronized void name(VolunteerId volunteer, String name) {
    if (name != null && !name.isBlank()) {
      update("INSERT INTO names (volunteer_id, name) VALUES (?, ?)"
          + " ON CONFLICT (volunteer_id) DO UPDATE SET name = excluded.name", volunteer.value(), name);
    }
  }

  /** The name {@code volunteer} was last greeted with, if any. */
  public synchronized Optional<String> name(VolunteerId volunteer) {
    ensureOpen();
    try (PreparedStatement ps = db.prepareStatement("SELECT name FROM names WHERE volunteer_id = ?")) {
      ps.setString(1, volunteer.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new OutboxException("cannot read names: " + e.getMessage(), e);
    }
  }

  private void update(String sql, Object... params) {
    ensureOpen();
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("cannot write sightings: " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("sightings are closed");
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
      throw new OutboxException("cannot close sightings: " + e.getMessage(), e);
    }
  }
}
