package org.redvest.hub.domain.credentials;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.StoreException;
import org.redvest.protocol.credential.RefusalRecord;

/**
 * {@code credentials.db}: issuer key metadata (never private keys), issued credentials with their
 * revocations, terminals' refused attempts, and the roster version. One connection, serialised:
 * writes are rare (an issue, a revocation, a refusal).
 */
public final class CredentialStore implements AutoCloseable {
  static final String FILE_NAME = "credentials.db";

  private final Connection db;

  private CredentialStore(Connection db) {
    this.db = db;
  }

  static CredentialStore open(Path dataDir) {
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath());
      try (Statement st = db.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=FULL");
        st.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS issuer_keys (key_id TEXT PRIMARY KEY,"
            + " public_key BLOB NOT NULL, not_before TEXT NOT NULL, retired_at TEXT, not_after TEXT)");
        st.execute("CREATE TABLE IF NOT EXISTS credentials (serial INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " volunteer TEXT NOT NULL, display_name TEXT, key_id TEXT NOT NULL, issued_at TEXT NOT NULL,"
            + " expires_at TEXT NOT NULL, stations TEXT NOT NULL, flags TEXT NOT NULL,"
            + " revoked_at TEXT, revoke_reason TEXT)");
        st.execute("CREATE TABLE IF NOT EXISTS refusals (station TEXT NOT NULL, terminal TEXT NOT NULL,"
            + " refusal_seq BIGINT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL,"
            + " volunteer TEXT, key_id TEXT, serial BIGINT, code_hash TEXT, payload TEXT NOT NULL,"
            + " received_at TEXT NOT NULL, PRIMARY KEY (station, terminal, refusal_seq))");
        // The consent under which a credential carries a face template; never the template itself.
        st.execute("CREATE TABLE IF NOT EXISTS face_consents (serial INTEGER PRIMARY KEY, consent_id TEXT NOT NULL)");
      }
      return new CredentialStore(db);
    } catch (SQLException e) {
      throw new StoreException("opening " + FILE_NAME + " in " + dataDir, e);
    }
  }

  /** A row of issuer_keys. */
  record KeyRow(String keyId, byte[] publicKey, Instant notBefore, Instant retiredAt, Instant notAfter) {}

  /** A row of credentials. */
  record CredentialRow(long serial, String volunteer, String displayName, String keyId, Instant issuedAt,
      Instant expiresAt, String stations, String flags, Instant revokedAt, String revokeReason) {}

  /** A row of refusals. */
  public record RefusalRow(RefusalRecord record, String payload, Instant receivedAt) {}

  synchronized List<KeyRow> keys() {
    return query("SELECT key_id, public_key, not_before, retired_at, not_after FROM issuer_keys ORDER BY not_before",
        rs -> new KeyRow(rs.getString(1), rs.getBytes(2), instant(rs.getString(3)), instant(rs.getString(4)),
            instant(rs.getString(5))));
  }

  synchronized void addKey(KeyRow key, Optional<KeyRow> retire) {
    transaction(() -> {
      if (retire.isPresent()) {
        update("UPDATE issuer_keys SET retired_at = ?, not_after = ? WHERE key_id = ?",
            text(retire.get().retiredAt()), text(retire.get().notAfter()), retire.get().keyId());
      }
      update("INSERT INTO issuer_keys (key_id, public_key, not_before) VALUES (?, ?, ?)",
          key.keyId(), key.publicKey(), text(key.notBefore()));
      bumpRosterVersion();
    });
  }

  /** Reserves the next serial by inserting the row; the code is derived from it afterwards. */
  synchronized long insertCredential(CredentialRow c) {
    return transaction(() -> {
      update("INSERT INTO credentials (volunteer, display_name, key_id, issued_at, expires_at, stations, flags)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)", c.volunteer(), c.displayName(), c.keyId(), text(c.issuedAt()),
          text(c.expiresAt()), c.stations(), c.flags());
      return query("SELECT last_insert_rowid()", rs -> rs.getLong(1)).get(0);
    });
  }

  synchronized void recordConsent(long serial, String consentId) {
    transaction(() -> update("INSERT INTO face_consents (serial, consent_id) VALUES (?, ?)", serial, consentId));
  }

  synchronized Optional<String> consent(long serial) {
    return query("SELECT consent_id FROM face_consents WHERE serial = ?", rs -> rs.getString(1), serial)
        .stream().findFirst();
  }

  synchronized Optional<CredentialRow> credential(long serial) {
    return query("SELECT serial, volunteer, display_name, key_id, issued_at, expires_at, stations, flags,"
        + " revoked_at, revoke_reason FROM credentials WHERE serial = ?", CredentialStore::credentialRow, serial)
        .stream().findFirst();
  }

  /** Marks the credential revoked; false when it was already. */
  synchronized boolean revoke(long serial, Instant at, String reason) {
    return transaction(() -> {
      boolean changed = update("UPDATE credentials SET revoked_at = ?, revoke_reason = ?"
          + " WHERE serial = ? AND revoked_at IS NULL", text(at), reason, serial) == 1;
      if (changed) {
        bumpRosterVersion();
      }
      return changed;
    });
  }

  /** Revoked serials that have not expired by {@code now}: the roster's revocation list. */
  synchronized List<Long> revokedUnexpired(Instant now) {
    return query("SELECT serial, expires_at FROM credentials WHERE revoked_at IS NOT NULL ORDER BY serial",
        rs -> instant(rs.getString(2)).isAfter(now) ? rs.getLong(1) : null).stream()
        .filter(java.util.Objects::nonNull).toList();
  }

  /** The latest expiry of credentials signed by {@code keyId}, if any. */
  synchronized Optional<Instant> lastExpiry(String keyId) {
    return query("SELECT expires_at FROM credentials WHERE key_id = ?", rs -> instant(rs.getString(1)), keyId)
        .stream().max(Instant::compareTo);
  }

  synchronized long rosterVersion() {
    return query("SELECT value FROM meta WHERE key = 'roster_version'", rs -> Long.parseLong(rs.getString(1)))
        .stream().findFirst().orElse(0L);
  }

  /** Stores a refusal once per (station, terminal, seq); returns whether it was new. */
  synchronized boolean insertRefusal(RefusalRecord r, String payload, Instant receivedAt) {
    return transaction(() -> update("INSERT INTO refusals (station, terminal, refusal_seq, at, reason, detail,"
        + " volunteer, key_id, serial, code_hash, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT DO NOTHING", r.stationId().value(), r.terminalId().value(), r.refusalSeq(),
        org.redvest.protocol.WireCodec.formatTime(r.at()), r.reason().name(), r.detail(),
        r.volunteerId() == null ? null : r.volunteerId().value(), r.keyId(), r.serial(), r.codeHash(), payload,
        text(receivedAt)) == 1);
  }

  /** The largest N such that refusals 1..N of the terminal are stored. */
  synchronized long contiguousRefusals(String station, String terminal) {
    List<Long> seqs = query("SELECT refusal_seq FROM refusals WHERE station = ? AND terminal = ?"
        + " ORDER BY refusal_seq", rs -> rs.getLong(1), station, terminal);
    long next = 1;
    for (long seq : seqs) {
      if (seq != next) {
        break;
      }
      next++;
    }
    return next - 1;
  }

  synchronized List<RefusalRow> refusals(int limit) {
    return query("SELECT payload, received_at FROM refusals ORDER BY received_at DESC, refusal_seq DESC LIMIT ?",
        rs -> new RefusalRow(org.redvest.protocol.credential.CredentialWire.decodeRefusal(
            rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)), rs.getString(1),
            instant(rs.getString(2))), limit);
  }

  /** Closes the connection; later calls do nothing (JDBC closes a closed connection as a no-op). */
  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + FILE_NAME, e);
    }
  }

  // --- plumbing ---

  private interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private interface VoidWork {
    void run() throws SQLException;
  }

  private void bumpRosterVersion() throws SQLException {
    update("INSERT INTO meta (key, value) VALUES ('roster_version', '1')"
        + " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
  }

  private <T> List<T> query(String sql, Rows<T> rows, Object... args) {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rows.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("credentials: " + sql, e);
    }
  }

  private int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      return st.executeUpdate();
    }
  }

  private void transaction(VoidWork work) {
    transaction(() -> {
      work.run();
      return null;
    });
  }

  private <T> T transaction(Work<T> work) {
    return Database.transaction(db, "credentials: writing", c -> work.run());
  }

  private static CredentialRow credentialRow(ResultSet rs) throws SQLException {
    return new CredentialRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        instant(rs.getString(5)), instant(rs.getString(6)), rs.getString(7), rs.getString(8),
        instant(rs.getString(9)), rs.getString(10));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
