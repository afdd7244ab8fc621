package org.redvest.protocol.credential;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 (RFC 8032) with keys in their raw 32-byte form, which is what the roster and
 * the test vectors carry, so that any Ed25519 library can read them.
 */
public final class Ed25519 {
  public static final int KEY_BYTES = 32;
  /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the raw key. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  /** DER prefix of a PKCS #8 PrivateKeyInfo for Ed25519 (RFC 8410), before the 32-byte seed. */
  private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

  private Ed25519() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519 (Java 15+ has)", e);
    }
  }

  /**
   * The key pair whose private key is {@code seed} (RFC 8032 derives the public key from it). The
   * JDK has no direct call for that, but its generator takes the 32 private bytes from the
   * random source it is given.
   */
  public static KeyPair keyPair(byte[] seed) {
    if (seed == null || seed.length != KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 seed is " + KEY_BYTES + " bytes");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519 (Java 15+ has)", e);
    }
  }

  /** The public key from its raw 32 bytes; {@link IllegalArgumentException} if it is not one. */
  public static PublicKey publicKey(byte[] raw) {
    return decode(raw, SPKI_PREFIX, true);
  }

  /** The private key from its 32-byte seed. */
  public static PrivateKey privateKey(byte[] seed) {
    return decode(seed, PKCS8_PREFIX, false);
  }

  public static byte[] raw(PublicKey key) {
    return stripPrefix(key.getEncoded(), SPKI_PREFIX, "public key");
  }

  public static byte[] seed(PrivateKey key) {
    return stripPrefix(key.getEncoded(), PKCS8_PREFIX, "private key");
  }

  /**
   * {@code key}'s signature of {@code message}. Computed by BouncyCastle's RFC 8032 code, which
   * signs about 10x and verifies about 7x faster than the JDK's provider on the same machine
   * (docs/benchmarks.md, "Signatures"); Ed25519 is deterministic, so the bytes are the same.
   */
  public static byte[] sign(PrivateKey key, byte[] message) {
    byte[] signature = new byte[org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed(key), 0, message, 0, message.length, signature, 0);
    return signature;
  }

  /** Whether {@code signature} is {@code key}'s over {@code message}; false for any malformed input. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature == null || signature.length != org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, raw(key), 0, message, 0,
          message.length);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A "random" source that yields exactly the seed, once. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("expected a request for " + bytes.length + " bytes");
      }
      System.arraycopy(bytes, 0, out, 0, bytes.length);
    }
  }

  @SuppressWarnings("unchecked")
  private static <K> K decode(byte[] raw, byte[] prefix, boolean isPublic) {
    if (raw == null || raw.length != KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 key is " + KEY_BYTES + " bytes, was "
          + (raw == null ? "null" : raw.length));
    }
    byte[] der = Arrays.copyOf(prefix, prefix.length + KEY_BYTES);
    System.arraycopy(raw, 0, der, prefix.length, KEY_BYTES);
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      return (K) (isPublic ? factory.generatePublic(new X509EncodedKeySpec(der))
          : factory.generatePrivate(new PKCS8EncodedKeySpec(der)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 key: " + e.getMessage(), e);
    }
  }

  private static byte[] stripPrefix(byte[] der, byte[] prefix, String what) {
    if (der.length != prefix.length + KEY_BYTES
        || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new IllegalArgumentException("not an Ed25519 " + what);
    }
    return Arrays.copyOfRange(der, prefix.length, der.length);
  }
}
