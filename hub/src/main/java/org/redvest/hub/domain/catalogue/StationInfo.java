package org.redvest.hub.domain.catalogue;

import org.redvest.protocol.StationId;

/**
 * A volunteer service station.
 *
 * @param organisationId the organisation running it, or null
 * @param latitude WGS-84 degrees, or null when no coordinates are configured
 * @param longitude WGS-84 degrees, or null
 */
public record StationInfo(StationId id, String name, String organisationId, Double latitude, Double longitude) {}
