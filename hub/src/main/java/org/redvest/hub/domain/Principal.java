package org.redvest.hub.domain;

import java.util.Set;
import org.redvest.protocol.StationId;

/**
 * The signed-in user of a request.
 *
 * @param username login name, also the operator recorded in audit trails
 * @param displayName shown in the page header
 * @param role what they may do
 * @param stations the stations a {@link Role#STATION_MANAGER} manages (empty for an admin)
 */
public record Principal(String username, String displayName, Role role, Set<StationId> stations) {

  public Principal {
    stations = Set.copyOf(stations);
  }

  public boolean isAdmin() {
    return role == Role.HUB_ADMIN;
  }

  /** Whether this user may see and act on {@code station}'s data. */
  public boolean canSee(StationId station) {
    return isAdmin() || stations.contains(station);
  }
}
