package org.redvest.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.redvest.hub.hours.Approval;
import org.redvest.hub.hours.ApprovedDays;
import org.redvest.hub.hours.CapAssessment;
import org.redvest.hub.hours.CapDay;
import org.redvest.hub.hours.DailyCaps;
import org.redvest.hub.hours.EvidenceRules;
import org.redvest.hub.hours.Session;
import org.redvest.protocol.VolunteerId;

/**
 * Finds {@link Anomaly anomalies} in the stored events and sessions on the read connection.
 * Computed on request (no table of its own), so a new rule or threshold applies to all history.
 * The credential query reads {@code credentialSerial} out of the stored payload with SQLite's
 * JSON functions; events without one are skipped by a cheap {@code LIKE} first.
 */
public final class AnomalyRows {
  private final Database database;
  private final Chains chains;

  public AnomalyRows(Database database) {
    this.database = database;
    this.chains = new Chains(database);
  }

  /**
   * The thresholds of the anomaly rules.
   *
   * @param replayWindow one credential serial at two terminals within this
   * @param backDated how late (offset-corrected) an event not recorded offline may arrive
   * @param clockTolerance largest terminal clock offset, either way, not reported
   * @param caps daily caps per volunteer and calendar day of {@code zone}
   * @param approved the approvals granted for days over a cap
   */
  public record Rules(Duration replayWindow, Duration backDated, Duration clockTolerance, DailyCaps caps,
      ZoneId zone, ApprovedDays approved) {
    public static Rules defaults() {
      return of(EvidenceRules.defaults(), ZoneId.of("Asia/Shanghai"));
    }

    /** The rules of the hub's configuration, with no day approved. */
    public static Rules of(EvidenceRules rules, ZoneId zone) {
      return new Rules(rules.replayWindow(), rules.backDatedAfter(), rules.clockTolerance(), rules.caps(), zone,
          ApprovedDays.NONE);
    }

    /** These rules with {@code approved} days: a day approved far enough is no longer listed. */
    public Rules withApproved(ApprovedDays approved) {
      return new Rules(replayWindow, backDated, clockTolerance, caps, zone, approved);
    }
  }

  /** Up to {@code limit} anomalies of each kind (see {@link #find(Rules, int, Predicate)}). */
  public List<Anomaly> find(Rules rules, int limit) {
    return find(rules, limit, a -> false);
  }

  /**
   * Up to {@code limit} anomalies of each kind, leaving out those {@code skip} accepts (a review
   * queue's decided items) before counting, so a long history of decided anomalies of one kind
   * never hides new ones, and no kind crowds out another.
   */
  public List<Anomaly> find(Rules rules, int limit, Predicate<Anomaly> skip) {
    List<Anomaly> broken = chainBreaks();
    return database.read("finding anomalies", c -> {
      List<Anomaly> found = new ArrayList<>(broken.stream().filter(skip.negate()).limit(limit).toList());
      List<Anomaly> skews = new ArrayList<>();
      ClockSkews.find(c, rules.clockTolerance(), skews);
      skews.stream().filter(skip.negate()).limit(limit).forEach(found::add);
      found.addAll(credentialReuse(c, rules.replayWindow(), rules.zone(), new Bucket(limit, skip)));
      found.addAll(twoStations(c, rules.zone(), new Bucket(limit, skip)));
      found.addAll(backDated(c, rules.backDated(), rules.zone(), new Bucket(limit, skip)));
      found.addAll(overCaps(c, rules, new Bucket(limit, skip)));
      return found;
    });
  }

  /** One kind's anomalies, up to a limit, not counting those skipped. */
  private static final class Bucket {
    private final List<Anomaly> found = new ArrayList<>();
    private final int limit;
    private final Predicate<Anomaly> skip;

    Bucket(int limit, Predicate<Anomaly> skip) {
      this.limit = limit;
      this.skip = skip;
    }

    /** Whether more are wanted. */
    boolean open() {
      return found.size() < limit;
    }

    void add(Anomaly a) {
      if (open() && !skip.test(a)) {
        found.add(a);
      }
    }
  }

  /** One anomaly per terminal whose hash chain is broken; volunteerId is null (it is the terminal's). */
  private List<Anomaly> chainBreaks() {
    List<Anomaly> found = new ArrayList<>();
    for (ChainStatus chain : chains.verify().values()) {
      if (!chain.intact()) {
        found.add(new Anomaly(Anomaly.Kind.CHAIN_BROKEN, null, "hash chain of " + chain.terminal()
            + " broken at terminalSeq " + chain.brokenAtSeq() + ": " + chain.detail(),
            eventIdsAround(chain)));
      }
    }
    return found;
  }

  private List<String> eventIdsAround(ChainStatus chain) {
    return database.read("reading chain break events", c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT event_id FROM events WHERE station = ?"
          + " AND terminal = ? AND terminal_seq IN (?, ?) ORDER BY terminal_seq")) {
        st.setString(1, chain.terminal().stationId().value());
        st.setString(2, chain.terminal().terminalId().value());
        st.setLong(3, chain.brokenAtSeq() - 1);
        st.setLong(4, chain.brokenAtSeq());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      return ids;
    });
  }

  private static List<Anomaly> credentialReuse(Connection c, Duration window, ZoneId zone, Bucket out)
      throws SQLException {
    String sql = "WITH used AS (SELECT event_id, station, terminal, volunteer, kind, occurred_at,"
        + " occurred_at_epoch_ms AS t, json_extract(payload, '$.credentialSerial') AS serial FROM events"
        + " WHERE payload LIKE '%\"credentialSerial\"%')"
        + " SELECT a.serial, a.volunteer, a.station, a.terminal, a.occurred_at, a.event_id,"
        + " b.station, b.terminal, b.occurred_at, b.event_id FROM used a JOIN used b ON a.serial = b.serial"
        + " AND (a.station <> b.station OR a.terminal <> b.terminal)"
        + " AND (a.t < b.t OR (a.t = b.t AND a.event_id < b.event_id)) AND b.t - a.t <= ?"
        + " ORDER BY b.t";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, window.toMillis());
      try (ResultSet rs = st.executeQuery()) {
        while (out.open() && rs.next()) {
          out.add(new Anomaly(Anomaly.Kind.CREDENTIAL_AT_TWO_TERMINALS, rs.getString(2),
              "credential serial " + rs.getLong(1) + " used at " + rs.getString(3) + "/" + rs.getString(4)
                  + " at " + time(rs.getString(5), zone) + " and at " + rs.getString(7) + "/" + rs.getString(8)
                  + " at " + time(rs.getString(9), zone) + ", within " + window.toMinutes() + " min",
              List.of(rs.getString(6), rs.getString(10))));
        }
      }
    }
    return out.found;
  }

  private static List<Anomaly> twoStations(Connection c, ZoneId zone, Bucket out) throws SQLException {
    String sql = "SELECT s.volunteer, s.station, s.check_in_at, s.check_in_event_id, n.station, n.check_in_at,"
        + " n.check_in_event_id FROM sessions s JOIN sessions n ON n.volunteer = s.volunteer"
        + " AND n.ordinal = s.ordinal + 1 WHERE s.status = 'SUPERSEDED' AND n.station <> s.station";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      try (ResultSet rs = st.executeQuery()) {
        while (out.open() && rs.next()) {
          out.add(new Anomaly(Anomaly.Kind.TWO_STATIONS_AT_ONCE, rs.getString(1), "checked in at "
              + rs.getString(2) + " at " + time(rs.getString(3), zone) + " and, still checked in, at "
              + rs.getString(5) + " at " + time(rs.getString(6), zone), List.of(rs.getString(4), rs.getString(7))));
        }
      }
    }
    return out.found;
  }

  /**
   * Events dated long before their receipt, measured with the terminal's clock offset taken out
   * where it is known (a skewed clock is CLOCK_SKEW, not back-dating); events recorded offline and
   * corrections (late by design) are exempt.
   */
  private static List<Anomaly> backDated(Connection c, Duration threshold, ZoneId zone, Bucket out)
      throws SQLException {
    String sql = "SELECT e.event_id, e.volunteer, e.station, e.terminal, e.occurred_at, e.received_at, r.delay_ms,"
        + " r.clock_offset_ms FROM events e LEFT JOIN event_receipt r ON r.event_id = e.event_id"
        + " WHERE COALESCE(r.delay_ms, (julianday(e.received_at) - julianday(e.occurred_at)) * 86400000) > ?"
        + " AND COALESCE(json_extract(e.payload, '$.recordedOffline'), 0) = 0"
        + " AND json_extract(e.payload, '$.correction') IS NULL ORDER BY e.occurred_at_epoch_ms";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, threshold.toMillis());
      try (ResultSet rs = st.executeQuery()) {
        while (out.open() && rs.next()) {
          long offset = rs.getLong(8);
          String corrected = rs.wasNull() ? "" : " (" + ClockSkews.describe(rs.getLong(7)) + " late allowing for the"
              + " terminal's clock offset of " + ClockSkews.signed(offset) + ")";
          out.add(new Anomaly(Anomaly.Kind.BACK_DATED, rs.getString(2), "dated " + time(rs.getString(5), zone)
              + " at " + rs.getString(3) + "/" + rs.getString(4) + " but received " + time(rs.getString(6), zone)
              + corrected
              + " from a terminal that did not mark it as recorded offline", List.of(rs.getString(1))));
        }
      }
    }
    return out.found;
  }

  /** One anomaly per volunteer-day over a daily cap whose excess is not approved yet. */
  private static List<Anomaly> overCaps(Connection c, Rules rules, Bucket out) throws SQLException {
    List<Session> sessions = SessionRows.credited(c);
    CapAssessment caps = rules.caps().assess(sessions, rules.zone(), rules.approved());
    Map<VolunteerId, List<Session>> byVolunteer = new HashMap<>();
    sessions.forEach(s -> byVolunteer.computeIfAbsent(s.volunteerId(), v -> new ArrayList<>()).add(s));
    for (CapDay day : caps.pendingDays()) {
      if (!out.open()) {
        break;
      }
      List<String> events = new ArrayList<>();
      for (Session s : byVolunteer.get(day.volunteerId())) {
        if (s.days(rules.zone()).stream().anyMatch(d -> d.date().equals(day.date()))) {
          events.add(String.valueOf(s.checkInEventId()));
          events.add(String.valueOf(s.checkOutEventId()));
        }
      }
      boolean higher = day.requiredApproval() == Approval.HIGHER;
      out.add(new Anomaly(higher ? Anomaly.Kind.OVER_HIGHER_CAP : Anomaly.Kind.OVER_DAILY_CAP,
          day.volunteerId().value(), day.minutes() + " min on " + day.date() + " (" + ClockSkews.describe(
              day.minutes() * 60_000) + "), over the " + day.tier().label() + " daily cap: "
              + day.countedMinutes() + " min count, " + day.pendingMinutes() + " min pending "
              + (higher ? "higher" : "organisation") + " approval", events, day.date()));
    }
    return out.found;
  }

  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A stored time (ISO with offset, or UTC instant) as a reader reads it: wall time in {@code zone}. */
  static String time(String stored, ZoneId zone) {
    if (stored == null) {
      return "?";
    }
    try {
      return java.time.OffsetDateTime.parse(stored).atZoneSameInstant(zone).format(TIME);
    } catch (java.time.format.DateTimeParseException notOffset) {
      try {
        return java.time.Instant.parse(stored).atZone(zone).format(TIME);
      } catch (java.time.format.DateTimeParseException notInstant) {
        return stored;
      }
    }
  }
}
