package org.redvest.hub.web.hours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;
import org.redvest.hub.store.SessionQuery;
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
  private static final int LOOKUP_CHUNK = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SessionSource source;
  private final Database database;

  SessionScan(SessionSource source, Database database) {
    this.source = source;
    this.database = database;
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
    List<String> ids = new ArrayList<>();
    for (Session s : sessions) {
      if (s.minutes() > 0 && s.checkInEventId() != null) {
        ids.add(s.checkInEventId().toString());
      }
    }
    Map<UUID, String> out = new HashMap<>();
    for (int i = 0; i < ids.size(); i += LOOKUP_CHUNK) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + LOOKUP_CHUNK));
      database.read("reading activity ids", c -> {
        String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement st = c.prepareStatement(
            "SELECT event_id, payload FROM events WHERE event_id IN (" + marks + ")")) {
          for (int j = 0; j < chunk.size(); j++) {
            st.setString(j + 1, chunk.get(j));
          }
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              String activity = activityOf(rs.getString(2));
              if (activity != null) {
                out.put(UUID.fromString(rs.getString(1)), activity);
              }
            }
          }
        }
        return null;
      });
    }
    return out;
  }

  private static String activityOf(String payload) {
    try {
      JsonNode node = JSON.readTree(payload).path("activityId");
      return node.isTextual() ? node.asText() : null;
    } catch (IOException e) {
      return null; // stored payloads were validated at ingest; an unreadable one has no activity
    }
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
