package org.redvest.hub.audit;

/** One thing wrong with one stored event. */
public record Finding(String eventId, String terminal, long seq, Reason reason, String detail) {}
