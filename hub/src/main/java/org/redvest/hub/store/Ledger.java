package org.redvest.hub.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
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
      return null;
    });
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
    DeadLetterRows.insert(c, refusals);
    TerminalRows.saveStatuses(c, batch.statuses());
    TerminalRows.saveHeartbeats(c, batch.heartbeats());
    ReceiptRows.insert(c, stored);
    volunteers.addAll(ReceiptRows.completeWithHeartbeats(c, batch.heartbeats()));
    Map<TerminalRef, Long> committed = new LinkedHashMap<>();
    try (CommittedSeqs seqs = new CommittedSeqs(c)) {
      for (TerminalRef terminal : touched) {
        committed.put(terminal, seqs.advance(terminal));
      }
    }
    return new CommitResult(stored, duplicates, refusals.size(), committed, volunteers);
  }

  private <T> T inTransaction(String operation, Database.SqlWork<T> work) {
    Connection c = database.writer();
    try {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }
}
