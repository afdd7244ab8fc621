package org.redvest.hub.ingest;

import java.time.Instant;

/** A message copied off the broker: its topic, its bytes and the hub time it arrived. */
public record InboundMessage(String topic, byte[] payload, Instant receivedAt) {}
