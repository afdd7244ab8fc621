package org.redvest.hub.domain.corrections;

import java.time.Instant;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * A stored correction request (docs/dashboard.md, "Corrections and audit trail"). Only {@code
 * state} and the {@code decided*} fields ever change, once, from {@link State#REQUESTED}.
 *
 * @param target the session it changes; null for {@link Kind#ADD_SESSION} (the added session's key
 *     is {@code add:<id>})
 * @param before the session when requested; null for ADD_SESSION
 * @param after the session as the request wants it; for VOID_SESSION the voided session
 * @param requestedBy the user who entered it
 * @param requesterKind who asked: the volunteer (entered on their behalf) or the user themself
 */
public record Correction(long id, Kind kind, VolunteerId volunteerId, StationId stationId,
    SessionKey target, Snapshot before, Snapshot after, String reason, String requestedBy,
    RequesterKind requesterKind, Instant requestedAt, State state, String decidedBy,
    Instant decidedAt, String decisionReason) {

  /** What a correction does. */
  public enum Kind {
    SET_END, SET_START, SET_TIMES, ADD_SESSION, VOID_SESSION;

    boolean setsStart() {
      return this == SET_START || this == SET_TIMES || this == ADD_SESSION;
    }

    boolean setsEnd() {
      return this == SET_END || this == SET_TIMES || this == ADD_SESSION;
    }
  }

  /** REQUESTED, then exactly one of the others. */
  public enum State { REQUESTED, APPROVED, REJECTED, WITHDRAWN }

  /** Who asked for the correction. */
  public enum RequesterKind { VOLUNTEER, MANAGER, ADMIN }

  /** The key of the session this correction changes or adds. */
  public SessionKey sessionKey() {
    return target != null ? target : SessionKey.added(id);
  }
}
