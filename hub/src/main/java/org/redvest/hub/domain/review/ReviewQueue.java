package org.redvest.hub.domain.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.corrections.CorrectedSession;
import org.redvest.hub.domain.corrections.Correction;
import org.redvest.hub.domain.corrections.Corrections;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.EvidenceGrade;
import org.redvest.hub.hours.EvidenceGrading;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.hub.store.Anomaly;
import org.redvest.hub.store.AnomalyRows;
import org.redvest.hub.store.Reports;
import org.redvest.protocol.StationId;

/**
 * What a reviewer still has to look at, scoped to their stations, oldest first: finished sessions
 * graded NEEDS_REVIEW and the anomalies, minus the items decided: accepted as counted, or a
 * session with an approved correction (the manager who corrected it has looked at it). Sessions
 * of the last {@link #WINDOW} are considered.
 */
public final class ReviewQueue {
  /** Anomalies of each kind read for the queue (decided ones are not counted). */
  private static final int MAX_ANOMALIES = 1000;
  /** Sessions older than this are not listed (each station's listing is capped in rows). */
  public static final Duration WINDOW = Duration.ofDays(180);

  private final Reports reports;
  private final AnomalyRows anomalies;
  private final AnomalyRows.Rules anomalyRules;
  private final Corrections corrections;
  private final Clock clock;
  private final EvidenceGrading grading = EvidenceGrading.defaults();

  public ReviewQueue(Reports reports, AnomalyRows anomalies,
      AnomalyRows.Rules anomalyRules, Corrections corrections, Clock clock) {
    this.clock = clock;
    this.reports = reports;
    this.anomalies = anomalies;
    this.anomalyRules = anomalyRules;
    this.corrections = corrections;
  }

  public List<ReviewItem> items(Principal who) {
    Set<String> decided = corrections.decidedReviewItems();
    Map<String, Long> pending = new HashMap<>();
    for (Correction c : corrections.list(who, Correction.State.REQUESTED, null, null, null)) {
      pending.put(c.sessionKey().value(), c.id());
    }
    List<ReviewItem> items = new ArrayList<>();
    sessionItems(corrections.visibleSessions(who, clock.instant().minus(WINDOW)), items, decided, pending);
    items.addAll(anomalyItems(who, decided));
    items.sort(Comparator.comparing(ReviewItem::at).thenComparing(ReviewItem::key));
    return items;
  }

  /** The session with key {@code key} if it is in {@code who}'s queue now. */
  public java.util.Optional<ReviewItem> find(Principal who, String key) {
    return items(who).stream().filter(i -> i.key().equals(key)).findFirst();
  }

  private void sessionItems(List<CorrectedSession> sessions, List<ReviewItem> out,
      Set<String> decided, Map<String, Long> pending) {
    List<CorrectedSession> finished = sessions.stream()
        .filter(s -> s.session().status() != SessionStatus.OPEN && s.session().status() != SessionStatus.VOIDED)
        .filter(s -> !s.corrected() && !decided.contains(s.key().value()))
        .toList();
    List<UUID> ids = new ArrayList<>();
    for (CorrectedSession s : finished) {
      ids.add(s.session().checkInEventId());
      ids.add(s.session().checkOutEventId());
    }
    ids.removeIf(Objects::isNull);
    Map<UUID, EndEvidence> evidence = reports.evidence(ids);
    for (CorrectedSession s : finished) {
      Session session = s.session();
      GradedSession g = grading.grade(session, end(evidence, session.checkInEventId()),
          end(evidence, session.checkOutEventId()));
      if (g.grade() != EvidenceGrade.NEEDS_REVIEW) {
        continue;
      }
      out.add(new ReviewItem(s.key().value(), ReviewItem.Type.SESSION, session.start(),
          session.volunteerId().value(), session.stationId().value(),
          g.reasons().stream().map(Enum::name).toList(), null, s.key().value(),
          session.status().name(), session.minutes(), pending.get(s.key().value()), null));
    }
  }

  private List<ReviewItem> anomalyItems(Principal who, Set<String> decided) {
    // A day over a cap is decided by approving it (then it is no longer found), never by a key:
    // its events change as sessions are added, and keys accepted before approvals existed must
    // not hide a day that still waits.
    List<Anomaly> found = anomalies.find(anomalyRules, MAX_ANOMALIES,
        a -> !a.isOverCap() && decided.contains(key(a)));
    List<String> eventIds = found.stream().flatMap(a -> a.eventIds().stream()).distinct().toList();
    Map<String, EventPlace> places = places(eventIds);
    List<ReviewItem> items = new ArrayList<>();
    for (Anomaly a : found) {
      String key = key(a);
      List<EventPlace> at = a.eventIds().stream().map(places::get).filter(Objects::nonNull).toList();
      boolean visible = who.isAdmin() || at.stream().anyMatch(p -> who.canSee(StationId.of(p.station())));
      if (!a.isOverCap() && decided.contains(key) || !visible) {
        continue;
      }
      Instant when = at.stream().map(EventPlace::at).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
      items.add(new ReviewItem(key, ReviewItem.Type.ANOMALY, when, a.volunteerId(),
          at.isEmpty() ? null : at.get(0).station(), List.of(a.kind().name()), a.detail(), null, null, 0, null,
          a.day()));
    }
    return items;
  }

  /** The review item key of an anomaly. */
  static String key(Anomaly a) {
    return "anomaly:" + a.kind() + ":" + String.join(",", a.eventIds());
  }

  private record EventPlace(String station, Instant at) {}

  private Map<String, EventPlace> places(List<String> eventIds) {
    List<UUID> ids = new ArrayList<>();
    for (String id : eventIds) {
      try {
        ids.add(UUID.fromString(id));
      } catch (IllegalArgumentException notAnEventId) {
        // not an event of this hub: the anomaly keeps its other events
      }
    }
    Map<String, EventPlace> found = new HashMap<>();
    reports.events(ids).forEach((id, e) -> found.put(id.toString(),
        new EventPlace(e.stationId().value(), e.occurredAt().toInstant())));
    return found;
  }

  private static EndEvidence end(Map<UUID, EndEvidence> evidence, UUID id) {
    return id == null ? null : evidence.get(id);
  }
}
