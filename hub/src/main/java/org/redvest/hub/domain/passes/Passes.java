package org.redvest.hub.domain.passes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.redvest.hub.domain.credentials.Credentials;
import org.redvest.hub.domain.credentials.IssuedCredential;
import org.redvest.hub.store.StoreException;
import org.redvest.protocol.VolunteerId;

/**
 * Web passes: a random secret per pass, of which only the SHA-256 is stored ({@value #FILE_NAME}),
 * and for each time step ({@code step}, RFC 6238 style: window = floor(unix seconds / step)) one
 * signed credential valid until the window's end plus {@code skew}. The same window's code is
 * served again from memory, so a page reloaded within a window shows the same code. Thread-safe.
 */
public final class Passes {
  public static final String FILE_NAME = "passes.db";
  public static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String url;
  private final Credentials credentials;
  private final Clock clock;
  private final Duration step;
  private final Duration skew;
  private final Map<Long, WindowCode> current = new ConcurrentHashMap<>();

  private Passes(String url, Credentials credentials, Clock clock, Duration step, Duration skew) {
    this.url = url;
    this.credentials = credentials;
    this.clock = clock;
    this.step = step;
    this.skew = skew;
  }

  public static Passes open(Path dataDir, Credentials credentials, Clock clock, Duration step, Duration skew) {
    if (step.toSeconds() < 1 || step.toSeconds() > 3600) {
      throw new IllegalArgumentException("pass step: must be 1 s to 1 h, was " + step);
    }
    String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
    try (Connection db = DriverManager.getConnection(url)) {
      try (Statement st = db.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("CREATE TABLE IF NOT EXISTS passes (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " secret_sha256 TEXT NOT NULL UNIQUE, volunteer TEXT NOT NULL, display_name TEXT,"
            + " created_at TEXT NOT NULL, revoked_at TEXT)");
      }
      return new Passes(url, credentials, clock, step, skew);
    } catch (SQLException e) {
      throw new StoreException("opening " + FILE_NAME + " in " + dataDir, e);
    }
  }

  /** A pass row: which volunteer the secret shows. */
  public record Pass(long id, VolunteerId volunteer, String displayName, Instant createdAt, Instant revokedAt) {}

  /** A new pass and its secret (returned once; only its hash is kept). */
  public record Created(Pass pass, String secret) {}

  /** One window's code. */
  public record WindowCode(long window, Instant start, Instant end, IssuedCredential issued) {}

  public synchronized Created create(VolunteerId volunteer, String displayName) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    try (Connection db = connect(); PreparedStatement st = db.prepareStatement(
        "INSERT INTO passes (secret_sha256, volunteer, display_name, created_at) VALUES (?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, sha256(secret));
      st.setString(2, volunteer.value());
      st.setString(3, displayName);
      st.setString(4, now.toString());
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        return new Created(new Pass(keys.getLong(1), volunteer, displayName, now, null), secret);
      }
    } catch (SQLException e) {
      throw new StoreException("creating a pass", e);
    }
  }

  /** Revokes pass {@code id}: its link stops working at once. False when unknown or already revoked. */
  public synchronized boolean revoke(long id) {
    try (Connection db = connect(); PreparedStatement st = db.prepareStatement(
        "UPDATE passes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      st.setString(1, clock.instant().toString());
      st.setLong(2, id);
      current.remove(id);
      return st.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("revoking pass " + id, e);
    }
  }

  /** The live (not revoked) pass whose secret is {@code secret}. */
  public synchronized Optional<Pass> find(String secret) {
    if (secret == null || secret.length() > 100) {
      return Optional.empty();
    }
    try (Connection db = connect(); PreparedStatement st = db.prepareStatement("SELECT id, volunteer, display_name, created_at, revoked_at"
        + " FROM passes WHERE secret_sha256 = ? AND revoked_at IS NULL")) {
      st.setString(1, sha256(secret));
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(new Pass(rs.getLong(1), VolunteerId.of(rs.getString(2)), rs.getString(3),
            Instant.parse(rs.getString(4)), null)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("finding a pass", e);
    }
  }

  /** The code of the current window for {@code pass}, signing it on the window's first request. */
  public WindowCode code(Pass pass) {
    Instant now = clock.instant();
    long window = Math.floorDiv(now.getEpochSecond(), step.toSeconds());
    return current.compute(pass.id(), (id, old) -> {
      if (old != null && old.window() == window) {
        return old;
      }
      Instant start = Instant.ofEpochSecond(window * step.toSeconds());
      Instant end = start.plus(step);
      return new WindowCode(window, start, end,
          credentials.issueWindow(pass.volunteer(), pass.displayName(), start, end.plus(skew)));
    });
  }

  public Duration step() {
    return step;
  }

  public Instant now() {
    return clock.instant();
  }

  public static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A connection per operation: passes are rare and small, and the hub then owns nothing to close. */
  private Connection connect() throws SQLException {
    Connection db = DriverManager.getConnection(url);
    try (Statement st = db.createStatement()) {
      st.execute("PRAGMA synchronous=FULL");
      st.execute("PRAGMA busy_timeout=5000");
    }
    return db;
  }
}
