package org.redvest.protocol.fleet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How people compare public keys: {@code SHA256:} and the unpadded base64 of the SHA-256 of the raw
 * 32-byte key, the form OpenSSH prints, so an installer can read it off the kiosk screen and the
 * dashboard and see they match.
 */
public final class KeyFingerprint {
  private KeyFingerprint() {}

  public static String of(byte[] rawPublicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
