package org.redvest.hub.hours;

import java.time.LocalDate;

/** Credited minutes on one calendar day in the hub's zone. */
public record DayMinutes(LocalDate date, long minutes) {}
