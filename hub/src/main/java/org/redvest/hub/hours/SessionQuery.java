package org.redvest.hub.hours;

import java.time.Instant;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/** Filters for listing sessions; null means "any". {@code from}/{@code to} bound the start. */
public record SessionQuery(VolunteerId volunteerId, StationId stationId, Instant from, Instant to) {}
