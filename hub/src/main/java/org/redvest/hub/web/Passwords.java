package org.redvest.hub.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2WithHmacSHA256, a random 16-byte salt per password and the iteration
 * count stored beside the hash, so it can be raised later without invalidating old hashes.
 */
final class Passwords {
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 600_000;
  static final int MIN_LENGTH = 8;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  /** A stored hash: base64 hash and salt, and the iterations they were made with. */
  record Hash(String hash, String salt, int iterations) {}

  private Passwords() {}

  static Hash hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return new Hash(b64.encodeToString(derive(password, salt, ITERATIONS)), b64.encodeToString(salt),
        ITERATIONS);
  }

  static boolean matches(String password, Hash stored) {
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(stored.hash());
    byte[] actual = derive(password, b64.decode(stored.salt()), stored.iterations());
    return MessageDigest.isEqual(expected, actual);
  }

  /** A random password of {@code length} unambiguous letters and digits. */
  static String random(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return out.toString();
  }

  /** Whether {@code password} is long enough ({@value #MIN_LENGTH} characters or more). */
  static boolean acceptable(String password) {
    return password != null && password.length() >= MIN_LENGTH;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
