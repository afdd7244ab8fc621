package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.WireCodec;

/**
 * The enrolments table of {@code hub.db} (docs/protocol.md §13), on a connection of its own:
 * enrolment records are few and are stored as they arrive by the enrolment link's thread, apart
 * from the ingest writer. Each write transaction starts with a write, so it waits for the ingest
 * writer's lock (busy timeout) rather than failing. Serialised; closing is idempotent.
 */
public final class EnrolmentRows implements AutoCloseable {
  private final Connection db;

  private EnrolmentRows(Connection db) {
    this.db = db;
  }

  /** Opens a connection of its own to the (already migrated) {@code database}. */
  public static EnrolmentRows open(Database database) {
    try {
      return new EnrolmentRows(Database.connect(database.file()));
    } catch (SQLException e) {
      throw new StoreException("opening " + database.file() + " for enrolments", e);
    }
  }

  /** What storing one record did. */
  public record Outcome(Kind kind, String reason, long committedSeq) {
    /** Stored now; already stored with the same content; or the seq is taken by other content. */
    public enum Kind { STORED, DUPLICATE, CONFLICT }
  }

  /**
   * Stores {@code record} once per (station, terminal, enrolmentSeq). A repeat with the same
   * content is a duplicate; a repeat with other content goes to the dead letters with the reason.
   * Returns, with the outcome, the terminal's contiguous committed sequence number after the commit.
   */
  public synchronized Outcome store(EnrolmentRecord record, String topic, byte[] payload, Instant receivedAt) {
    return inTransaction("storing an enrolment record", () -> {
      Outcome.Kind kind;
      String reason = null;
      if (insert(record, receivedAt)) {
        kind = Outcome.Kind.STORED;
      } else {
        reason = difference(record);
        kind = reason == null ? Outcome.Kind.DUPLICATE : Outcome.Kind.CONFLICT;
        if (reason != null) {
          DeadLetterRows.insert(db, List.of(new Refusal(topic, payload, reason, receivedAt)));
        }
      }
      return new Outcome(kind, reason, contiguous(record.stationId(), record.terminalId()));
    });
  }

  /** Keeps a message that is not a valid enrolment record aside, with the reason. */
  public synchronized void deadLetter(String topic, byte[] payload, String reason, Instant receivedAt) {
    inTransaction("dead-lettering an enrolment message", () -> {
      DeadLetterRows.insert(db, List.of(new Refusal(topic, payload, reason, receivedAt)));
      return null;
    });
  }

  /** Each volunteer's latest record per station (by the terminal's time, then sequence), by station and volunteer. */
  public synchronized List<EnrolmentState> latest(Optional<StationId> station) {
    String sql = "SELECT station, volunteer, terminal, enrolment_seq, consent_id, consent_version, state, at,"
        + " received_at FROM enrolments" + (station.isPresent() ? " WHERE station = ?" : "");
    Map<String, EnrolmentState> latest = new LinkedHashMap<>();
    Comparator<EnrolmentState> order = Comparator
        .comparing((EnrolmentState s) -> OffsetDateTime.parse(s.at()).toInstant())
        .thenComparing(EnrolmentState::receivedAt)
        .thenComparingLong(EnrolmentState::enrolmentSeq);
    try (PreparedStatement st = db.prepareStatement(sql)) {
      if (station.isPresent()) {
        st.setString(1, station.get().value());
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          EnrolmentState s = new EnrolmentState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
              rs.getString(5), rs.getString(6), EnrolmentRecord.State.valueOf(rs.getString(7)), rs.getString(8),
              Instant.parse(rs.getString(9)));
          latest.merge(s.stationId() + "\n" + s.volunteerId(), s, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading enrolments", e);
    }
    List<EnrolmentState> list = new ArrayList<>(latest.values());
    list.sort(Comparator.comparing(EnrolmentState::stationId).thenComparing(EnrolmentState::volunteerId));
    return list;
  }

  private boolean insert(EnrolmentRecord r, Instant receivedAt) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("INSERT INTO enrolments (station, terminal, enrolment_seq,"
        + " volunteer, consent_id, consent_version, state, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT DO NOTHING")) {
      st.setString(1, r.stationId().value());
      st.setString(2, r.terminalId().value());
      st.setLong(3, r.enrolmentSeq());
      st.setString(4, r.volunteerId().value());
      st.setString(5, r.consentId());
      st.setString(6, r.consentVersion());
      st.setString(7, r.state().name());
      st.setString(8, WireCodec.formatTime(r.at()));
      st.setString(9, receivedAt.toString());
      return st.executeUpdate() == 1;
    }
  }

  /** How the stored record with the same seq differs from {@code r}, or null when it does not. */
  private String difference(EnrolmentRecord r) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("SELECT volunteer, consent_id, consent_version, state, at"
        + " FROM enrolments WHERE station = ? AND terminal = ? AND enrolment_seq = ?")) {
      st.setString(1, r.stationId().value());
      st.setString(2, r.terminalId().value());
      st.setLong(3, r.enrolmentSeq());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        String[] stored = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)};
        String[] sent = {r.volunteerId().value(), r.consentId(), r.consentVersion(), r.state().name(),
            WireCodec.formatTime(r.at())};
        String[] names = {"volunteerId", "consentId", "consentVersion", "state", "at"};
        for (int i = 0; i < names.length; i++) {
          if (!stored[i].equals(sent[i])) {
            return "enrolmentSeq " + r.enrolmentSeq() + " of " + r.stationId() + "/" + r.terminalId()
                + " is already stored with " + names[i] + " " + stored[i] + ", this record has " + sent[i];
          }
        }
        return null;
      }
    }
  }

  /** The largest N such that records 1..N of the terminal are stored. */
  private long contiguous(StationId station, TerminalId terminal) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("SELECT enrolment_seq FROM enrolments"
        + " WHERE station = ? AND terminal = ? ORDER BY enrolment_seq")) {
      st.setString(1, station.value());
      st.setString(2, terminal.value());
      long next = 1;
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next() && rs.getLong(1) == next) {
          next++;
        }
      }
      return next - 1;
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(String operation, Work<T> work) {
    return Database.transaction(db, operation, c -> work.run());
  }

  /** Closes the connection; later calls do nothing (JDBC closes a closed connection as a no-op). */
  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StoreException("closing the enrolments connection", e);
    }
  }
}
