package org.redvest.hub.web;

import java.time.Instant;
import java.util.Set;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;
import org.redvest.protocol.StationId;

/**
 * A dashboard account, as listed on the users page (never with its password hash).
 *
 * @param stations the stations a {@link Role#STATION_MANAGER} manages (empty for an admin)
 */
public record User(String username, String displayName, Role role, Set<StationId> stations,
    boolean disabled, Instant createdAt, Instant updatedAt) {

  public User {
    stations = Set.copyOf(stations);
  }

  Principal principal() {
    return new Principal(username, displayName, role, stations);
  }
}
