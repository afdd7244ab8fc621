package org.redvest.hub.domain.fleet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A password hashed the way Mosquitto 2 keeps it in a {@code password_file}: {@code
 * $7$<iterations>$<salt>$<hash>}, PBKDF2 with HMAC-SHA512 over the password's bytes, a 12-byte
 * salt and a 64-byte result, both in padded standard Base64 ({@code apps/mosquitto_passwd},
 * {@code src/password_mosq.c}: {@code SALT_LEN 12}, {@code PW_DEFAULT_ITERATIONS 101}). The
 * iterations are Mosquitto's default: the passwords are random 256-bit secrets, which no
 * guessing reaches however cheap the hash, and every login costs the broker one hash.
 */
final class MosquittoHash {
  static final int ITERATIONS = 101;
  private static final String PREFIX = "$7$";
  private static final int SALT_BYTES = 12;
  private static final int HASH_BYTES = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private MosquittoHash() {}

  /** {@code password} hashed with a fresh salt. */
  static String of(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return of(password, salt, ITERATIONS);
  }

  /** {@code password} hashed with the given salt and iterations (for test vectors). */
  static String of(String password, byte[] salt, int iterations) {
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("salt: Mosquitto reads only 12-byte salts, was " + salt.length);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations: must be at least 1, was " + iterations);
    }
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, iterations));
  }

  /** Whether {@code hash} (a {@code $7$} entry) is the hash of {@code password}. */
  static boolean matches(String hash, String password) {
    String[] parts = hash.split("\\$");
    if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals("7")) {
      throw new IllegalArgumentException("hash: not a Mosquitto $7$ hash");
    }
    byte[] salt = Base64.getDecoder().decode(parts[3]);
    byte[] expected = Base64.getDecoder().decode(parts[4]);
    return MessageDigest.isEqual(expected,
        pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, Integer.parseInt(parts[2])));
  }

  /**
   * PBKDF2-HMAC-SHA512 (RFC 8018) with one output block, over the password's bytes as Mosquitto
   * passes them to OpenSSL ({@code PBEKeySpec} would take chars, not bytes).
   */
  private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(password, "HmacSHA512"));
      mac.update(salt);
      byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
      byte[] result = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = mac.doFinal(u);
        for (int j = 0; j < HASH_BYTES; j++) {
          result[j] ^= u[j];
        }
      }
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is part of every Java runtime", e);
    }
  }
}
