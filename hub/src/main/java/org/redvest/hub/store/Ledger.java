package org.redvest.hub.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.redvest.hub.hours.Attendance;
import org.redvest.hub.hours.Session;
import org.redvest.protocol.VolunteerId;

/**
 * The write side of the store, used only by the ingest writer thread: commits a batch in one
 * transaction (events once, conflicts and malformed messages to dead letters, terminal reports,
 * committed sequence numbers, what was measured at each event's receipt) and replaces the materialised sessions of volunteers.
 */
public final class Ledger {
  private final Database database;

  public Ledger(Database database) {
    this.database = database;
  }

  /** Commits the whole batch or nothing. */
  public CommitResult commit(IngestBatch batch) {
    return inTransaction("committing an ingest batch", c -> commitIn(c, batch));
  }

  /**
   * Rewrites the materialised sessions of each volunteer from their stored events with
   * {@code rules}, in one transaction that prepares its query once: after a burst this covers
   * thousands of volunteers, and a transaction and a statement per volunteer cost more than the
   * rules themselves.
   */
  public void rewriteSessions(
      Collection<VolunteerId> volunteers, Function<List<Attendance>, List<Session>> rules) {
    inTransaction("materialising sessions", c -> {
      Map<VolunteerId, List<Session>> sessions = new LinkedHashMap<>();
      try (AttendanceRows attendance = new AttendanceRows(c)) {
        for (VolunteerId volunteer : volunteers) {
          sessions.put(volunteer, rules.apply(attendance.of(volunteer)));
        }
      }
      SessionRows.replace(c, sessions);
      try (PreparedStatement clear = c.prepareStatement("DELETE FROM stale_volunteers WHERE volunteer = ?")) {
        for (VolunteerId volunteer : volunteers) {
          clear.setString(1, volunteer.value());
          clear.addBatch();
        }
        clear.executeBatch();
      }
      return null;
    });
  }

  /**
   * The volunteers whose sessions are behind their events: left by a hub that stopped between an
   * ingest batch and the session rewrite, or queued by {@link #markAllStale}.
   */
  public List<VolunteerId> staleVolunteers() {
    return inTransaction("reading stale volunteers", c -> {
      List<VolunteerId> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT volunteer FROM stale_volunteers ORDER BY marked_at, volunteer");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(VolunteerId.of(rs.getString(1)));
        }
      }
      return out;
    });
  }

  /** Marks every volunteer with stored events stale (a full recompute); returns how many. */
  public int markAllStale() {
    return inTransaction("queuing a full session recompute", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO stale_volunteers (volunteer, marked_at)"
          + " SELECT DISTINCT volunteer, ? FROM events WHERE true"
          + " ON CONFLICT (volunteer) DO NOTHING")) {
        st.setString(1, Instant.now().toString());
        st.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM stale_volunteers");
          ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** A stored hub setting sessions depend on (e.g. the maximum session), or null. */
  public String setting(String name) {
    return inTransaction("reading a hub setting", c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT value FROM hub_settings WHERE name = ?")) {
        st.setString(1, name);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  /** Stores a hub setting (see {@link #setting}). */
  public void saveSetting(String name, String value) {
    inTransaction("saving a hub setting", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO hub_settings (name, value) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
        st.setString(1, name);
        st.setString(2, value);
        st.executeUpdate();
      }
      return null;
    });
  }

  private static void markStale(Connection c, Set<VolunteerId> volunteers) throws SQLException {
    if (volunteers.isEmpty()) {
      return;
    }
    String now = Instant.now().toString();
    try (PreparedStatement st = c.prepareStatement("INSERT INTO stale_volunteers (volunteer, marked_at)"
        + " VALUES (?, ?) ON CONFLICT (volunteer) DO NOTHING")) {
      for (VolunteerId volunteer : volunteers) {
        st.setString(1, volunteer.value());
        st.setString(2, now);
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /** The committed sequence number of every known terminal, to re-publish acks at start-up. */
  public Map<TerminalRef, Long> committedSeqs() {
    return inTransaction("reading committed sequence numbers", TerminalRows::committedSeqs);
  }

  private CommitResult commitIn(Connection c, IngestBatch batch) throws SQLException {
    List<ReceivedEvent> stored = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>(batch.refusals());
    Set<TerminalRef> touched = new LinkedHashSet<>();
    Set<VolunteerId> volunteers = new LinkedHashSet<>();
    int duplicates = 0;
    try (EventRows events = new EventRows(c)) {
      for (ReceivedEvent received : batch.events()) {
        touched.add(received.terminal());
        EventRows.Outcome outcome = events.insert(received);
        switch (outcome.kind()) {
          case STORED -> {
            stored.add(received);
            volunteers.add(received.event().volunteerId());
          }
          case DUPLICATE -> duplicates++;
          case CONFLICT -> refusals.add(new Refusal(received.topic(),
              received.payload().getBytes(StandardCharsets.UTF_8), outcome.reason(),
              received.receivedAt()));
        }
      }
    }
    HeldRows.insert(c, batch.held());
    batch.held().forEach(h -> touched.add(h.terminal()));
    DeadLetterRows.insert(c, refusals);
    TerminalRows.saveStatuses(c, batch.statuses());
    TerminalRows.saveHeartbeats(c, batch.heartbeats());
    ReceiptRows.insert(c, stored);
    volunteers.addAll(ReceiptRows.completeWithHeartbeats(c, batch.heartbeats()));
    markStale(c, volunteers);
    Map<TerminalRef, Long> committed = new LinkedHashMap<>();
    try (CommittedSeqs seqs = new CommittedSeqs(c)) {
      for (TerminalRef terminal : touched) {
        committed.put(terminal, seqs.advance(terminal));
      }
    }
    return new CommitResult(stored, duplicates, refusals.size(), committed, volunteers);
  }

  private <T> T inTransaction(String operation, Database.SqlWork<T> work) {
    return Database.transaction(database.writer(), operation, work);
  }
}
