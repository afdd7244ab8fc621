package org.redvest.hub.domain.catalogue;

import java.util.List;
import java.util.Optional;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * What the hub knows about the world beyond events: organisations, their stations (with
 * coordinates for the map), activities, and volunteers' names. Hours roll up by these; the
 * certificate's issuer block comes from the organisation. Filled by imports and the admin pages.
 */
public interface Catalogue {

  Optional<VolunteerInfo> volunteer(VolunteerId id);

  List<StationInfo> stations();

  Optional<StationInfo> station(StationId id);

  List<Organisation> organisations();

  Optional<Organisation> organisation(String id);

  List<ActivityInfo> activities();

  Optional<ActivityInfo> activity(String id);

  /** A catalogue that knows nothing (every lookup empty). */
  static Catalogue empty() {
    return new Catalogue() {
      @Override public Optional<VolunteerInfo> volunteer(VolunteerId id) { return Optional.empty(); }
      @Override public List<StationInfo> stations() { return List.of(); }
      @Override public Optional<StationInfo> station(StationId id) { return Optional.empty(); }
      @Override public List<Organisation> organisations() { return List.of(); }
      @Override public Optional<Organisation> organisation(String id) { return Optional.empty(); }
      @Override public List<ActivityInfo> activities() { return List.of(); }
      @Override public Optional<ActivityInfo> activity(String id) { return Optional.empty(); }
    };
  }
}
