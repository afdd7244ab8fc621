package org.redvest.hub.domain.fleet;

import java.time.Instant;

/**
 * Refusals of one kind for one subject (a broker username or client id, a claimed terminal),
 * counted: what the terminals page lists and an operator watches for attacks.
 *
 * @param detail the latest refusal's reason
 */
public record FleetRefusal(Kind kind, String subject, String detail, long count, Instant firstAt,
    Instant lastAt) {

  /** What was refused. */
  public enum Kind {
    /** A broker login with an unknown username, a wrong password or a revoked terminal. */
    LOGIN,
    /** A logged-in client whose client id is not one of its own (session takeover). */
    CLIENT_ID,
    /** A publish outside the client's own topics. */
    PUBLISH,
    /** A subscription outside the client's own topics (e.g. {@code #}). */
    SUBSCRIBE,
    /** A provisioning claim with a bad, used or expired code or a wrong proof of key. */
    CLAIM,
    /** A message without the sender's signature, or with one that does not verify. */
    SIGNATURE
  }
}
