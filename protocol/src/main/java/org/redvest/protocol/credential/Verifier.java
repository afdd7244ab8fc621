package org.redvest.protocol.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;

/**
 * Checks {@code RVC1:} codes offline against a key ring, a revocation set and the terminal's
 * station. The signature is checked before anything the code says is believed; the order of the
 * other checks fixes which reason a code with several faults gets (docs/credentials.md).
 * Immutable and thread-safe; a new roster makes a new verifier.
 */
public final class Verifier {
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  private final KeyRing keys;
  private final Set<Long> revoked;
  private final StationId station;
  private final Duration skew;

  /**
   * @param revoked serials that must be refused
   * @param skew how far in the future an issue time may be (terminal clocks drift)
   */
  public Verifier(KeyRing keys, Set<Long> revoked, StationId station, Duration skew) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.revoked = Set.copyOf(revoked);
    this.station = Objects.requireNonNull(station, "station");
    this.skew = Objects.requireNonNull(skew, "skew");
  }

  /** Whether {@code text} claims to be a signed credential (and so must be verified, not ignored). */
  public static boolean looksLikeCredential(String text) {
    return text != null && text.startsWith(Issuer.PREFIX);
  }

  public Verdict verify(String text, Instant now) {
    Optional<CompactCredential.Parts> parsed = parse(text);
    if (parsed.isEmpty()) {
      return refused(RefusalReason.WRONG_FORMAT, "not a RedVest credential", null);
    }
    Credential c = parsed.get().credential();
    Optional<TrustedKey> key = keys.find(c.keyId());
    if (key.isEmpty()) {
      return refused(RefusalReason.UNKNOWN_KEY, "key " + c.keyId() + " is not in the roster", null);
    }
    if (!Ed25519.verify(key.get().publicKey(), parsed.get().signedMessage(), parsed.get().signature())) {
      return refused(RefusalReason.FORGED, "signature does not match key " + c.keyId(), null);
    }
    if (!key.get().activeAt(now) || c.issuedAt().isBefore(key.get().notBefore())) {
      return refused(RefusalReason.UNKNOWN_KEY, "key " + c.keyId() + " is valid from "
          + key.get().notBefore() + " until " + key.get().notAfter(), c);
    }
    if (revoked.contains(c.serial())) {
      return refused(RefusalReason.REVOKED, "serial " + c.serial() + " is revoked", c);
    }
    if (!now.isBefore(c.expiresAt())) {
      return refused(RefusalReason.EXPIRED, "expired at " + c.expiresAt(), c);
    }
    if (c.issuedAt().isAfter(now.plus(skew))) {
      return refused(RefusalReason.NOT_YET_VALID, "issued at " + c.issuedAt() + ", in the future", c);
    }
    if (!c.validAt(station)) {
      return refused(RefusalReason.NOT_FOR_THIS_STATION, "valid at " + c.stations() + ", not " + station, c);
    }
    return new Verdict.Valid(c);
  }

  private static Optional<CompactCredential.Parts> parse(String text) {
    if (!looksLikeCredential(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CompactCredential.parse(Base45.decode(text.substring(Issuer.PREFIX.length()))));
    } catch (IllegalArgumentException | ProtocolException e) {
      return Optional.empty();
    }
  }

  private static Verdict refused(RefusalReason reason, String detail, Credential credential) {
    return new Verdict.Refused(reason, detail, credential);
  }
}
