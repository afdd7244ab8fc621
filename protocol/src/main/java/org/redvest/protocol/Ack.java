package org.redvest.protocol;

/**
 * The hub's acknowledgement to one terminal: every event of that terminal with
 * {@code terminalSeq <= committedSeq} is committed in the hub's database.
 */
public record Ack(long committedSeq) {
  public Ack {
    if (committedSeq < 0) {
      throw new ProtocolException("committedSeq", "must be >= 0, was " + committedSeq);
    }
  }
}
