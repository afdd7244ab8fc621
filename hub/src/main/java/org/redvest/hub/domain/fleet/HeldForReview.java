package org.redvest.hub.domain.fleet;

import java.time.Instant;
import org.redvest.hub.store.HeldEvent;

/**
 * An event a revoked terminal delivered after its revocation, as the admin reviews it.
 *
 * @param occurredAt the time the event claims (a thief can back-date it), as sent
 * @param receivedAt when the hub received it: after the revocation, which is why it is held
 * @param signatureDetail why its signature does not verify, null when it does
 * @param decidedBy who released or discarded it, null while held
 */
public record HeldForReview(long id, String stationId, String terminalId, long terminalSeq,
    String eventId, String volunteerId, String kind, String occurredAt, Instant receivedAt,
    boolean signatureValid, String signatureDetail, HeldEvent.State state, String decidedBy,
    Instant decidedAt) {}
