package org.redvest.hub.web.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.catalogue.ActivityInfo;
import org.redvest.hub.domain.catalogue.Catalogue;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.hours.ActiveVolunteers;
import org.redvest.hub.hours.HoursRollup;
import org.redvest.hub.hours.HoursTotals;
import org.redvest.hub.hours.Period;
import org.redvest.hub.hours.StarRules;
import org.redvest.protocol.StationId;

/**
 * Builds the hours reports of the overview, station, organisation and activity pages (and their
 * JSON): one pass over the sessions of the stations in scope feeds both the range rollup and the
 * calendar-year metric.
 */
final class HoursReports {
  /** Top entries shown per list. */
  static final int TOP = 10;

  private final Dashboard dashboard;
  private final StarRules rules;
  private final SessionScan scan;

  HoursReports(Dashboard dashboard, StarRules rules) {
    this.dashboard = dashboard;
    this.rules = rules;
    this.scan = new SessionScan(dashboard.sessions(), dashboard.reports());
  }

  StarRules rules() {
    return rules;
  }

  SessionScan scan() {
    return scan;
  }

  /**
   * What a report covers.
   *
   * @param stations the stations read, or null for every station (a hub admin's overview)
   * @param activityId only sessions whose check-in names this activity, or null
   * @param organisationId only stations under this organisation (already narrowed in {@code
   *     stations}); lists show only its own sub-organisations
   */
  record Scope(String kind, String id, String name, Set<StationId> stations, String activityId,
      String organisationId) {}

  /** The dates shown and the calendar year of the 25-hour metric. */
  record Range(Period period, LocalDate from, LocalDate to, int year) {}

  /** Everything a scope page shows. */
  record Report(Scope scope, Range range, HoursTotals totals, ActiveVolunteers.Share yearShare,
      Map<String, ActiveVolunteers.Share> stationShares,
      Map<String, ActiveVolunteers.Share> organisationShares, Names names, long sessionsRead,
      boolean truncated, long millis) {}

  /** Display names of the ids in a report; missing when the catalogue does not know the id. */
  record Names(Map<String, String> stations, Map<String, String> organisations,
      Map<String, String> activities, Map<String, String> volunteers) {}

  Report report(Scope scope, Range range) {
    long started = System.nanoTime();
    ZoneId zone = dashboard.zone();
    Catalogue catalogue = dashboard.catalogue();
    OrganisationTree tree = OrganisationTree.of(catalogue);
    HoursRollup rollup = new HoursRollup(zone, range.period(), range.from(), range.to());
    ActiveVolunteers year = new ActiveVolunteers(zone, range.year(),
        rules.yearThresholdMinutes());
    LocalDate scanFrom = min(range.from(), year.firstDay());
    LocalDate scanTo = max(range.to(), year.firstDay().plusYears(1).minusDays(1));
    // A session that starts before the first day can still credit minutes on it.
    Instant from = scanFrom.atStartOfDay(zone).toInstant().minus(dashboard.hours().maxSession());
    Instant to = scanTo.plusDays(1).atStartOfDay(zone).toInstant();
    long read = 0;
    boolean truncated = false;
    Collection<StationId> stations = scope.stations() == null ? null
        : new TreeSet<>(scope.stations());
    for (StationId station : stations == null ? java.util.Collections.<StationId>singletonList(null)
        : stations) {
      SessionScan.Result r = scan.scan(null, station, from, to, read, (session, activity) -> {
        if (scope.activityId() != null && !scope.activityId().equals(activity)) {
          return;
        }
        List<String> orgs = tree.chain(session.stationId());
        rollup.add(session, activity, orgs);
        year.add(session, orgs);
      });
      read += r.sessions();
      if (r.truncated()) {
        truncated = true;
        break;
      }
    }
    HoursTotals totals = rollup.totals();
    Map<String, ActiveVolunteers.Share> orgShares = year.organisations();
    if (scope.organisationId() != null) {
      Set<String> below = tree.subtree(scope.organisationId());
      totals = withOrganisations(totals, totals.organisations().stream()
          .filter(r -> below.contains(r.id())).toList());
      orgShares.keySet().retainAll(below);
    }
    Names names = names(catalogue, tree, totals);
    return new Report(scope, range, totals, year.hubWide(), year.stations(), orgShares, names,
        read, truncated, (System.nanoTime() - started) / 1_000_000);
  }

  /** The stations under {@code organisationId} (itself and below), as the catalogue has them. */
  Set<StationId> stationsUnder(String organisationId) {
    OrganisationTree tree = OrganisationTree.of(dashboard.catalogue());
    Set<String> below = tree.subtree(organisationId);
    Set<StationId> out = new HashSet<>();
    for (StationInfo s : dashboard.catalogue().stations()) {
      if (s.organisationId() != null && below.contains(s.organisationId())) {
        out.add(s.id());
      }
    }
    return out;
  }

  private Names names(Catalogue catalogue, OrganisationTree tree, HoursTotals totals) {
    Map<String, String> stations = new HashMap<>();
    for (StationInfo s : catalogue.stations()) {
      stations.put(s.id().value(), s.name());
    }
    Map<String, String> activities = new HashMap<>();
    for (HoursTotals.Ranked r : top(totals.activities())) {
      catalogue.activity(r.id()).map(ActivityInfo::name).ifPresent(n -> activities.put(r.id(), n));
    }
    Map<String, String> volunteers = new LinkedHashMap<>();
    for (HoursTotals.Ranked r : top(totals.volunteersRanked())) {
      try {
        catalogue.volunteer(org.redvest.protocol.VolunteerId.of(r.id()))
            .ifPresent(v -> volunteers.put(r.id(), v.name()));
      } catch (RuntimeException e) {
        // an id the catalogue cannot hold has no name
      }
    }
    return new Names(stations, tree.names(), activities, volunteers);
  }

  static List<HoursTotals.Ranked> top(List<HoursTotals.Ranked> list) {
    return list.size() <= TOP ? list : list.subList(0, TOP);
  }

  private static HoursTotals withOrganisations(HoursTotals t, List<HoursTotals.Ranked> orgs) {
    return new HoursTotals(t.period(), t.from(), t.to(), t.minutes(), t.sessions(),
        t.volunteers(), t.buckets(), t.stations(), orgs, t.activities(), t.volunteersRanked());
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /** Organisations by id with their parents; chains are cached per station. */
  static final class OrganisationTree {
    private static final int MAX_DEPTH = 64;
    private final Map<String, Organisation> byId = new HashMap<>();
    private final Map<String, String> stationOrg = new HashMap<>();
    private final Map<String, List<String>> chains = new HashMap<>();

    static OrganisationTree of(Catalogue catalogue) {
      OrganisationTree tree = new OrganisationTree();
      for (Organisation o : catalogue.organisations()) {
        tree.byId.put(o.id(), o);
      }
      for (StationInfo s : catalogue.stations()) {
        if (s.organisationId() != null) {
          tree.stationOrg.put(s.id().value(), s.organisationId());
        }
      }
      return tree;
    }

    /** The station's organisation and every one above it, nearest first. */
    List<String> chain(StationId station) {
      return chains.computeIfAbsent(station.value(), s -> up(stationOrg.get(s)));
    }

    /** The organisation and every one above it, nearest first. */
    List<String> up(String organisationId) {
      List<String> chain = new ArrayList<>();
      String id = organisationId;
      while (id != null && chain.size() < MAX_DEPTH && !chain.contains(id)) {
        chain.add(id);
        Organisation o = byId.get(id);
        id = o == null ? null : o.parentId();
      }
      return chain;
    }

    /** The organisation and every one below it. */
    Set<String> subtree(String organisationId) {
      Set<String> out = new HashSet<>();
      for (String id : byId.keySet()) {
        if (up(id).contains(organisationId)) {
          out.add(id);
        }
      }
      out.add(organisationId);
      return out;
    }

    Map<String, String> names() {
      Map<String, String> names = new HashMap<>();
      byId.forEach((id, o) -> names.put(id, o.name()));
      return names;
    }
  }
}
