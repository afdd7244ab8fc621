package org.redvest.protocol.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;

/**
 * What terminals need to verify credentials offline (docs/protocol.md §9): the issuer keys with
 * their validity, and the revoked serials. Never face templates, never private keys. {@code
 * version} only grows, so a terminal keeps the newest roster it has seen.
 */
public record Roster(long version, Instant publishedAt, List<Key> keys, List<Long> revoked) {

  /** A trusted issuer key as published: raw 32-byte Ed25519 public key. */
  public record Key(String keyId, byte[] publicKey, Instant notBefore, Instant notAfter) {
    public Key {
      Objects.requireNonNull(keyId, "keyId");
      publicKey = publicKey.clone();
      Objects.requireNonNull(notBefore, "notBefore");
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    TrustedKey trusted() {
      try {
        return new TrustedKey(keyId, Ed25519.publicKey(publicKey), notBefore, notAfter);
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("keys", "key " + keyId + ": " + e.getMessage());
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && keyId.equals(k.keyId) && java.util.Arrays.equals(publicKey, k.publicKey)
          && notBefore.equals(k.notBefore) && Objects.equals(notAfter, k.notAfter);
    }

    @Override
    public int hashCode() {
      return Objects.hash(keyId, java.util.Arrays.hashCode(publicKey), notBefore, notAfter);
    }

    @Override
    public String toString() {
      return "Key[" + keyId + ", " + notBefore + " .. " + notAfter + "]";
    }
  }

  public Roster {
    if (version < 1) {
      throw new ProtocolException("version", "must be >= 1, was " + version);
    }
    Objects.requireNonNull(publishedAt, "publishedAt");
    keys = List.copyOf(keys);
    revoked = List.copyOf(revoked);
    ring(keys);
  }

  public KeyRing keyRing() {
    return ring(keys);
  }

  private static KeyRing ring(List<Key> keys) {
    List<TrustedKey> trusted = new ArrayList<>();
    keys.forEach(k -> trusted.add(k.trusted()));
    try {
      return KeyRing.of(trusted);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("keys", e.getMessage());
    }
  }

  /** A verifier for {@code station} with this roster's keys and revocations. */
  public Verifier verifier(StationId station, Duration skew) {
    return new Verifier(keyRing(), new HashSet<>(revoked), station, skew);
  }
}
