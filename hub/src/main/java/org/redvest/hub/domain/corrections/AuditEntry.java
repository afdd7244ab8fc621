package org.redvest.hub.domain.corrections;

import java.time.Instant;

/**
 * One line of the append-only audit trail.
 *
 * @param action CORRECTION_REQUESTED, CORRECTION_APPROVED, CORRECTION_REJECTED,
 *     CORRECTION_WITHDRAWN, REVIEW_ACCEPTED; KIOSK_CORRECTION is read from a check-out event that
 *     carries {@code correction} (a forgotten check-out closed later at the kiosk), never stored
 * @param before the session before (JSON of a {@link Snapshot}), or null
 * @param after the session after, or null
 */
public record AuditEntry(long id, Instant at, String actor, String action, String sessionKey,
    Long correctionId, String reviewItem, String volunteerId, String stationId, String reason,
    Snapshot before, Snapshot after) {}
