package org.redvest.hub.domain.corrections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.hub.store.Database;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * Requests, decides and audits corrections, and records review decisions. Every action appends
 * to the audit table in the same transaction as its change; a request's state moves once from
 * REQUESTED, guarded in SQL so two deciders cannot both win.
 */
public final class Corrections {
  private static final int MAX_LIST = 500;

  private final Database database;
  private final CorrectedSessions sessions;
  private final ApprovalRules rules;
  private final Duration maxSession;
  private final Clock clock;
  private final ZoneId zone;

  public Corrections(Database database, CorrectedSessions sessions, ApprovalRules rules,
      Duration maxSession, Clock clock, ZoneId zone) {
    this.database = database;
    this.sessions = sessions;
    this.rules = rules;
    this.maxSession = maxSession;
    this.clock = clock;
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  public CorrectedSessions sessions() {
    return sessions;
  }

  public ApprovalRules rules() {
    return rules;
  }

  /** The volunteer's busiest day the correction touches, were it approved (0 for a void). */
  public long busiestDay(Correction c) {
    return sessions.busiestDay(c, zone);
  }

  /**
   * Validates and stores a request (state REQUESTED) with the session before and after. At most
   * one request per session is open: checked inside the write transaction, so two at once cannot
   * both pass.
   */
  public Correction request(Principal who, CorrectionRequest r) {
    Correction draft = r.kind() == Correction.Kind.ADD_SESSION ? addition(who, r) : change(who, r);
    long id = database.transaction("requesting a correction", c -> {
      if (draft.target() != null) {
        List<Correction> open = CorrectionRows.find(c, Correction.State.REQUESTED, null,
            draft.volunteerId(), draft.target(), 1);
        if (!open.isEmpty()) {
          throw new CorrectionException(409, "session", "already has open request #" + open.get(0).id()
              + ": approve, reject or withdraw it first");
        }
      }
      long newId = CorrectionRows.insert(c, draft);
      CorrectionRows.audit(c, entry(withId(draft, newId), who.username(), "CORRECTION_REQUESTED",
          r.reason(), draft.requestedAt()));
      return newId;
    });
    return get(id);
  }

  private Correction addition(Principal who, CorrectionRequest r) {
    requireStation(who, r.stationId());
    return draft(who, r, r.stationId(), null, checkedTimes(r, r.stationId(), r.start(), r.end()));
  }

  private Correction change(Principal who, CorrectionRequest r) {
    Session s = target(r.volunteerId(), r.session()).session();
    requireStation(who, s.stationId());
    if (s.status() == SessionStatus.VOIDED) {
      throw new CorrectionException(409, "session", "is voided; add a session instead");
    }
    Snapshot before = Snapshot.of(s);
    if (r.kind() == Correction.Kind.VOID_SESSION) {
      return draft(who, r, s.stationId(), before, new Snapshot(before.stationId(), before.start(),
          before.end(), 0, SessionStatus.VOIDED.name()));
    }
    OffsetDateTime start = r.kind().setsStart() ? r.start() : s.checkInAt();
    OffsetDateTime end = r.kind().setsEnd() ? r.end() : s.checkOutAt();
    if (start == null) {
      throw new CorrectionException(400, "kind", "an orphan check-out has no start: use SET_START or SET_TIMES");
    }
    if (end == null) {
      throw new CorrectionException(400, "kind", "the session has no end: use SET_END or SET_TIMES");
    }
    return draft(who, r, s.stationId(), before, checkedTimes(r, s.stationId(), start, end));
  }

  private Correction draft(Principal who, CorrectionRequest r, StationId station, Snapshot before,
      Snapshot after) {
    return new Correction(0, r.kind(), r.volunteerId(), station, r.session(), before, after,
        r.reason(), who.username(), requesterKind(who, r), clock.instant(),
        Correction.State.REQUESTED, null, null, null);
  }

  public Correction approve(Principal who, long id, String why) {
    Correction c = get(id);
    requireRequested(c);
    ApprovalRules.Verdict verdict = rules.mayApprove(who, c, sessions.busiestDay(c, zone));
    switch (verdict) {
      case NOT_YOUR_STATION -> throw new CorrectionException(403, null, "not your station: " + c.stationId().value());
      case OWN_REQUEST -> throw new CorrectionException(403, null,
          "you requested #" + id + " yourself: another manager or a hub admin must approve it (four eyes)");
      case NEEDS_ORGANISATION -> throw new CorrectionException(403, null, "the corrected day would exceed "
          + rules.managerDayLimit().toHours() + " h for " + c.volunteerId().value()
          + ": needs organisation approval (a hub admin)");
      case ALLOWED -> { }
    }
    if (c.target() != null && !keptPartsUnchanged(c)) {
      throw new CorrectionException(409, "session", "changed since #" + id
          + " was requested (new events or another correction): reject it and request again");
    }
    return decide(who, c, Correction.State.APPROVED, "CORRECTION_APPROVED", why == null ? "" : why.trim());
  }

  public Correction reject(Principal who, long id, String why) {
    Correction c = get(id);
    requireRequested(c);
    requireStation(who, c.stationId());
    if (who.username().equals(c.requestedBy())) {
      throw new CorrectionException(403, null, "you requested #" + id + " yourself: withdraw it instead");
    }
    return decide(who, c, Correction.State.REJECTED, "CORRECTION_REJECTED", requiredReason(why));
  }

  public Correction withdraw(Principal who, long id, String why) {
    Correction c = get(id);
    requireRequested(c);
    if (!who.username().equals(c.requestedBy()) && !who.isAdmin()) {
      throw new CorrectionException(403, null, "only " + c.requestedBy() + " or a hub admin may withdraw #" + id);
    }
    return decide(who, c, Correction.State.WITHDRAWN, "CORRECTION_WITHDRAWN", requiredReason(why));
  }

  public Correction get(long id) {
    return database.read("reading a correction", c -> CorrectionRows.byId(c, id))
        .orElseThrow(() -> new CorrectionException(404, "id", "no correction #" + id));
  }

  /** Corrections the user may see, newest first; null filters mean any. */
  public List<Correction> list(Principal who, Correction.State state, StationId station,
      VolunteerId volunteer, SessionKey target) {
    List<Correction> all = database.read("listing corrections",
        c -> CorrectionRows.find(c, state, station, volunteer, target, MAX_LIST));
    return all.stream().filter(c -> who.canSee(c.stationId())).toList();
  }

  /** The corrected session with {@code key}; 404 if there is none. */
  public CorrectedSession target(VolunteerId volunteer, SessionKey key) {
    return sessions.find(volunteer, key).orElseThrow(() -> new CorrectionException(404, "session",
        "no session " + key + " for volunteer " + volunteer.value()));
  }

  /** The volunteer of the session {@code key}, from its stored event or adding correction. */
  public VolunteerId volunteerOf(SessionKey key) {
    String v = key.value();
    if (v.startsWith("add:")) {
      return get(Long.parseLong(v.substring(4))).volunteerId();
    }
    String found = database.read("finding a session's volunteer",
        c -> CorrectionRows.volunteerOfEvent(c, v.substring(v.indexOf(':') + 1)));
    if (found == null) {
      throw new CorrectionException(404, "session", "no stored event for " + key);
    }
    return VolunteerId.of(found);
  }

  /**
   * The session's audit trail, oldest first: requests, decisions and review decisions, plus a
   * KIOSK_CORRECTION line when its check-out was a forgotten one closed later at the kiosk.
   */
  public List<AuditEntry> trail(CorrectedSession s) {
    List<AuditEntry> entries = new ArrayList<>(database.read("reading the audit trail",
        c -> CorrectionRows.auditWhere(c, "session_key", s.key().value())));
    if (s.session().checkOutEventId() != null) {
      database.read("reading a kiosk correction",
          c -> CorrectionRows.kioskCorrection(c, s.session().checkOutEventId().toString()))
          .ifPresent(k -> entries.add(0, new AuditEntry(0, k.receivedAt(),
              k.operatorId() == null ? s.session().volunteerId().value() : k.operatorId(),
              "KIOSK_CORRECTION", s.key().value(), null, null, s.session().volunteerId().value(),
              s.session().stationId().value(), "correction " + k.basis() + " at " + k.terminal()
                  + (k.reason() == null ? "" : ": " + k.reason()), null, Snapshot.of(s.session()))));
    }
    return entries;
  }

  /** The audit lines of a review item (an anomaly's decisions, which belong to no session). */
  public List<AuditEntry> trailOfReviewItem(String item) {
    return database.read("reading the audit trail", c -> CorrectionRows.auditWhere(c, "review_item", item));
  }

  public List<AuditEntry> trailOfCorrection(long id) {
    return database.read("reading the audit trail", c -> CorrectionRows.auditWhere(c, "correction_id", id));
  }

  /**
   * Records that a reviewer accepted a review item as counted; the item leaves the queue.
   *
   * @param session the session the item is about, or null for an anomaly
   */
  public void acceptReview(Principal who, String item, CorrectedSession session, StationId station,
      String volunteer, String why) {
    acceptReview(who, item, item, session, station, volunteer, why, (c, reason) -> null);
  }

  /**
   * Like {@link #acceptReview(Principal, String, CorrectedSession, StationId, String, String)},
   * recording the decision under {@code decision} (the audit entry names {@code item}) and running
   * {@code alsoRecord} (given the reason) in the same transaction once the decision is new: the
   * approval of a day over a cap is granted together with its audit entry, or not at all.
   */
  public void acceptReview(Principal who, String item, String decision, CorrectedSession session,
      StationId station, String volunteer, String why, ReviewSideEffect alsoRecord) {
    String reason = requiredReason(why);
    Instant at = clock.instant();
    boolean fresh = database.transaction("recording a review decision", c -> {
      if (!CorrectionRows.decideReview(c, decision, "ACCEPTED", who.username(), at, reason)) {
        return false;
      }
      alsoRecord.record(c, reason);
      Snapshot snap = session == null ? null : Snapshot.of(session.session());
      CorrectionRows.audit(c, new AuditEntry(0, at, who.username(), "REVIEW_ACCEPTED",
          session == null ? null : session.key().value(), null, item, volunteer,
          station == null ? null : station.value(), reason, snap, snap));
      return true;
    });
    if (!fresh) {
      throw new CorrectionException(409, "item", item + " was already decided");
    }
  }

  public Set<String> decidedReviewItems() {
    return database.read("reading review decisions", CorrectionRows::decidedItems);
  }

  /**
   * The corrected sessions starting at or after {@code from} at the stations the user may see (for
   * the review queue): one query per managed station, so each station has its own row limit.
   */
  public List<CorrectedSession> visibleSessions(Principal who, Instant from) {
    if (who.isAdmin()) {
      return sessions.corrected(new SessionQuery(null, null, from, null));
    }
    List<CorrectedSession> found = new ArrayList<>();
    for (StationId station : who.stations()) {
      found.addAll(sessions.corrected(new SessionQuery(null, station, from, null)));
    }
    return found;
  }

  /**
   * Whether what the correction keeps of the session (station, and the start or end it does not
   * set) is as it was when requested; an open session that auto-closed meanwhile is fine.
   */
  private boolean keptPartsUnchanged(Correction c) {
    Snapshot now = sessions.find(c.volunteerId(), c.target()).map(s -> Snapshot.of(s.session())).orElse(null);
    if (now == null || !now.stationId().equals(c.before().stationId())) {
      return false;
    }
    boolean startKept = c.kind().setsStart() || java.util.Objects.equals(now.start(), c.before().start());
    boolean endKept = c.kind() != Correction.Kind.SET_START || java.util.Objects.equals(now.end(), c.before().end());
    return startKept && endKept;
  }

  private Snapshot checkedTimes(CorrectionRequest r, StationId station, OffsetDateTime start,
      OffsetDateTime end) {
    if (!end.isAfter(start)) {
      throw new CorrectionException(400, "end", "must be after start (" + start + "), was " + end);
    }
    if (Duration.between(start, end).compareTo(maxSession) > 0) {
      throw new CorrectionException(400, "end", "more than the maximum session length ("
          + maxSession.toHours() + " h) after start");
    }
    if (end.toInstant().isAfter(clock.instant())) {
      throw new CorrectionException(400, "end", "is in the future: " + end);
    }
    for (CorrectedSession other : sessions.corrected(new SessionQuery(r.volunteerId(), null, null, null))) {
      Session o = other.session();
      if (o.minutes() > 0 && !other.key().equals(r.session())
          && o.start().isBefore(end.toInstant()) && start.toInstant().isBefore(o.end())) {
        throw new CorrectionException(400, "start", "the corrected session overlaps the session "
            + other.key() + " at " + o.stationId().value() + " from " + o.checkInAt() + " to " + o.checkOutAt());
      }
    }
    return new Snapshot(station.value(), start, end,
        Session.minutesBetween(start.toInstant(), end.toInstant()), SessionStatus.CLOSED.name());
  }

  private Correction decide(Principal who, Correction c, Correction.State state, String action, String why) {
    Instant at = clock.instant();
    boolean won = database.transaction("deciding correction #" + c.id(), conn -> {
      if (!CorrectionRows.decide(conn, c.id(), state, who.username(), at, why)) {
        return false;
      }
      CorrectionRows.audit(conn, entry(c, who.username(), action, why, at));
      return true;
    });
    if (!won) {
      throw new CorrectionException(409, null, "correction #" + c.id() + " was already decided");
    }
    return get(c.id());
  }

  private static AuditEntry entry(Correction c, String actor, String action, String why, Instant at) {
    return new AuditEntry(0, at, actor, action, c.sessionKey().value(), c.id(), null,
        c.volunteerId().value(), c.stationId().value(), why, c.before(), c.after());
  }

  private static Correction withId(Correction c, long id) {
    return new Correction(id, c.kind(), c.volunteerId(), c.stationId(), c.target(), c.before(),
        c.after(), c.reason(), c.requestedBy(), c.requesterKind(), c.requestedAt(), c.state(),
        c.decidedBy(), c.decidedAt(), c.decisionReason());
  }

  private static Correction.RequesterKind requesterKind(Principal who, CorrectionRequest r) {
    if (r.onBehalfOfVolunteer()) {
      return Correction.RequesterKind.VOLUNTEER;
    }
    return who.isAdmin() ? Correction.RequesterKind.ADMIN : Correction.RequesterKind.MANAGER;
  }

  private static void requireStation(Principal who, StationId station) {
    if (!who.canSee(station)) {
      throw new CorrectionException(403, "stationId", "not your station: " + station.value());
    }
  }

  private static void requireRequested(Correction c) {
    if (c.state() != Correction.State.REQUESTED) {
      throw new CorrectionException(409, null, "correction #" + c.id() + " is already " + c.state()
          + " by " + c.decidedBy() + " at " + c.decidedAt());
    }
  }

  private static String requiredReason(String why) {
    if (why == null || why.isBlank()) {
      throw new CorrectionException(400, "reason", "is required");
    }
    if (why.length() > CorrectionRequest.MAX_REASON) {
      throw new CorrectionException(400, "reason", "at most " + CorrectionRequest.MAX_REASON + " characters");
    }
    return why.trim();
  }

  /** What else a review decision records, in its transaction. */
  @FunctionalInterface
  public interface ReviewSideEffect {
    Object record(java.sql.Connection c, String reason) throws java.sql.SQLException;
  }
}
