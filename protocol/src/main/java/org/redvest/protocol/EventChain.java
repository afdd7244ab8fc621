package org.redvest.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-terminal hash chain of attendance events (docs/protocol.md §4, {@code prevHash}): each
 * event carries the hex SHA-256 of the exact payload bytes of the terminal's previous event
 * without its signature (the signed body, docs/protocol.md §16: the bytes of an unsigned payload),
 * and event 1 carries {@link #GENESIS}. So a link does not depend on whether, or when, the event
 * before it was signed: an outbox recorded before its terminal joined the fleet is signed when it
 * is sent and its chain still holds. Editing any stored event afterwards breaks the link from the
 * event after it, which the hub reports.
 */
public final class EventChain {
  /** {@code prevHash} of a terminal's first event ({@code terminalSeq} 1): 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private EventChain() {}

  /**
   * Lower-case hex SHA-256 of {@code payload} without its {@code "sig"} (§16), the value the next
   * event's {@code prevHash} holds.
   */
  public static String hashOf(byte[] payload) {
    payload = org.redvest.protocol.fleet.SignedPayload.split(payload)
        .map(org.redvest.protocol.fleet.SignedPayload.Parts::body).orElse(payload);
    return hashOfBody(payload);
  }

  /** Lower-case hex SHA-256 of a signed body (a payload already without its {@code "sig"}). */
  public static String hashOfBody(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
