package org.redvest.hub.store;

import java.time.Instant;

/**
 * A refused message as stored. {@code payloadText} is the payload as UTF-8 when it is valid
 * UTF-8, otherwise null; {@code payloadBase64} is always the exact bytes.
 */
public record DeadLetter(
    long id, String topic, String payloadText, String payloadBase64, String reason,
    Instant receivedAt) {}
