package org.redvest.terminal.screen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The station managers' PINs and sign-in sessions at this kiosk.
 *
 * <p>PINs are kept as salted PBKDF2-SHA256 hashes, one manager a line in the PIN file
 * ({@code manager-1 pbkdf2-sha256 120000 SALT HASH}), written by {@link #write}. After
 * {@link #MAX_FAILURES} wrong PINs in a row sign-in is locked for {@link #LOCK_FOR}; a session
 * ends after {@code idle} without a request. Thread-safe.
 */
public final class ManagerPin {
  static final int MAX_FAILURES = 5;
  static final Duration LOCK_FOR = Duration.ofMinutes(5);
  private static final int ITERATIONS = 120_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Clock clock;
  private final Duration idle;
  private final Map<String, Session> sessions = new HashMap<>();
  private int failures;
  private Instant lockedUntil = Instant.MIN;

  /** What a sign-in attempt gave. */
  sealed interface Attempt {
    record SignedIn(String token, String managerId) implements Attempt {}

    record Wrong(int attemptsLeft) implements Attempt {}

    record Locked(Instant until) implements Attempt {}

    record NoPinSet() implements Attempt {}
  }

  private record Session(String managerId, Instant lastSeen) {}

  long idleMillis() {
    return idle.toMillis();
  }

  ManagerPin(Path file, Clock clock, Duration idle) {
    this.file = file;
    this.clock = clock;
    this.idle = idle;
  }

  /** Whether any manager has a PIN at this kiosk. */
  boolean configured() {
    return file != null && Files.isRegularFile(file) && !lines().isEmpty();
  }

  /** Checks {@code managerId}'s {@code pin}; a wrong manager id counts as a wrong PIN. */
  synchronized Attempt signIn(String managerId, String pin) {
    Instant now = clock.instant();
    if (now.isBefore(lockedUntil)) {
      return new Attempt.Locked(lockedUntil);
    }
    if (!configured()) {
      return new Attempt.NoPinSet();
    }
    if (managerId != null && pin != null && matches(managerId.strip(), pin)) {
      failures = 0;
      String token = newToken();
      sessions.put(token, new Session(managerId.strip(), now));
      return new Attempt.SignedIn(token, managerId.strip());
    }
    failures++;
    if (failures >= MAX_FAILURES) {
      failures = 0;
      lockedUntil = now.plus(LOCK_FOR);
      return new Attempt.Locked(lockedUntil);
    }
    return new Attempt.Wrong(MAX_FAILURES - failures);
  }

  /** The manager signed in with {@code token}, renewing the session; empty when none or idle too long. */
  synchronized Optional<String> manager(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session session = sessions.get(token);
    if (session == null || Duration.between(session.lastSeen(), now).compareTo(idle) > 0) {
      sessions.remove(token);
      return Optional.empty();
    }
    sessions.put(token, new Session(session.managerId(), now));
    return Optional.of(session.managerId());
  }

  /**
   * The manager signed in with {@code token}, without renewing the session: for the page's own
   * polling, which must not keep an unattended screen signed in.
   */
  synchronized Optional<String> peek(String token) {
    Session session = token == null ? null : sessions.get(token);
    if (session == null || Duration.between(session.lastSeen(), clock.instant()).compareTo(idle) > 0) {
      return Optional.empty();
    }
    return Optional.of(session.managerId());
  }

  synchronized void signOut(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }

  /** Sets {@code managerId}'s PIN in {@code file} (replacing an earlier one), as a salted hash. */
  public static void write(Path file, String managerId, String pin) {
    if (managerId == null || !managerId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("manager id: 1-64 letters, digits, '.', '_' or '-', was " + managerId);
    }
    if (pin == null || !pin.matches("\\d{4,12}")) {
      throw new IllegalArgumentException("PIN: must be 4 to 12 digits");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String line = managerId + " pbkdf2-sha256 " + ITERATIONS + " " + b64(salt) + " " + b64(hash(pin, salt, ITERATIONS));
    List<String> lines = new ArrayList<>();
    try {
      if (Files.isRegularFile(file)) {
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!l.startsWith(managerId + " ")) {
            lines.add(l);
          }
        }
      } else if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      lines.add(line);
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PIN file " + file, e);
    }
  }

  private boolean matches(String managerId, String pin) {
    for (String line : lines()) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 5 && f[0].equals(managerId) && f[1].equals("pbkdf2-sha256")) {
        byte[] expected = Base64.getDecoder().decode(f[4]);
        byte[] actual = hash(pin, Base64.getDecoder().decode(f[3]), Integer.parseInt(f[2]));
        return MessageDigest.isEqual(expected, actual);
      }
    }
    return false;
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the PIN file " + file, e);
    }
  }

  private static byte[] hash(String pin, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
