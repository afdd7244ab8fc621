package org.redvest.hub.domain.catalogue;

import org.redvest.protocol.StationId;

/**
 * A volunteer activity: events carry its id in {@code activityId}.
 *
 * @param stationId where it takes place, or null for activities across stations
 * @param content what the service was, for the certificate (服务内容)
 */
public record ActivityInfo(String id, String name, StationId stationId, String organisationId, String content) {}
