package org.redvest.protocol.fleet;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

/**
 * The signature envelope of docs/protocol.md §16: a JSON object whose last member is {@code
 * "sig"}, the base64url (no padding) Ed25519 signature over the exact UTF-8 bytes of the same
 * object without that member.
 *
 * <pre>
 * body:    {"committedSeq":5}
 * payload: {"committedSeq":5,"sig":"3FDl3cgO…"}     signed bytes = the body, byte for byte
 * </pre>
 *
 * <p>No canonical JSON is needed: the signer appends {@code ,"sig":"…"} before the body's closing
 * brace, and the verifier cuts it off again. Receivers that do not check signatures read the
 * payload as before (they ignore unknown fields); receivers that do decode only the verified body,
 * so nothing outside the signature is ever read.
 */
public final class SignedPayload {
  private static final byte[] MARK = ",\"sig\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final int SIGNATURE_BYTES = 64;
  private static final int SIGNATURE_CHARS = 86;

  private SignedPayload() {}

  /** {@code body}, a JSON object that does not end in {@code {}}, with its signature appended. */
  public static byte[] sign(byte[] body, PrivateKey key) {
    if (body.length < 3 || body[0] != '{' || body[body.length - 1] != '}') {
      throw new IllegalArgumentException("only a non-empty JSON object can be signed");
    }
    String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.sign(key, body));
    byte[] tail = (sig + "\"}").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(body, body.length - 1 + MARK.length + tail.length);
    System.arraycopy(MARK, 0, out, body.length - 1, MARK.length);
    System.arraycopy(tail, 0, out, body.length - 1 + MARK.length, tail.length);
    return out;
  }

  /** A payload cut into the body that was signed and the signature. */
  public record Parts(byte[] body, byte[] signature) {}

  /**
   * The body and signature of {@code payload}, or empty when it carries no {@code "sig"} as its
   * last member (an unsigned message).
   */
  public static Optional<Parts> split(byte[] payload) {
    int end = payload.length - 2;
    int start = end - SIGNATURE_CHARS - MARK.length;
    if (start < 1 || payload[end] != '"' || payload[end + 1] != '}'
        || !Arrays.equals(payload, start, start + MARK.length, MARK, 0, MARK.length)) {
      return Optional.empty();
    }
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(Arrays.copyOfRange(payload, start + MARK.length, end));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (signature.length != SIGNATURE_BYTES) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOf(payload, start + 1);
    body[start] = '}';
    return Optional.of(new Parts(body, signature));
  }

  /**
   * The body of {@code payload} if {@code key} signed it.
   *
   * @throws ProtocolException {@code sig: …} when the payload is unsigned or the signature is not
   *     {@code key}'s over the body
   */
  public static byte[] verify(byte[] payload, PublicKey key) {
    Parts parts = split(payload).orElseThrow(() ->
        new ProtocolException("sig", "is required: the message is not signed"));
    if (!Ed25519.verify(key, parts.body(), parts.signature())) {
      throw new ProtocolException("sig", "does not verify with key " + KeyFingerprint.of(Ed25519.raw(key)));
    }
    return parts.body();
  }
}
