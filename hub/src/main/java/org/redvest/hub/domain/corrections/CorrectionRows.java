package org.redvest.hub.domain.corrections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/** SQL of the corrections, audit and review_decisions tables (schema version 6). */
final class CorrectionRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, kind, volunteer, station, target, before_json,"
      + " after_json, reason, requested_by, requester_kind, requested_at, state, decided_by,"
      + " decided_at, decision_reason";
  private static final String AUDIT_COLUMNS = "id, at, actor, action, session_key, correction_id,"
      + " review_item, volunteer, station, reason, before_json, after_json";

  /** Fixed-width UTC times, so that text order is time order (approved corrections apply in it). */
  private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

  private CorrectionRows() {}

  static String stamp(Instant at) {
    return STAMP.format(at);
  }

  /** Inserts a new request and returns its id. */
  static long insert(Connection c, Correction r) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO corrections (kind, volunteer, station,"
        + " target, before_json, after_json, reason, requested_by, requester_kind, requested_at, state)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, r.kind().name());
      st.setString(2, r.volunteerId().value());
      st.setString(3, r.stationId().value());
      st.setString(4, r.target() == null ? null : r.target().value());
      st.setString(5, json(r.before()));
      st.setString(6, json(r.after()));
      st.setString(7, r.reason());
      st.setString(8, r.requestedBy());
      st.setString(9, r.requesterKind().name());
      st.setString(10, stamp(r.requestedAt()));
      st.setString(11, Correction.State.REQUESTED.name());
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /**
   * Moves a REQUESTED correction to {@code state}; false if it was no longer REQUESTED (the state
   * check is in the UPDATE, so two deciders cannot both win).
   */
  static boolean decide(Connection c, long id, Correction.State state, String by, Instant at,
      String why) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE corrections SET state = ?, decided_by = ?,"
        + " decided_at = ?, decision_reason = ? WHERE id = ? AND state = 'REQUESTED'")) {
      st.setString(1, state.name());
      st.setString(2, by);
      st.setString(3, stamp(at));
      st.setString(4, why);
      st.setLong(5, id);
      return st.executeUpdate() == 1;
    }
  }

  static Optional<Correction> byId(Connection c, long id) throws SQLException {
    List<Correction> found = select(c, " WHERE id = ?", List.of(id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Corrections filtered by state, station, volunteer and target (null = any), newest first. */
  static List<Correction> find(Connection c, Correction.State state, StationId station,
      VolunteerId volunteer, SessionKey target, int limit) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (state != null) {
      where.append(" AND state = ?");
      args.add(state.name());
    }
    if (station != null) {
      where.append(" AND station = ?");
      args.add(station.value());
    }
    if (volunteer != null) {
      where.append(" AND volunteer = ?");
      args.add(volunteer.value());
    }
    if (target != null) {
      where.append(" AND (target = ? OR 'add:' || id = ?)");
      args.add(target.value());
      args.add(target.value());
    }
    where.append(" ORDER BY id DESC LIMIT ?");
    args.add(limit);
    return select(c, where.toString(), args);
  }

  /** Approved corrections in the order they were approved (the order they apply in). */
  static List<Correction> approved(Connection c, VolunteerId volunteer) throws SQLException {
    String where = " WHERE state = 'APPROVED'" + (volunteer == null ? "" : " AND volunteer = ?")
        + " ORDER BY decided_at, id";
    return select(c, where, volunteer == null ? List.of() : List.of(volunteer.value()));
  }

  static void audit(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO audit (at, actor, action, session_key,"
        + " correction_id, review_item, volunteer, station, reason, before_json, after_json)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, stamp(e.at()));
      st.setString(2, e.actor());
      st.setString(3, e.action());
      st.setString(4, e.sessionKey());
      st.setObject(5, e.correctionId());
      st.setString(6, e.reviewItem());
      st.setString(7, e.volunteerId());
      st.setString(8, e.stationId());
      st.setString(9, e.reason());
      st.setString(10, json(e.before()));
      st.setString(11, json(e.after()));
      st.executeUpdate();
    }
  }

  /** The audit of a session, a correction or a review item, oldest first. */
  static List<AuditEntry> auditWhere(Connection c, String column, Object value) throws SQLException {
    List<AuditEntry> found = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT " + AUDIT_COLUMNS + " FROM audit WHERE "
        + column + " = ? ORDER BY id")) {
      st.setObject(1, value);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          found.add(new AuditEntry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
              rs.getString(4), rs.getString(5), (Long) nullableLong(rs, 6), rs.getString(7),
              rs.getString(8), rs.getString(9), rs.getString(10), snapshot(rs.getString(11)),
              snapshot(rs.getString(12))));
        }
      }
    }
    return found;
  }

  /** Records a review decision; false if the item was already decided. */
  static boolean decideReview(Connection c, String item, String decision, String by, Instant at,
      String why) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO review_decisions (item_key, decision,"
        + " decided_by, decided_at, reason) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
        + " (SELECT 1 FROM review_decisions WHERE item_key = ?)")) {
      st.setString(1, item);
      st.setString(2, decision);
      st.setString(3, by);
      st.setString(4, stamp(at));
      st.setString(5, why);
      st.setString(6, item);
      return st.executeUpdate() == 1;
    }
  }

  static java.util.Set<String> decidedItems(Connection c) throws SQLException {
    java.util.Set<String> items = new java.util.HashSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT item_key FROM review_decisions")) {
      while (rs.next()) {
        items.add(rs.getString(1));
      }
    }
    return items;
  }

  /** The {@code correction} basis of a stored check-out event, if it carries one. */
  static Optional<KioskCorrection> kioskCorrection(Connection c, String eventId) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT json_extract(payload, '$.correction'),"
        + " json_extract(payload, '$.operatorId'), json_extract(payload, '$.reason'), received_at,"
        + " occurred_at, station, terminal FROM events WHERE event_id = ?"
        + " AND json_extract(payload, '$.correction') IS NOT NULL")) {
      st.setString(1, eventId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? Optional.of(new KioskCorrection(rs.getString(1), rs.getString(2), rs.getString(3),
                Instant.parse(rs.getString(4)), rs.getString(5), rs.getString(6) + "/" + rs.getString(7)))
            : Optional.empty();
      }
    }
  }

  /** The volunteer of a stored event, or null. */
  static String volunteerOfEvent(Connection c, String eventId) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT volunteer FROM events WHERE event_id = ?")) {
      st.setString(1, eventId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** A check-out event that closed a forgotten session later at the kiosk (protocol §4 correction). */
  record KioskCorrection(String basis, String operatorId, String reason, Instant receivedAt,
      String occurredAt, String terminal) {}

  private static List<Correction> select(Connection c, String where, List<Object> args)
      throws SQLException {
    List<Correction> found = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM corrections" + where)) {
      for (int i = 0; i < args.size(); i++) {
        st.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          found.add(read(rs));
        }
      }
    }
    return found;
  }

  private static Correction read(ResultSet rs) throws SQLException {
    String target = rs.getString(5);
    String decidedAt = rs.getString(14);
    return new Correction(rs.getLong(1), Correction.Kind.valueOf(rs.getString(2)),
        VolunteerId.of(rs.getString(3)), StationId.of(rs.getString(4)),
        target == null ? null : new SessionKey(target), snapshot(rs.getString(6)),
        snapshot(rs.getString(7)), rs.getString(8), rs.getString(9),
        Correction.RequesterKind.valueOf(rs.getString(10)), Instant.parse(rs.getString(11)),
        Correction.State.valueOf(rs.getString(12)), rs.getString(13),
        decidedAt == null ? null : Instant.parse(decidedAt), rs.getString(15));
  }

  private static Object nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static String json(Snapshot s) {
    if (s == null) {
      return null;
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("stationId", s.stationId());
    o.put("start", s.start() == null ? null : WireCodec.formatTime(s.start()));
    o.put("end", s.end() == null ? null : WireCodec.formatTime(s.end()));
    o.put("minutes", s.minutes());
    o.put("status", s.status());
    return o.toString();
  }

  static Snapshot snapshot(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode o = JSON.readTree(json);
      return new Snapshot(o.path("stationId").asText(), time(o.get("start")), time(o.get("end")),
          o.path("minutes").asLong(), o.path("status").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored snapshot is not JSON: " + json, e);
    }
  }

  private static OffsetDateTime time(JsonNode node) {
    return node == null || node.isNull() ? null : OffsetDateTime.parse(node.asText());
  }
}
