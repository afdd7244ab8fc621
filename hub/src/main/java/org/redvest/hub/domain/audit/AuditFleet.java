package org.redvest.hub.domain.audit;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redvest.protocol.credential.Ed25519;

/**
 * What the audit knows from the fleet tables: every key ever bound to each terminal ({@code
 * fleet_keys}), each terminal's revocation, and the events an admin released from a revoked
 * terminal's hold. Read once at the start; immutable, so the verifying threads share it.
 */
final class AuditFleet {
  /** A key bound to {@code owner} ({@code station/terminal}) at {@code boundAt}. */
  record BoundKey(PublicKey key, String fingerprint, String owner, Instant boundAt) {}

  private final Map<String, List<BoundKey>> keysByTerminal;
  private final List<BoundKey> allKeys;
  private final Map<String, Instant> revokedAt;
  private final Set<String> released;

  private AuditFleet(Map<String, List<BoundKey>> keysByTerminal, List<BoundKey> allKeys,
      Map<String, Instant> revokedAt, Set<String> released) {
    this.keysByTerminal = keysByTerminal;
    this.allKeys = allKeys;
    this.revokedAt = revokedAt;
    this.released = released;
  }

  static AuditFleet load(Connection c) throws SQLException {
    Map<String, List<BoundKey>> byTerminal = new HashMap<>();
    List<BoundKey> all = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT station, terminal, public_key,"
        + " fingerprint, bound_at FROM fleet_keys ORDER BY bound_at");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        String owner = rs.getString(1) + "/" + rs.getString(2);
        BoundKey key = new BoundKey(Ed25519.publicKey(Base64.getUrlDecoder().decode(rs.getString(3))),
            rs.getString(4), owner, Instant.parse(rs.getString(5)));
        byTerminal.computeIfAbsent(owner, k -> new ArrayList<>()).add(key);
        all.add(key);
      }
    }
    Map<String, Instant> revoked = new HashMap<>();
    try (PreparedStatement st = c.prepareStatement(
        "SELECT station, terminal, revoked_at FROM fleet_terminals WHERE revoked_at IS NOT NULL");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        revoked.put(rs.getString(1) + "/" + rs.getString(2), Instant.parse(rs.getString(3)));
      }
    }
    return new AuditFleet(Map.copyOf(byTerminal), List.copyOf(all), Map.copyOf(revoked),
        releasedEvents(c));
  }

  /** Events an admin released from a hold (none in a store older than holds). */
  private static Set<String> releasedEvents(Connection c) throws SQLException {
    Set<String> out = new HashSet<>();
    if (!hasTable(c, "fleet_held")) {
      return out;
    }
    try (PreparedStatement st = c.prepareStatement(
        "SELECT event_id FROM fleet_held WHERE state = 'RELEASED' AND event_id IS NOT NULL");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return Set.copyOf(out);
  }

  static boolean hasTable(Connection c, String table) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Keys bound to {@code terminal}, in binding order (empty when it never joined). */
  List<BoundKey> keysOf(String terminal) {
    return keysByTerminal.getOrDefault(terminal, List.of());
  }

  /** When {@code terminal} first joined the fleet, if ever. */
  Optional<Instant> joinedAt(String terminal) {
    List<BoundKey> keys = keysOf(terminal);
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0).boundAt());
  }

  /** A key of some other terminal that signed {@code body}, if any. */
  Optional<BoundKey> foreignSigner(String terminal, byte[] body, byte[] signature) {
    for (BoundKey k : allKeys) {
      if (!k.owner().equals(terminal) && Ed25519.verify(k.key(), body, signature)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  Optional<Instant> revokedAt(String terminal) {
    return Optional.ofNullable(revokedAt.get(terminal));
  }

  boolean released(String eventId) {
    return released.contains(eventId);
  }
}
