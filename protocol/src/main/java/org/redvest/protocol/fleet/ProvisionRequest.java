package org.redvest.protocol.fleet;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

/**
 * A terminal's claim of a place in the fleet: the one-time claim code an admin gave the installer,
 * the station and terminal id it claims, its Ed25519 public key, and {@code proof}, its signature
 * over {@link #proofMessage()}, which shows the hub that the terminal holds the private key (the
 * key itself never leaves the kiosk).
 *
 * @param publicKey the raw 32-byte Ed25519 public key
 * @param proof the 64-byte Ed25519 signature over {@link #proofMessage()}
 */
public record ProvisionRequest(String claimCode, TerminalAccount account, byte[] publicKey,
    byte[] proof) {
  /** First line of the signed message: binds the signature to this purpose and version. */
  public static final String PROOF_CONTEXT = "redvest-provision-v1";

  public ProvisionRequest {
    if (claimCode == null || claimCode.isBlank() || claimCode.length() > 64) {
      throw new ProtocolException("claimCode", "is required (at most 64 characters)");
    }
    if (account == null) {
      throw new ProtocolException("stationId", "is required");
    }
    if (publicKey == null || publicKey.length != Ed25519.KEY_BYTES) {
      throw new ProtocolException("publicKey", "must be a raw 32-byte Ed25519 key in base64url");
    }
    if (proof == null || proof.length != 64) {
      throw new ProtocolException("proof", "must be a 64-byte Ed25519 signature in base64url");
    }
    publicKey = publicKey.clone();
    proof = proof.clone();
  }

  /** The request signed with {@code privateKey}, whose public half is {@code publicKey}. */
  public static ProvisionRequest signed(String claimCode, TerminalAccount account,
      byte[] publicKey, PrivateKey privateKey) {
    byte[] message = proofMessage(claimCode, account, publicKey);
    return new ProvisionRequest(claimCode, account, publicKey, Ed25519.sign(privateKey, message));
  }

  /**
   * {@code redvest-provision-v1\n{claimCode}\n{stationId}\n{terminalId}\n{publicKey base64url}}
   * in UTF-8: what {@code proof} signs.
   */
  public byte[] proofMessage() {
    return proofMessage(claimCode, account, publicKey);
  }

  /** Whether {@code proof} is the signature of {@link #proofMessage()} by {@code publicKey}. */
  public boolean proofHolds() {
    try {
      return Ed25519.verify(Ed25519.publicKey(publicKey), proofMessage(), proof);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProvisionRequest r && claimCode.equals(r.claimCode)
        && account.equals(r.account) && Arrays.equals(publicKey, r.publicKey)
        && Arrays.equals(proof, r.proof);
  }

  @Override
  public int hashCode() {
    return 31 * account.hashCode() + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "ProvisionRequest[" + account.username() + ", key "
        + KeyFingerprint.of(publicKey) + "]";
  }

  private static byte[] proofMessage(String claimCode, TerminalAccount account, byte[] key) {
    return (PROOF_CONTEXT + "\n" + claimCode + "\n" + account.station() + "\n"
        + account.terminal() + "\n" + Base64.getUrlEncoder().withoutPadding().encodeToString(key))
        .getBytes(StandardCharsets.UTF_8);
  }
}
