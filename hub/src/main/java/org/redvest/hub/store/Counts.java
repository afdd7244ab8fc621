package org.redvest.hub.store;

/** Row counts for the health page. */
public record Counts(long events, long deadLetters, long terminals, long sessions) {}
