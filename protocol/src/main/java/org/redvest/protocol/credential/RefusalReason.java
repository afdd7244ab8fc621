package org.redvest.protocol.credential;

/** Why a code was not accepted; the wire value (roster, refusal records) is the constant's name. */
public enum RefusalReason {
  /** The text starts like a credential but is not a well-formed one (or not RedVest's at all). */
  WRONG_FORMAT,
  /** Signed with a key the terminal does not trust, or trusts no longer (or not yet). */
  UNKNOWN_KEY,
  /** The signature does not match: altered or made up. */
  FORGED,
  /** Its serial is on the roster's revocation list. */
  REVOKED,
  /** Past its expiry. */
  EXPIRED,
  /** Issued in the future by more than the allowed clock skew. */
  NOT_YET_VALID,
  /** Valid, but limited to other stations. */
  NOT_FOR_THIS_STATION,
  /** A plain, unsigned badge at a station whose policy requires signed credentials. */
  PLAIN_BADGE_NOT_ACCEPTED,
  /** A phone pass shown again at this terminal (each window is accepted once per terminal). */
  REPLAYED,
  /**
   * A genuine card carrying a face template, but the face in front of the camera did not match it
   * (or none matched in time): someone else's card, or a failed 1:1 check.
   */
  FACE_MISMATCH
}
