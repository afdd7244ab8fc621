package org.redvest.hub.domain.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redvest.hub.store.Database;
import org.redvest.protocol.fleet.TerminalAccount;

/** The fleet tables of {@code hub.db} (schema versions 11 to 13). */
final class FleetRows {
  private static final String TERMINAL_COLUMNS = "station, terminal, public_key, fingerprint,"
      + " provisioned_at, provisioned_by, revoked_at, revoked_by, secret_sha256, mosquitto_hash,"
      + " revoke_mode, hold_ended_at, hold_ended_by";

  private static final String HOLD = "HOLD";
  private static final String REFUSE = "REFUSE";

  private final Database database;

  FleetRows(Database database) {
    this.database = database;
  }

  /** A stored claim, looked up by the SHA-256 of its code. */
  record StoredClaim(TerminalAccount account, Instant expiresAt, Instant usedAt, String createdBy) {}

  /**
   * A terminal row with the hashes of its broker secret: SHA-256 for the embedded broker, and
   * Mosquitto's {@code $7$} form (null for terminals provisioned before schema version 12).
   */
  record Stored(FleetTerminal terminal, String secretSha256, String mosquittoHash) {}

  void insertClaim(String codeSha256, ClaimCode claim, String createdBy, Instant at) {
    database.transaction("creating a claim code", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO fleet_claims (code_sha256,"
          + " station, terminal, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        st.setString(1, codeSha256);
        st.setString(2, claim.account().station().value());
        st.setString(3, claim.account().terminal().value());
        st.setString(4, createdBy);
        st.setString(5, at.toString());
        st.setString(6, claim.expiresAt().toString());
        return st.executeUpdate();
      }
    });
  }

  /**
   * Runs {@code work} in one transaction with the claim whose code hashes to {@code codeSha256}
   * (empty when there is none), so a code is used at most once even by two kiosks at once.
   */
  <T> T withClaim(String codeSha256, ClaimWork<T> work) {
    return database.transaction("provisioning a terminal", c -> {
      Optional<StoredClaim> claim = Optional.empty();
      try (PreparedStatement st = c.prepareStatement("SELECT station, terminal, expires_at, used_at, created_by"
          + " FROM fleet_claims WHERE code_sha256 = ?")) {
        st.setString(1, codeSha256);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            claim = Optional.of(new StoredClaim(TerminalAccount.of(rs.getString(1), rs.getString(2)),
                Instant.parse(rs.getString(3)), instant(rs.getString(4)), rs.getString(5)));
          }
        }
      }
      return work.run(c, claim);
    });
  }

  /** The work done inside {@link #withClaim}. */
  interface ClaimWork<T> {
    T run(Connection c, Optional<StoredClaim> claim) throws SQLException;
  }

  static void useClaim(Connection c, String codeSha256, String fingerprint, Instant at)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE fleet_claims SET used_at = ?, used_fingerprint = ? WHERE code_sha256 = ?")) {
      st.setString(1, at.toString());
      st.setString(2, fingerprint);
      st.setString(3, codeSha256);
      st.executeUpdate();
    }
  }

  /** Binds a key to the terminal, replacing (and so retiring) any key bound before. */
  static void bind(Connection c, FleetTerminal t, String secretSha256, String mosquittoHash)
      throws SQLException {
    try (PreparedStatement retire = c.prepareStatement("UPDATE fleet_keys SET retired_at = ?"
        + " WHERE station = ? AND terminal = ? AND retired_at IS NULL AND public_key <> ?")) {
      retire.setString(1, t.provisionedAt().toString());
      retire.setString(2, t.account().station().value());
      retire.setString(3, t.account().terminal().value());
      retire.setString(4, t.publicKey());
      retire.executeUpdate();
    }
    try (PreparedStatement key = c.prepareStatement("INSERT INTO fleet_keys (station, terminal,"
        + " public_key, fingerprint, bound_at) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (station, terminal, public_key) DO UPDATE SET retired_at = NULL,"
        + " bound_at = excluded.bound_at")) {
      key.setString(1, t.account().station().value());
      key.setString(2, t.account().terminal().value());
      key.setString(3, t.publicKey());
      key.setString(4, t.fingerprint());
      key.setString(5, t.provisionedAt().toString());
      key.executeUpdate();
    }
    try (PreparedStatement delete = c.prepareStatement(
        "DELETE FROM fleet_terminals WHERE station = ? AND terminal = ?")) {
      delete.setString(1, t.account().station().value());
      delete.setString(2, t.account().terminal().value());
      delete.executeUpdate();
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO fleet_terminals ("
        + TERMINAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, NULL, NULL)")) {
      st.setString(1, t.account().station().value());
      st.setString(2, t.account().terminal().value());
      st.setString(3, t.publicKey());
      st.setString(4, t.fingerprint());
      st.setString(5, t.provisionedAt().toString());
      st.setString(6, t.provisionedBy());
      st.setString(7, secretSha256);
      st.setString(8, mosquittoHash);
      st.executeUpdate();
    }
  }

  /** Binds {@code t}'s key in its own transaction (a rotation: no claim code is involved). */
  void rebind(FleetTerminal t, String secretSha256, String mosquittoHash) {
    database.transaction("rotating a terminal's key", c -> {
      bind(c, t, secretSha256, mosquittoHash);
      return null;
    });
  }

  /**
   * Marks the terminal revoked, holding its late events when {@code hold}; false when it is not
   * provisioned or already revoked.
   */
  boolean revoke(TerminalAccount account, String by, Instant at, boolean hold) {
    return database.transaction("revoking a terminal", c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE fleet_terminals SET revoked_at = ?,"
          + " revoked_by = ?, revoke_mode = ? WHERE station = ? AND terminal = ?"
          + " AND revoked_at IS NULL")) {
        st.setString(1, at.toString());
        st.setString(2, by);
        st.setString(3, hold ? HOLD : REFUSE);
        st.setString(4, account.station().value());
        st.setString(5, account.terminal().value());
        return st.executeUpdate() == 1;
      }
    });
  }

  /** Ends a hold: from now on the terminal is refused; false when it is not holding. */
  boolean endHold(TerminalAccount account, String by, Instant at) {
    return database.transaction("ending a terminal's hold", c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE fleet_terminals SET revoke_mode = ?,"
          + " hold_ended_at = ?, hold_ended_by = ? WHERE station = ? AND terminal = ?"
          + " AND revoke_mode = ?")) {
        st.setString(1, REFUSE);
        st.setString(2, at.toString());
        st.setString(3, by);
        st.setString(4, account.station().value());
        st.setString(5, account.terminal().value());
        st.setString(6, HOLD);
        return st.executeUpdate() == 1;
      }
    });
  }

  List<Stored> terminals() {
    return database.read("listing the fleet", c -> {
      List<Stored> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT " + TERMINAL_COLUMNS
          + " FROM fleet_terminals ORDER BY station, terminal");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Stored(new FleetTerminal(TerminalAccount.of(rs.getString(1), rs.getString(2)),
              rs.getString(3), rs.getString(4), Instant.parse(rs.getString(5)), rs.getString(6),
              instant(rs.getString(7)), rs.getString(8), HOLD.equals(rs.getString(11)),
              instant(rs.getString(12)), rs.getString(13)), rs.getString(9), rs.getString(10)));
        }
      }
      return out;
    });
  }

  /** A key bound to a terminal (base64url raw key), and when it was retired (null: current). */
  record KeyRow(String publicKey, Instant retiredAt) {}

  /** Every key ever bound, by terminal username, in binding order. */
  java.util.Map<String, List<KeyRow>> keys() {
    return database.read("listing fleet keys", c -> {
      java.util.Map<String, List<KeyRow>> out = new java.util.HashMap<>();
      try (PreparedStatement st = c.prepareStatement("SELECT station, terminal, public_key,"
          + " retired_at FROM fleet_keys ORDER BY bound_at");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String retired = rs.getString(4);
          out.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
              .add(new KeyRow(rs.getString(3), retired == null ? null : Instant.parse(retired)));
        }
      }
      return out;
    });
  }

  /** Adds {@code count} refusals to the tally of {@code (kind, subject)}. */
  void countRefusals(List<FleetRefusal> batch) {
    database.transaction("counting fleet refusals", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO fleet_refusals (kind, subject,"
          + " detail, count, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (kind, subject) DO UPDATE SET detail = excluded.detail,"
          + " count = fleet_refusals.count + excluded.count, last_at = excluded.last_at")) {
        for (FleetRefusal r : batch) {
          st.setString(1, r.kind().name());
          st.setString(2, r.subject());
          st.setString(3, r.detail());
          st.setLong(4, r.count());
          st.setString(5, r.firstAt().toString());
          st.setString(6, r.lastAt().toString());
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }

  List<FleetRefusal> refusals() {
    return database.read("listing fleet refusals", c -> {
      List<FleetRefusal> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT kind, subject, detail, count,"
          + " first_at, last_at FROM fleet_refusals ORDER BY last_at DESC");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new FleetRefusal(FleetRefusal.Kind.valueOf(rs.getString(1)), rs.getString(2),
              rs.getString(3), rs.getLong(4), Instant.parse(rs.getString(5)),
              Instant.parse(rs.getString(6))));
        }
      }
      return out;
    });
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
