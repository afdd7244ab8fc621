package org.redvest.hub.web.hours;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.store.Reports;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * Reads sessions for the hours pages a page at a time from the {@link SessionSource} (corrections
 * applied), so a range of any size streams through a rollup instead of filling memory. The source
 * answers at most {@link Reports#MAX_ROWS} sessions ordered by start; the next page starts at the
 * last start seen, skipping the sessions already passed on. Work is bounded by {@link
 * #MAX_SESSIONS}: a scan that reaches it stops and says so (truncated), as does one that meets
 * more sessions starting in the same millisecond than a page holds.
 */
final class SessionScan {
  /** Sessions one request may read; beyond this the answer is marked truncated. */
  static final int MAX_SESSIONS = 2_000_000;
  private final SessionSource source;
  private final Reports reports;

  SessionScan(SessionSource source, Reports reports) {
    this.source = source;
    this.reports = reports;
  }

  /** What a scan read. */
  record Result(long sessions, boolean truncated) {}

  /**
   * Passes every session starting in [from, to) at {@code station} (null: every station) of
   * {@code volunteer} (null: every volunteer), oldest first, to {@code sink} with the activity
   * id of its check-in event (or null).
   */
  Result scan(VolunteerId volunteer, StationId station, Instant from, Instant to,
      long alreadyRead, SessionSink sink) {
    Instant cursor = from;
    Set<String> passedAtCursor = new HashSet<>();
    long read = alreadyRead;
    boolean skipped = false;
    while (true) {
      List<Session> page = source.sessions(new SessionQuery(volunteer, station, cursor, to));
      List<Session> fresh = new ArrayList<>(page.size());
      for (Session s : page) {
        if (!(s.start().equals(cursor) && passedAtCursor.contains(key(s)))) {
          fresh.add(s);
        }
      }
      if (read + fresh.size() > MAX_SESSIONS) {
        fresh = fresh.subList(0, (int) (MAX_SESSIONS - read));
        pass(fresh, sink);
        return new Result(MAX_SESSIONS - alreadyRead, true);
      }
      pass(fresh, sink);
      read += fresh.size();
      if (page.size() < Reports.MAX_ROWS) {
        return new Result(read - alreadyRead, skipped);
      }
      Instant last = page.get(page.size() - 1).start();
      if (!last.equals(cursor)) {
        passedAtCursor.clear();
      } else if (fresh.isEmpty()) {
        // More sessions start at this one instant than a page holds: the rest cannot be
        // reached through the source's query, so step past it and say the answer is short.
        last = cursor.plusMillis(1);
        skipped = true;
      }
      for (Session s : page) {
        if (s.start().equals(last)) {
          passedAtCursor.add(key(s));
        }
      }
      cursor = last;
    }
  }

  private void pass(List<Session> sessions, SessionSink sink) {
    Map<UUID, String> activities = activities(sessions);
    for (Session s : sessions) {
      sink.accept(s, s.checkInEventId() == null ? null : activities.get(s.checkInEventId()));
    }
  }

  /** The activityId in the stored payload of each credited session's check-in event. */
  private Map<UUID, String> activities(List<Session> sessions) {
    List<UUID> ids = new ArrayList<>();
    for (Session s : sessions) {
      if (s.minutes() > 0 && s.checkInEventId() != null) {
        ids.add(s.checkInEventId());
      }
    }
    Map<UUID, String> out = new HashMap<>();
    reports.events(ids).forEach((id, e) -> e.optionalActivityId().ifPresent(a -> out.put(id, a)));
    return out;
  }

  private static String key(Session s) {
    return s.volunteerId().value() + '|' + s.stationId().value() + '|' + s.start();
  }

  /** Receives scanned sessions. */
  @FunctionalInterface
  interface SessionSink {
    void accept(Session session, String activityId);
  }
}
