package org.redvest.hub.domain.audit;

/** One thing wrong with one stored event. */
public record Finding(String eventId, String terminal, long seq, Reason reason, String detail) {}
