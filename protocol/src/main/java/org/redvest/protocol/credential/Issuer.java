package org.redvest.protocol.credential;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * Signs credentials with one Ed25519 key. Ed25519 is deterministic, so the same credential and
 * key always give the same code (which is what lets the test vectors be checked byte for byte).
 */
public final class Issuer {
  public static final String PREFIX = CompactCredential.CONTEXT;

  private final String keyId;
  private final PrivateKey key;

  private Issuer(String keyId, PrivateKey key) {
    this.keyId = keyId;
    this.key = key;
  }

  public static Issuer of(String keyId, PrivateKey key) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
    return new Issuer(keyId, key);
  }

  public String keyId() {
    return keyId;
  }

  /** The QR text: {@value #PREFIX} then Base45 of the compact credential and its signature. */
  public String issue(Credential credential) {
    if (!credential.keyId().equals(keyId)) {
      throw new IllegalArgumentException("keyId: credential names key " + credential.keyId()
          + " but this issuer signs with " + keyId);
    }
    byte[] body = CompactCredential.body(credential);
    byte[] signature = Ed25519.sign(key, CompactCredential.signedMessage(body));
    byte[] all = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, all, body.length, signature.length);
    return PREFIX + Base45.encode(all);
  }
}
