package org.redvest.hub.store;

import java.time.Instant;

/** A message the hub refuses, to be kept in the dead-letter table. */
public record Refusal(String topic, byte[] payload, String reason, Instant receivedAt) {}
