package org.redvest.hub.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.redvest.hub.domain.Role;
import org.redvest.hub.store.Database;
import org.redvest.protocol.StationId;

/** The {@code users} table: accounts, their roles and stations, and password checks. */
public final class Users {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
  private static final String COLUMNS = "username, display_name, role, stations, disabled,"
      + " created_at, updated_at";
  /** Checked against when the user is unknown, so the answer takes as long as for a known one. */
  private static final Passwords.Hash DUMMY = Passwords.hash(Passwords.random(16));

  private final Database database;
  private final Clock clock;

  public Users(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Creates an account.
   *
   * @throws IllegalArgumentException naming the field that is invalid or the name already taken
   */
  public User create(String username, String displayName, Role role, Set<StationId> stations,
      String password) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("username: 2-32 lower-case letters, digits, . _ -");
    }
    if (displayName == null || displayName.isBlank() || displayName.length() > 64) {
      throw new IllegalArgumentException("displayName: 1-64 characters");
    }
    if (role == Role.STATION_MANAGER && stations.isEmpty()) {
      throw new IllegalArgumentException("stations: a station manager needs at least one station");
    }
    requirePassword(password);
    Passwords.Hash hash = Passwords.hash(password);
    String now = clock.instant().toString();
    return database.transaction("creating user " + username, c -> {
      if (find(c, username).isPresent()) {
        throw new IllegalArgumentException("username: " + username + " is taken");
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO users (username, display_name,"
          + " role, stations, password_hash, password_salt, password_iterations, disabled,"
          + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
        st.setString(1, username);
        st.setString(2, displayName.strip());
        st.setString(3, role.name());
        st.setString(4, role == Role.HUB_ADMIN ? "" : stations.stream().map(StationId::value)
            .sorted().collect(Collectors.joining(",")));
        st.setString(5, hash.hash());
        st.setString(6, hash.salt());
        st.setInt(7, hash.iterations());
        st.setString(8, now);
        st.setString(9, now);
        st.executeUpdate();
      }
      return find(c, username).orElseThrow();
    });
  }

  /** The enabled account whose password is {@code password}; empty for any mismatch. */
  public Optional<User> verify(String username, String password) {
    if (username == null || password == null) {
      return Optional.empty();
    }
    Optional<Passwords.Hash> hash = database.read("reading password of " + username, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT password_hash, password_salt,"
          + " password_iterations FROM users WHERE username = ? AND disabled = 0")) {
        st.setString(1, username);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(new Passwords.Hash(rs.getString(1), rs.getString(2),
              rs.getInt(3))) : Optional.<Passwords.Hash>empty();
        }
      }
    });
    if (hash.isEmpty()) {
      // Same work for an unknown name as for a wrong password: timing does not tell them apart.
      Passwords.matches(password, DUMMY);
      return Optional.empty();
    }
    return Passwords.matches(password, hash.get()) ? find(username) : Optional.empty();
  }

  public Optional<User> find(String username) {
    return database.read("reading user " + username, c -> find(c, username));
  }

  public List<User> all() {
    return database.read("listing users", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM users ORDER BY username");
          ResultSet rs = st.executeQuery()) {
        List<User> users = new ArrayList<>();
        while (rs.next()) {
          users.add(user(rs));
        }
        return users;
      }
    });
  }

  public boolean isEmpty() {
    return database.read("counting users", c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM users");
          ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getLong(1) == 0;
      }
    });
  }

  /** Disables or re-enables an account; disabling also ends its sign-in sessions. */
  public void setDisabled(String username, boolean disabled) {
    update(username, "disabled = " + (disabled ? 1 : 0), st -> {});
    if (disabled) {
      endSessions(username);
    }
  }

  /** Sets a new password and ends the account's sign-in sessions. */
  public void resetPassword(String username, String password) {
    requirePassword(password);
    Passwords.Hash hash = Passwords.hash(password);
    update(username, "password_hash = ?, password_salt = ?, password_iterations = ?", st -> {
      st.setString(1, hash.hash());
      st.setString(2, hash.salt());
      st.setInt(3, hash.iterations());
    });
    endSessions(username);
  }

  private void endSessions(String username) {
    database.transaction("ending sessions of " + username, c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM web_sessions WHERE username = ?")) {
        st.setString(1, username);
        return st.executeUpdate();
      }
    });
  }

  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private void update(String username, String set, Binder binder) {
    int params = (int) set.chars().filter(ch -> ch == '?').count();
    int changed = database.transaction("updating user " + username, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE users SET " + set + ", updated_at = ? WHERE username = ?")) {
        binder.bind(st);
        st.setString(params + 1, clock.instant().toString());
        st.setString(params + 2, username);
        return st.executeUpdate();
      }
    });
    if (changed == 0) {
      throw new IllegalArgumentException("username: no user " + username);
    }
  }

  private static void requirePassword(String password) {
    if (!Passwords.acceptable(password)) {
      throw new IllegalArgumentException(
          "password: at least " + Passwords.MIN_LENGTH + " characters");
    }
  }

  private static Optional<User> find(Connection c, String username) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM users WHERE username = ?")) {
      st.setString(1, username);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.empty();
      }
    }
  }

  private static User user(ResultSet rs) throws SQLException {
    Set<StationId> stations = new LinkedHashSet<>();
    Arrays.stream(rs.getString("stations").split(",")).filter(s -> !s.isBlank())
        .map(StationId::of).forEach(stations::add);
    return new User(rs.getString("username"), rs.getString("display_name"),
        Role.valueOf(rs.getString("role")), stations, rs.getInt("disabled") != 0,
        java.time.Instant.parse(rs.getString("created_at")),
        java.time.Instant.parse(rs.getString("updated_at")));
  }
}
