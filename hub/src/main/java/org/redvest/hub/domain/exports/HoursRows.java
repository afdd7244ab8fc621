package org.redvest.hub.domain.exports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.catalogue.ActivityInfo;
import org.redvest.hub.domain.catalogue.Catalogue;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.domain.catalogue.VolunteerInfo;
import org.redvest.hub.hours.CapAssessment;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.EvidenceGrade;
import org.redvest.hub.hours.EvidenceGrading;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.store.Reports;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * Reads sessions for exports and certificates: a week of sessions at a time from the dashboard's
 * {@code SessionSource} (halving a window that comes back full), each resolved to a {@link
 * HoursRow} and handed on before the next window is read, so memory stays bounded by one window.
 */
public final class HoursRows {
  static final Duration WINDOW = Duration.ofDays(7);
  private static final Duration SMALLEST_WINDOW = Duration.ofMinutes(1);

  private final Dashboard dashboard;
  private final EvidenceGrading grading = EvidenceGrading.defaults();

  public HoursRows(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** Receives rows in start order; may throw to stop the export (e.g. the client went away). */
  @FunctionalInterface
  public interface Sink<E extends Exception> {
    void accept(HoursRow row) throws E;
  }

  /** Hands every session {@code filter} covers to {@code sink}, oldest first. */
  public <E extends Exception> void forEach(HoursFilter filter, Sink<E> sink) throws E {
    Names names = new Names(dashboard.catalogue());
    Instant cursor = filter.from();
    while (cursor.isBefore(filter.to())) {
      Instant end = cursor.plus(WINDOW).isBefore(filter.to()) ? cursor.plus(WINDOW) : filter.to();
      window(filter, cursor, end, names, sink);
      cursor = end;
    }
  }

  /** Every session {@code filter} covers, in memory: for one volunteer's certificate. */
  public List<HoursRow> list(HoursFilter filter) {
    List<HoursRow> rows = new ArrayList<>();
    forEach(filter, rows::add);
    return rows;
  }

  private <E extends Exception> void window(HoursFilter f, Instant from, Instant to, Names names,
      Sink<E> sink) throws E {
    List<Session> sessions = dashboard.sessions().sessions(
        new SessionQuery(f.volunteerId(), f.stationId(), from, to));
    if (sessions.size() >= Reports.MAX_ROWS && Duration.between(from, to).compareTo(SMALLEST_WINDOW) > 0) {
      Instant middle = from.plus(Duration.between(from, to).dividedBy(2));
      window(f, from, middle, names, sink);
      window(f, middle, to, names, sink);
      return;
    }
    List<Session> kept = sessions.stream()
        .filter(s -> f.visible().test(s.stationId()))
        .filter(s -> f.organisationId() == null
            || f.organisationId().equals(names.stationOrganisation(s.stationId())))
        .toList();
    CapAssessment caps = caps(f, from, to, sessions, kept);
    for (HoursRow row : resolve(kept, names, caps)) {
      sink.accept(row);
    }
  }

  /**
   * The daily caps over {@code kept}: a volunteer's day counts all their sessions that day, at
   * every station (also those the reader may not see) and just outside the window, so those are
   * read as well: by volunteer when the window was narrowed to one volunteer or station (few
   * volunteers), else every station's sessions around the window (the window already read them).
   */
  private CapAssessment caps(HoursFilter f, Instant from, Instant to, List<Session> read, List<Session> kept) {
    // Days the kept sessions touch run from from's day to the day (to + maxSession) falls on; a
    // session crediting minutes on the first of them may have started maxSession before it.
    java.time.ZoneId zone = dashboard.zone();
    Duration maxSession = dashboard.hours().maxSession();
    Instant before = from.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().minus(maxSession);
    Instant after = to.plus(maxSession).atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    Set<VolunteerId> volunteers = new HashSet<>();
    kept.stream().filter(s -> s.minutes() > 0).forEach(s -> volunteers.add(s.volunteerId()));
    List<Session> assessed = new ArrayList<>(kept);
    Set<Session> seen = new HashSet<>(kept);
    if (!volunteers.isEmpty()) {
      if (f.volunteerId() != null || f.stationId() != null) {
        for (VolunteerId v : volunteers) {
          all(new SessionQuery(v, null, before, after), s -> add(s, seen, assessed));
        }
      } else {
        read.forEach(s -> add(s, seen, assessed));
        all(new SessionQuery(null, null, before, from), s -> {
          if (volunteers.contains(s.volunteerId())) {
            add(s, seen, assessed);
          }
        });
        all(new SessionQuery(null, null, to, after), s -> {
          if (volunteers.contains(s.volunteerId())) {
            add(s, seen, assessed);
          }
        });
      }
    }
    return dashboard.evidence().caps().assess(assessed, dashboard.zone(), dashboard.approvals());
  }

  private static void add(Session s, Set<Session> seen, List<Session> assessed) {
    if (seen.add(s)) {
      assessed.add(s);
    }
  }

  /** Every session of {@code q}, halving its time range while the source answers a full page. */
  private void all(SessionQuery q, java.util.function.Consumer<Session> out) {
    List<Session> page = dashboard.sessions().sessions(q);
    if (page.size() >= Reports.MAX_ROWS
        && Duration.between(q.from(), q.to()).compareTo(SMALLEST_WINDOW) > 0) {
      Instant middle = q.from().plus(Duration.between(q.from(), q.to()).dividedBy(2));
      all(new SessionQuery(q.volunteerId(), q.stationId(), q.from(), middle), out);
      all(new SessionQuery(q.volunteerId(), q.stationId(), middle, q.to()), out);
      return;
    }
    page.forEach(out);
  }

  private List<HoursRow> resolve(List<Session> sessions, Names names, CapAssessment caps) {
    List<UUID> ids = new ArrayList<>();
    for (Session s : sessions) {
      ids.add(s.checkInEventId());
      ids.add(s.checkOutEventId());
    }
    ids.removeIf(Objects::isNull);
    Map<UUID, EndEvidence> evidence = ids.isEmpty() ? Map.of() : dashboard.reports().evidence(ids);
    Map<UUID, String> activityIds = activityIds(sessions.stream()
        .map(Session::checkInEventId).filter(Objects::nonNull).toList());
    List<HoursRow> rows = new ArrayList<>(sessions.size());
    for (Session s : sessions) {
      EvidenceGrade grade = grading.grade(s, endOf(evidence, s.checkInEventId()),
          endOf(evidence, s.checkOutEventId()), caps.of(s)).grade();
      String activityId = s.checkInEventId() == null ? null : activityIds.get(s.checkInEventId());
      ActivityInfo activity = names.activity(activityId, s.stationId());
      rows.add(new HoursRow(s, names.volunteerName(s), names.organisationName(s), names.stationName(s.stationId()),
          activity, grade, caps.of(s)));
    }
    return rows;
  }

  private static EndEvidence endOf(Map<UUID, EndEvidence> evidence, UUID id) {
    return id == null ? null : evidence.get(id);
  }

  /** The {@code activityId} each check-in event carried, read from the stored payloads. */
  private Map<UUID, String> activityIds(Collection<UUID> eventIds) {
    Map<UUID, String> found = new HashMap<>();
    dashboard.reports().events(eventIds)
        .forEach((id, e) -> e.optionalActivityId().ifPresent(a -> found.put(id, a)));
    return found;
  }

  /** Catalogue look-ups, remembered for the length of one export. */
  static final class Names {
    private final Catalogue catalogue;
    private final Map<Object, Optional<?>> seen = new HashMap<>();

    Names(Catalogue catalogue) {
      this.catalogue = catalogue;
    }

    String volunteerName(Session s) {
      return volunteer(s).map(VolunteerInfo::name).filter(n -> !n.isBlank()).orElse(s.volunteerId().value());
    }

    String stationName(StationId id) {
      return station(id).map(StationInfo::name).filter(n -> !n.isBlank()).orElse(id.value());
    }

    String stationOrganisation(StationId id) {
      return station(id).map(StationInfo::organisationId).orElse(null);
    }

    String organisationName(Session s) {
      String id = stationOrganisation(s.stationId());
      if (id == null) {
        id = volunteer(s).map(VolunteerInfo::organisationId).orElse(null);
      }
      return id == null ? "" : organisation(id).map(Organisation::name).orElse(id);
    }

    ActivityInfo activity(String activityId, StationId station) {
      if (activityId != null) {
        Optional<ActivityInfo> named = cached("activity:" + activityId, () -> catalogue.activity(activityId));
        if (named.isPresent()) {
          return named.get();
        }
      }
      Optional<ActivityInfo> only = cached("station-activity:" + station.value(), () -> {
        List<ActivityInfo> here = catalogue.activities().stream()
            .filter(a -> station.equals(a.stationId())).toList();
        return here.size() == 1 ? Optional.of(here.get(0)) : Optional.empty();
      });
      return only.orElse(null);
    }

    private Optional<VolunteerInfo> volunteer(Session s) {
      return cached(s.volunteerId(), () -> catalogue.volunteer(s.volunteerId()));
    }

    private Optional<StationInfo> station(StationId id) {
      return cached(id, () -> catalogue.station(id));
    }

    private Optional<Organisation> organisation(String id) {
      return cached("organisation:" + id, () -> catalogue.organisation(id));
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(Object key, java.util.function.Supplier<Optional<T>> lookup) {
      return (Optional<T>) seen.computeIfAbsent(key, k -> lookup.get());
    }
  }
}
