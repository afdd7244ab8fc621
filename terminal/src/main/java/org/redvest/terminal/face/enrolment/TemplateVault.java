package org.redvest.terminal.face.enrolment;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.outbox.Transaction;

/**
 * The terminal's face templates, consents and the enrolment records owed to the hub, in one
 * SQLite file ({@value #FILE_NAME}) beside the outbox. Templates are sealed with a
 * {@link TemplateKey} kept outside the file and never leave the terminal. {@code secure_delete}
 * zeroes deleted content, and a withdrawal also checkpoints and truncates the WAL and vacuums, so
 * no copy of a deleted template is left in the database's files. Thread-safe (one connection,
 * serialised).
 */
public final class TemplateVault implements AutoCloseable {
  public static final String FILE_NAME = "faces.db";

  private final Connection db;
  private final TemplateKey key;
  private final StationId station;
  private final TerminalId terminal;
  private boolean closed;

  private TemplateVault(Connection db, TemplateKey key, StationId station, TerminalId terminal) {
    this.db = db;
    this.key = key;
    this.station = station;
    this.terminal = terminal;
  }

  public static TemplateVault open(Path dataDir, TemplateKey key, StationId station, TerminalId terminal) {
    Connection db = null;
    try {
      Files.createDirectories(dataDir);
      db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
      try (Statement st = db.createStatement()) {
        st.execute("PRAGMA secure_delete = ON");
        st.execute("PRAGMA journal_mode = WAL");
        st.execute("PRAGMA synchronous = FULL");
        st.execute("CREATE TABLE IF NOT EXISTS templates (volunteer TEXT NOT NULL, sealed BLOB NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS volunteers (volunteer TEXT PRIMARY KEY, display_name TEXT,"
            + " consent_id TEXT NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS consents (consent_id TEXT PRIMARY KEY, volunteer TEXT NOT NULL,"
            + " text_version TEXT NOT NULL, given_at TEXT NOT NULL, operator TEXT NOT NULL, withdrawn_at TEXT,"
            + " withdrawn_by TEXT)");
        st.execute("CREATE TABLE IF NOT EXISTS records (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL,"
            + " acked INTEGER NOT NULL DEFAULT 0)");
      }
      return new TemplateVault(db, key, station, terminal);
    } catch (java.io.IOException | SQLException e) {
      closeQuietly(db);
      throw new IllegalStateException("cannot open face template store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores a volunteer's templates with their consent, replacing any earlier enrolment, and owes
   * the hub an ENROLLED record, all in one transaction.
   */
  public synchronized EnrolmentRecord enrol(VolunteerId volunteer, String displayName, Consent consent,
      List<Embedding> templates) {
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("templates: at least one capture is needed");
    }
    return inTransaction(() -> {
      deleteTemplates(volunteer);
      try (PreparedStatement c = db.prepareStatement("INSERT INTO consents (consent_id, volunteer, text_version,"
              + " given_at, operator) VALUES (?, ?, ?, ?, ?)");
          PreparedStatement v = db.prepareStatement("INSERT OR REPLACE INTO volunteers VALUES (?, ?, ?)");
          PreparedStatement t = db.prepareStatement("INSERT INTO templates VALUES (?, ?)")) {
        c.setString(1, consent.consentId());
        c.setString(2, volunteer.value());
        c.setString(3, consent.textVersion());
        c.setString(4, WireCodec.formatTime(consent.givenAt()));
        c.setString(5, consent.operatorId());
        c.executeUpdate();
        v.setString(1, volunteer.value());
        v.setString(2, displayName);
        v.setString(3, consent.consentId());
        v.executeUpdate();
        for (Embedding e : templates) {
          t.setString(1, volunteer.value());
          t.setBytes(2, key.seal(e.toBytes(), volunteer.value()));
          t.executeUpdate();
        }
      }
      return record(volunteer, consent.consentId(), consent.textVersion(), EnrolmentRecord.State.ENROLLED,
          consent.givenAt());
    });
  }

  /**
   * Deletes a volunteer's templates for good, marks the consent withdrawn and owes the hub a
   * WITHDRAWN record; then purges the deleted pages from the WAL and the free list.
   *
   * @return the record, or empty when the volunteer was not enrolled
   */
  public synchronized Optional<EnrolmentRecord> withdraw(VolunteerId volunteer, OffsetDateTime at, String operatorId) {
    Optional<EnrolmentRecord> record = inTransaction(() -> {
      Optional<String[]> consent = consentOf(volunteer);
      if (consent.isEmpty()) {
        return Optional.<EnrolmentRecord>empty();
      }
      deleteTemplates(volunteer);
      try (PreparedStatement c = db.prepareStatement(
              "UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE consent_id = ?");
          PreparedStatement v = db.prepareStatement("DELETE FROM volunteers WHERE volunteer = ?")) {
        c.setString(1, WireCodec.formatTime(at));
        c.setString(2, operatorId);
        c.setString(3, consent.get()[0]);
        c.executeUpdate();
        v.setString(1, volunteer.value());
        v.executeUpdate();
      }
      return Optional.of(record(volunteer, consent.get()[0], consent.get()[1], EnrolmentRecord.State.WITHDRAWN, at));
    });
    record.ifPresent(r -> purge());
    return record;
  }

  /** Every enrolled template, decrypted, in a gallery keyed by volunteer id. */
  public synchronized Gallery gallery(int dimensions) {
    Map<String, List<Embedding>> byVolunteer = new LinkedHashMap<>();
    query("SELECT volunteer, sealed FROM templates ORDER BY rowid", rs -> {
      String volunteer = rs.getString(1);
      byVolunteer.computeIfAbsent(volunteer, k -> new ArrayList<>())
          .add(Embedding.fromBytes(key.open(rs.getBytes(2), volunteer)));
    });
    Gallery gallery = new Gallery(dimensions);
    byVolunteer.forEach(gallery::add);
    return gallery;
  }

  /** The name to greet an enrolled volunteer with, or their id when none was given. */
  public synchronized String displayName(String volunteer) {
    ensureOpen();
    try (PreparedStatement st = db.prepareStatement("SELECT display_name FROM volunteers WHERE volunteer = ?")) {
      st.setString(1, volunteer);
      try (ResultSet rs = st.executeQuery()) {
        String name = rs.next() ? rs.getString(1) : null;
        return name == null ? volunteer : name;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("face template store: " + e.getMessage(), e);
    }
  }

  /** Enrolment records the hub has not acknowledged, oldest first. */
  public synchronized List<EnrolmentRecord> unacked() {
    List<EnrolmentRecord> records = new ArrayList<>();
    query("SELECT payload FROM records WHERE acked = 0 ORDER BY seq",
        rs -> records.add(WireCodec.decodeEnrolment(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    return records;
  }

  /** Marks every record up to {@code committedSeq} as stored by the hub. */
  public synchronized void acknowledge(long committedSeq) {
    inTransaction(() -> {
      try (PreparedStatement st = db.prepareStatement("UPDATE records SET acked = 1 WHERE seq <= ? AND acked = 0")) {
        st.setLong(1, committedSeq);
        st.executeUpdate();
      }
      return null;
    });
  }

  private EnrolmentRecord record(VolunteerId volunteer, String consentId, String version,
      EnrolmentRecord.State state, OffsetDateTime at) throws SQLException {
    long seq;
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM records")) {
      seq = rs.getLong(1);
    }
    EnrolmentRecord record = new EnrolmentRecord(EnrolmentRecord.VERSION, station, terminal, seq, volunteer,
        consentId, version, state, at);
    try (PreparedStatement st = db.prepareStatement("INSERT INTO records (seq, payload) VALUES (?, ?)")) {
      st.setLong(1, seq);
      st.setString(2, new String(WireCodec.encodeEnrolment(record), java.nio.charset.StandardCharsets.UTF_8));
      st.executeUpdate();
    }
    return record;
  }

  private Optional<String[]> consentOf(VolunteerId volunteer) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("SELECT c.consent_id, c.text_version FROM volunteers v"
        + " JOIN consents c ON c.consent_id = v.consent_id WHERE v.volunteer = ?")) {
      st.setString(1, volunteer.value());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
      }
    }
  }

  private void deleteTemplates(VolunteerId volunteer) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("DELETE FROM templates WHERE volunteer = ?")) {
      st.setString(1, volunteer.value());
      st.executeUpdate();
    }
  }

  /** Moves the zeroed pages into the main file, empties the WAL and drops the free list. */
  private void purge() {
    try (Statement st = db.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      st.execute("VACUUM");
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new IllegalStateException("templates were deleted but the store could not be purged: " + e.getMessage(), e);
    }
  }

  private interface Rows {
    void each(ResultSet rs) throws SQLException;
  }

  private <T> T inTransaction(Transaction.Work<T> work) {
    ensureOpen();
    try {
      return Transaction.run(db, work);
    } catch (SQLException e) {
      throw new IllegalStateException("face template store: " + e.getMessage(), e);
    }
  }

  private void query(String sql, Rows rows) {
    ensureOpen();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.each(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("face template store: " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("face template store is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(db);
    }
  }

  private static void closeQuietly(Connection db) {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // closing is best effort; the file stays consistent (WAL)
      }
    }
  }
}
