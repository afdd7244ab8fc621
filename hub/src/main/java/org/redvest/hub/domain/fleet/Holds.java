package org.redvest.hub.domain.fleet;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.HeldEvent;
import org.redvest.hub.transport.ingest.InboundMessage;
import org.redvest.protocol.fleet.TerminalAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's side of a revoked terminal's hold (docs/security.md, "Salvage"): the events it
 * delivered after its revocation, each released into ingest (counted, graded NEEDS_REVIEW with
 * {@code REVOKED_TERMINAL}) or discarded. Each decision keeps who made it and when; rows are never
 * deleted. A release is marked in the database first, then handed to ingest with its first
 * receipt time; one the hub stopped before storing is handed over again at the next start.
 */
public final class Holds {
  private static final Logger LOG = LoggerFactory.getLogger(Holds.class);
  private static final String COLUMNS = "id, station, terminal, terminal_seq, event_id, volunteer,"
      + " kind, occurred_at, received_at, signature_valid, signature_detail, state, decided_by,"
      + " decided_at";

  private final Database database;
  private final Consumer<InboundMessage> ingest;
  private final Clock clock;

  private Holds(Database database, Consumer<InboundMessage> ingest, Clock clock) {
    this.database = database;
    this.ingest = ingest;
    this.clock = clock;
  }

  /** Holds over {@code database}; first hands ingest any release a stopped hub left unstored. */
  public static Holds start(Database database, Consumer<InboundMessage> ingest, Clock clock) {
    Holds holds = new Holds(database, ingest, clock);
    List<InboundMessage> unfinished = database.read("reading unfinished releases", c -> {
      List<InboundMessage> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT topic, payload, received_at"
          + " FROM fleet_held h WHERE state = 'RELEASED'"
          + " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = h.event_id)");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(release(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
      return out;
    });
    unfinished.forEach(ingest);
    return holds;
  }

  /** Held events, newest receipt first; only those in {@code state} when given. */
  public List<HeldForReview> list(Optional<HeldEvent.State> state) {
    return database.read("listing held events", c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM fleet_held"
          + (state.isPresent() ? " WHERE state = ?" : "") + " ORDER BY received_at DESC, id DESC")) {
        if (state.isPresent()) {
          st.setString(1, state.get().name());
        }
        return rows(st);
      }
    });
  }

  /**
   * Counts the held event: marks it released by {@code by} and hands it to ingest.
   *
   * @throws FleetException 404 unknown id; 409 already decided, or its signature did not verify
   *     (such an event can only be discarded)
   */
  public HeldForReview release(long id, String by) {
    Decision d = decide(id, by, HeldEvent.State.RELEASED);
    ingest.accept(d.message());
    LOG.warn("held event {} of {}/{} (seq {}) released into ingest by {}", d.held().eventId(),
        d.held().stationId(), d.held().terminalId(), d.held().terminalSeq(), by);
    return d.held();
  }

  /** Releases every held event of {@code account} whose signature verified; returns them. */
  public List<HeldForReview> releaseAll(TerminalAccount account, String by) {
    List<HeldForReview> released = new ArrayList<>();
    for (HeldForReview h : list(Optional.of(HeldEvent.State.HELD))) {
      if (h.stationId().equals(account.station().value())
          && h.terminalId().equals(account.terminal().value()) && h.signatureValid()) {
        released.add(release(h.id(), by));
      }
    }
    return released;
  }

  /**
   * Discards the held event: it is never counted; the row stays, marked.
   *
   * @throws FleetException 404 unknown id; 409 already decided
   */
  public HeldForReview discard(long id, String by) {
    HeldForReview held = decide(id, by, HeldEvent.State.DISCARDED).held();
    LOG.warn("held event {} of {}/{} (seq {}) discarded by {}", held.eventId(), held.stationId(),
        held.terminalId(), held.terminalSeq(), by);
    return held;
  }

  private record Decision(HeldForReview held, InboundMessage message) {}

  private Decision decide(long id, String by, HeldEvent.State to) {
    Instant now = clock.instant();
    return database.transaction("deciding on a held event", c -> {
      HeldForReview held = byId(c, id).orElseThrow(() ->
          new FleetException(404, "no held event " + id));
      if (held.state() != HeldEvent.State.HELD) {
        throw new FleetException(409, "held event " + id + " was already "
            + held.state().name().toLowerCase(java.util.Locale.ROOT) + " by " + held.decidedBy()
            + " at " + held.decidedAt());
      }
      if (to == HeldEvent.State.RELEASED && !held.signatureValid()) {
        throw new FleetException(409, "held event " + id + " cannot be released: its signature"
            + " does not verify (" + held.signatureDetail() + "); discard it");
      }
      try (PreparedStatement st = c.prepareStatement("UPDATE fleet_held SET state = ?,"
          + " decided_by = ?, decided_at = ? WHERE id = ?")) {
        st.setString(1, to.name());
        st.setString(2, by);
        st.setString(3, now.toString());
        st.setLong(4, id);
        st.executeUpdate();
      }
      InboundMessage message = null;
      try (PreparedStatement st = c.prepareStatement(
          "SELECT topic, payload, received_at FROM fleet_held WHERE id = ?")) {
        st.setLong(1, id);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          message = release(rs.getString(1), rs.getString(2), rs.getString(3));
        }
      }
      return new Decision(byId(c, id).orElseThrow(), message);
    });
  }

  private static InboundMessage release(String topic, String payload, String receivedAt) {
    return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8),
        Instant.parse(receivedAt), true);
  }

  private static Optional<HeldForReview> byId(Connection c, long id) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM fleet_held WHERE id = ?")) {
      st.setLong(1, id);
      return rows(st).stream().findFirst();
    }
  }

  private static List<HeldForReview> rows(PreparedStatement st) throws SQLException {
    List<HeldForReview> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(new HeldForReview(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            Instant.parse(rs.getString(9)), rs.getInt(10) == 1, rs.getString(11),
            HeldEvent.State.valueOf(rs.getString(12)), rs.getString(13),
            rs.getString(14) == null ? null : Instant.parse(rs.getString(14))));
      }
    }
    return out;
  }
}
