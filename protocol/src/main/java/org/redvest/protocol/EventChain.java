package org.redvest.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-terminal hash chain of attendance events (docs/protocol.md §4, {@code prevHash}): each
 * event carries the hex SHA-256 of the exact payload bytes of the terminal's previous event, and
 * event 1 carries {@link #GENESIS}. Editing any stored event afterwards breaks the link from the
 * event after it, which the hub reports.
 */
public final class EventChain {
  /** {@code prevHash} of a terminal's first event ({@code terminalSeq} 1): 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private EventChain() {}

  /** Lower-case hex SHA-256 of {@code payload}, the value the next event's {@code prevHash} holds. */
  public static String hashOf(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
