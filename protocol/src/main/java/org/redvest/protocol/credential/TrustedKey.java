package org.redvest.protocol.credential;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An issuer public key a terminal trusts, and when: credentials it signed are accepted only while
 * {@code notBefore <= now < notAfter}, and only if they were issued at or after {@code notBefore}.
 * On rotation the old key keeps verifying until its last credential expires ({@code notAfter}),
 * while the new one already signs, so both are in the ring at once.
 *
 * @param notAfter end of verification, or null while the key is current
 */
public record TrustedKey(String keyId, PublicKey publicKey, Instant notBefore, Instant notAfter) {
  public TrustedKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(notBefore, "notBefore");
    if (notAfter != null && !notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter: must be after notBefore " + notBefore + ", was " + notAfter);
    }
  }

  public boolean activeAt(Instant now) {
    return !now.isBefore(notBefore) && (notAfter == null || now.isBefore(notAfter));
  }
}
