package org.redvest.hub.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.redvest.hub.domain.Principal;

/**
 * Sign-in sessions: a random 256-bit token in the browser's cookie, only its SHA-256 in the
 * {@code web_sessions} table. A session ends {@link #IDLE} after its last use, on sign-out, or
 * when its user is disabled or gets a new password.
 */
public final class SignIns {
  /** How long a session lives without being used. */
  public static final Duration IDLE = Duration.ofHours(12);
  /** Last-use times are written at most this often, so reads do not each cost a write. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final org.redvest.hub.store.Database database;
  private final Users users;
  private final Clock clock;

  public SignIns(org.redvest.hub.store.Database database, Users users, Clock clock) {
    this.database = database;
    this.users = users;
    this.clock = clock;
  }

  /** Starts a session for {@code username}; returns the token for the cookie. */
  public String start(String username) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long now = clock.millis();
    database.transaction("starting a session for " + username, c -> {
      try (PreparedStatement purge = c.prepareStatement(
          "DELETE FROM web_sessions WHERE last_seen_epoch_ms < ?")) {
        purge.setLong(1, now - IDLE.toMillis());
        purge.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO web_sessions (token_sha256,"
          + " username, created_at, last_seen_epoch_ms) VALUES (?, ?, ?, ?)")) {
        st.setString(1, sha256(token));
        st.setString(2, username);
        st.setString(3, clock.instant().toString());
        st.setLong(4, now);
        return st.executeUpdate();
      }
    });
    return token;
  }

  /** The user of a live session, touching its last use; empty if unknown, idle or disabled. */
  public Optional<Principal> principal(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    String hash = sha256(token);
    record Row(String username, long lastSeen) {}
    Optional<Row> row = database.read("reading a session", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT username, last_seen_epoch_ms FROM web_sessions WHERE token_sha256 = ?")) {
        st.setString(1, hash);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getLong(2)))
              : Optional.<Row>empty();
        }
      }
    });
    long now = clock.millis();
    if (row.isEmpty() || now - row.get().lastSeen() > IDLE.toMillis()) {
      return Optional.empty();
    }
    Optional<User> user = users.find(row.get().username()).filter(u -> !u.disabled());
    if (user.isPresent() && now - row.get().lastSeen() > TOUCH_EVERY.toMillis()) {
      touch(hash, now);
    }
    return user.map(User::principal);
  }

  /** Ends the session of {@code token}, if any. */
  public void end(String token) {
    if (token == null || token.isEmpty()) {
      return;
    }
    database.transaction("ending a session", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "DELETE FROM web_sessions WHERE token_sha256 = ?")) {
        st.setString(1, sha256(token));
        return st.executeUpdate();
      }
    });
  }

  private void touch(String hash, long now) {
    database.transaction("touching a session", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE web_sessions SET last_seen_epoch_ms = ? WHERE token_sha256 = ?")) {
        st.setLong(1, now);
        st.setString(2, hash);
        return st.executeUpdate();
      }
    });
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
