package org.redvest.protocol.fleet;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

/**
 * A joined terminal replacing its own key (docs/protocol.md §15, "Rotating a terminal's key"):
 * signed by the key the hub has bound ({@code previousProof}), which authenticates the request,
 * and by the new key ({@code proof}), which shows the terminal holds it. Both sign {@link
 * #proofMessage()}, which includes {@code issuedAt}: the hub refuses a request more than a few
 * minutes off its own clock, so a copy of one cannot be replayed later.
 *
 * @param previousKey the raw 32-byte Ed25519 key the hub has bound to the terminal now
 * @param publicKey the raw 32-byte new key
 */
public record RotationRequest(TerminalAccount account, byte[] previousKey, byte[] publicKey,
    java.time.Instant issuedAt, byte[] previousProof, byte[] proof) {
  /** First line of the signed message: binds the signatures to this purpose and version. */
  public static final String PROOF_CONTEXT = "redvest-rotate-v1";

  public RotationRequest {
    if (account == null) {
      throw new ProtocolException("stationId", "is required");
    }
    requireLength(previousKey, Ed25519.KEY_BYTES, "previousKey", "a raw 32-byte Ed25519 key");
    requireLength(publicKey, Ed25519.KEY_BYTES, "publicKey", "a raw 32-byte Ed25519 key");
    requireLength(previousProof, 64, "previousProof", "a 64-byte Ed25519 signature");
    requireLength(proof, 64, "proof", "a 64-byte Ed25519 signature");
    if (issuedAt == null) {
      throw new ProtocolException("issuedAt", "is required");
    }
    if (Arrays.equals(previousKey, publicKey)) {
      throw new ProtocolException("publicKey", "must differ from previousKey");
    }
    previousKey = previousKey.clone();
    publicKey = publicKey.clone();
    previousProof = previousProof.clone();
    proof = proof.clone();
  }

  /** The request signed by both keys. */
  public static RotationRequest signed(TerminalAccount account, byte[] previousKey,
      PrivateKey previousPrivate, byte[] publicKey, PrivateKey privateKey,
      java.time.Instant issuedAt) {
    byte[] message = proofMessage(account, previousKey, publicKey, issuedAt);
    return new RotationRequest(account, previousKey, publicKey, issuedAt,
        Ed25519.sign(previousPrivate, message), Ed25519.sign(privateKey, message));
  }

  /**
   * {@code redvest-rotate-v1\n{stationId}\n{terminalId}\n{previousKey}\n{publicKey}\n{issuedAt}}
   * (keys in base64url without padding, the time as {@link java.time.Instant#toString()}), in
   * UTF-8.
   */
  public byte[] proofMessage() {
    return proofMessage(account, previousKey, publicKey, issuedAt);
  }

  /** Whether both keys signed {@link #proofMessage()}. */
  public boolean proofsHold() {
    try {
      byte[] message = proofMessage();
      return Ed25519.verify(Ed25519.publicKey(previousKey), message, previousProof)
          && Ed25519.verify(Ed25519.publicKey(publicKey), message, proof);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public byte[] previousKey() {
    return previousKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] previousProof() {
    return previousProof.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RotationRequest r && account.equals(r.account)
        && Arrays.equals(previousKey, r.previousKey) && Arrays.equals(publicKey, r.publicKey)
        && issuedAt.equals(r.issuedAt) && Arrays.equals(previousProof, r.previousProof) && Arrays.equals(proof, r.proof);
  }

  @Override
  public int hashCode() {
    return 31 * account.hashCode() + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "RotationRequest[" + account.username() + ", " + KeyFingerprint.of(previousKey) + " -> "
        + KeyFingerprint.of(publicKey) + "]";
  }

  private static byte[] proofMessage(TerminalAccount account, byte[] previousKey, byte[] key,
      java.time.Instant issuedAt) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return (PROOF_CONTEXT + "\n" + account.station() + "\n" + account.terminal() + "\n"
        + b64.encodeToString(previousKey) + "\n" + b64.encodeToString(key) + "\n" + issuedAt)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void requireLength(byte[] bytes, int length, String field, String what) {
    if (bytes == null || bytes.length != length) {
      throw new ProtocolException(field, "must be " + what + " in base64url");
    }
  }
}
