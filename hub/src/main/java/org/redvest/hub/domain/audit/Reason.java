package org.redvest.hub.domain.audit;

/** Why the audit lists an event. All but {@link #UNSIGNED} are failures. */
public enum Reason {
  /** Stored before its terminal joined the fleet (legacy data): a failure only with strict. */
  UNSIGNED,
  /** No signature, although its terminal had a key when the hub received it. */
  UNSIGNED_SINCE_JOINED,
  /** Signed, but by no key bound to any terminal: the payload was altered, or forged. */
  BAD_SIGNATURE,
  /** Signed by a key bound to another terminal, or to none known for this one. */
  UNKNOWN_KEY,
  /** The row's columns (what hours are computed from) differ from the signed payload. */
  ROW_MISMATCH,
  /** The stored payload is no longer an event. */
  UNDECODABLE,
  /** Received after its terminal was revoked, and not released by an admin from a hold. */
  AFTER_REVOCATION,
  /** Its {@code prevHash} does not match the stored event before it. */
  CHAIN_BREAK,
  /**
   * Signed by a key of its own terminal that had been replaced more than the grace period
   * ({@code Fleet.RETIRED_KEY_GRACE}) before the hub received it, and not released from a hold.
   */
  RETIRED_KEY,
  /** The event the last clean audit anchored for its terminal has another hash now. */
  ANCHOR_MISMATCH,
  /** Events up to the anchored one are gone from the end of the terminal's chain. */
  TRUNCATED
}
