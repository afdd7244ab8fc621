package org.redvest.hub.web.corrections;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.corrections.AuditEntry;
import org.redvest.hub.domain.corrections.CorrectedSession;
import org.redvest.hub.domain.corrections.Correction;
import org.redvest.hub.domain.corrections.CorrectionException;
import org.redvest.hub.domain.corrections.CorrectionRequest;
import org.redvest.hub.domain.corrections.Corrections;
import org.redvest.hub.domain.corrections.Snapshot;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * {@code /ui/corrections} (list with filters, request form, one correction with its history and
 * decision forms) and {@code /ui/audit?session=} (a session's audit trail): the code works out
 * what they show, the templates {@code web/corrections/*.jte} lay it out.
 */
final class CorrectionPages {
  /** One choice of a select. */
  record Option(String value, String label, boolean selected) {}

  /** A correction's state as a pill: its words and tone (warn, ok, bad or none). */
  record State(String text, String tone) {}

  /** A session as it stood (see {@link Snapshot}), each part in the page's language. */
  record Snap(String start, String end, String minutes, String status, String station) {}

  /** A session before and after, side by side under two headings; either may be null. */
  record Sides(String left, String right, Snap before, Snap after) {}

  /** One correction in the list. */
  record Row(long id, String kind, String volunteer, Snap before, Snap after, String reason,
      String requestedBy, String requestedAt, State state) {}

  /** One session of the picker, with the key the links take. */
  record Pick(Snap snap, boolean corrected, String session) {}

  /** A volunteer's sessions to pick the one to correct from. */
  record Picker(String volunteer, List<Pick> sessions) {}

  /**
   * The request form: for a session ({@code session} and {@code target} set, no station) or a
   * session to add ({@code stationId} set).
   */
  record Form(Picker picker, String session, Snap target, String volunteerId, List<Option> kinds,
      String stationId, String start, String end, String zone) {}

  /**
   * The decision forms of a requested correction: the day's total when it has one ({@code over}
   * the managers' limit or not), approve and reject unless it is one's own, withdraw for its
   * requester or an admin.
   */
  record Decision(long id, String dayTotal, boolean over, boolean canApprove, boolean canWithdraw) {}

  /** One line of an audit trail. */
  record Line(String at, String actor, String action, Long correctionId, String reason, Snap before,
      Snap after) {}

  /** One correction with its history; {@code decision} only while it is requested. */
  record One(String kind, String volunteer, String station, State state, String reason,
      String requestedBy, String requester, Sides sides, String decidedBy, String decidedAt,
      String decisionReason, String session, Decision decision, List<Line> history) {}

  /** A session's audit trail; {@code correctionId} when a correction applies. */
  record Trail(String volunteer, String session, Long correctionId, Sides sides, List<Line> lines) {}

  private final Corrections corrections;
  private final ZoneId zone;

  CorrectionPages(Corrections corrections) {
    this.corrections = corrections;
    this.zone = corrections.zone();
  }

  void routing(Javalin app) {
    app.get("/ui/corrections", this::list);
    app.get("/ui/corrections/new", this::form);
    app.post("/ui/corrections", this::create);
    app.get("/ui/corrections/{id}", this::one);
    app.post("/ui/corrections/{id}/{action}", this::decide);
    app.get("/ui/audit", this::trail);
  }

  private void list(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    Correction.State state = CorrectionRoutes.state(ctx.queryParam("state"));
    StationId station = CorrectionRoutes.param(ctx, "stationId", StationId::of);
    List<Correction> list = corrections.list(who, state, station, null, null);
    List<Option> states = Arrays.stream(Correction.State.values())
        .map(s -> new Option(s.name(), SessionText.stateText(lang, s), s == state)).toList();
    List<Row> rows = list.stream().map(c -> new Row(c.id(), SessionText.kind(lang, c.kind()),
        c.volunteerId().value(), snap(lang, c.before()), snap(lang, c.after()), c.reason(), c.requestedBy(),
        time(c.requestedAt()), state(lang, c.state()))).toList();
    Page.render(ctx, lang, lang.get("corrections.title"), "web/corrections/list.jte",
        "states", states, "station", station == null ? "" : station.value(), "rows", rows);
  }

  /** The request form; with a volunteer and no session, that volunteer's sessions to pick from. */
  private void form(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    VolunteerId volunteer = CorrectionRoutes.param(ctx, "volunteerId", VolunteerId::of);
    String sessionText = ctx.queryParam("session");
    String kindText = ctx.queryParam("kind");
    CorrectedSession target = null;
    Picker picker = null;
    if (sessionText != null && !sessionText.isBlank()) {
      target = CorrectionRoutes.session(ctx, who, corrections);
      volunteer = target.session().volunteerId();
    } else if (volunteer != null && !"ADD_SESSION".equals(kindText)) {
      picker = picker(lang, who, volunteer);
    }
    Correction.Kind kind = target == null ? Correction.Kind.ADD_SESSION : defaultKind(target, kindText);
    List<Option> kinds = new ArrayList<>();
    for (Correction.Kind k : Correction.Kind.values()) {
      if ((k == Correction.Kind.ADD_SESSION) == (target == null)) {
        kinds.add(new Option(k.name(), SessionText.kind(lang, k), k == kind));
      }
    }
    String stationId = ctx.queryParam("stationId");
    Form form = new Form(picker, target == null ? null : target.key().value(),
        target == null ? null : snap(lang, Snapshot.of(target.session())),
        volunteer == null ? "" : volunteer.value(), kinds,
        target != null ? null : stationId == null ? "" : stationId,
        target == null ? "" : SessionText.input(target.session().checkInAt(), zone),
        target == null ? "" : SessionText.input(target.session().checkOutAt(), zone), zone.getId());
    Page.render(ctx, lang, lang.get("corrections.form.title"), "web/corrections/form.jte", "form", form);
  }

  private Picker picker(Lang lang, Principal who, VolunteerId volunteer) {
    List<CorrectedSession> list = corrections.sessions().corrected(new SessionQuery(volunteer, null, null, null))
        .stream().filter(s -> who.canSee(s.session().stationId())).toList();
    return new Picker(volunteer.value(), list.stream().map(s -> new Pick(snap(lang, Snapshot.of(s.session())),
        s.corrected(), s.key().value())).toList());
  }

  private static Correction.Kind defaultKind(CorrectedSession target, String asked) {
    if (asked != null && !asked.isBlank()) {
      try {
        return Correction.Kind.valueOf(asked);
      } catch (IllegalArgumentException e) {
        throw new CorrectionException(400, "kind", "unknown kind \"" + asked + "\"");
      }
    }
    return target.session().checkInAt() == null ? Correction.Kind.SET_START : Correction.Kind.SET_END;
  }

  private void create(Context ctx) {
    Principal who = Access.principal(ctx);
    Map<String, String> fields = new HashMap<>();
    for (String name : List.of("kind", "session", "volunteerId", "stationId", "start", "end", "reason",
        "requesterKind")) {
      fields.put(name, ctx.formParam(name));
    }
    Correction c = corrections.request(who, CorrectionRequest.parse(fields, zone));
    ctx.redirect("/ui/corrections/" + c.id(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void decide(Context ctx) {
    Principal who = Access.principal(ctx);
    long id = CorrectionRoutes.id(ctx);
    String why = ctx.formParam("reason");
    switch (ctx.pathParam("action")) {
      case "approve" -> corrections.approve(who, id, why);
      case "reject" -> corrections.reject(who, id, why);
      case "withdraw" -> corrections.withdraw(who, id, why);
      default -> throw new CorrectionException(404, "action", "must be approve, reject or withdraw");
    }
    ctx.redirect("/ui/corrections/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void one(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    Correction c = corrections.get(CorrectionRoutes.id(ctx));
    if (!who.canSee(c.stationId())) {
      throw new CorrectionException(403, null, "not your station: " + c.stationId().value());
    }
    Decision decision = c.state() == Correction.State.REQUESTED ? decision(lang, who, c) : null;
    One one = new One(SessionText.kind(lang, c.kind()), c.volunteerId().value(), c.stationId().value(),
        state(lang, c.state()), c.reason(), c.requestedBy(), SessionText.requester(lang, c.requesterKind()),
        sides(lang, c.before(), c.after(), lang.get("corrections.col.before"), lang.get("corrections.col.after")),
        c.decidedBy(), c.decidedBy() == null ? null : time(c.decidedAt()),
        c.decisionReason() == null || c.decisionReason().isEmpty() ? null : c.decisionReason(),
        c.sessionKey().value(), decision, lines(lang, corrections.trailOfCorrection(c.id())));
    Page.render(ctx, lang, lang.get("corrections.one.title", c.id()), "web/corrections/one.jte", "one", one);
  }

  private Decision decision(Lang lang, Principal who, Correction c) {
    long busiest = corrections.busiestDay(c);
    String dayTotal = null;
    boolean over = false;
    if (busiest > 0) {
      long limitHours = corrections.rules().managerDayLimit().toHours();
      over = busiest > corrections.rules().managerDayLimit().toMinutes();
      dayTotal = lang.get(over ? "corrections.decide.busiestOver" : "corrections.decide.busiestWithin",
          SessionText.minutes(lang, busiest), limitHours);
    }
    boolean own = who.username().equals(c.requestedBy());
    return new Decision(c.id(), dayTotal, over, !own, own || who.isAdmin());
  }

  private void trail(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    CorrectedSession s = CorrectionRoutes.session(ctx, who, corrections);
    Trail trail = new Trail(s.session().volunteerId().value(), s.key().value(),
        s.corrected() ? s.correctionId() : null,
        sides(lang, s.original() == null ? null : Snapshot.of(s.original()), Snapshot.of(s.session()),
            lang.get("corrections.trail.original"), lang.get("corrections.trail.now")),
        lines(lang, corrections.trail(s)));
    Page.render(ctx, lang, lang.get("corrections.trail.title"), "web/corrections/trail.jte", "trail", trail);
  }

  private Sides sides(Lang lang, Snapshot before, Snapshot after, String left, String right) {
    return new Sides(left, right, snap(lang, before), snap(lang, after));
  }

  private List<Line> lines(Lang lang, List<AuditEntry> entries) {
    return entries.stream().map(e -> new Line(time(e.at()), e.actor(), SessionText.action(lang, e.action()),
        e.correctionId(), e.reason(), snap(lang, e.before()), snap(lang, e.after()))).toList();
  }

  /** A snapshot as the pages show it, or null for none. */
  private Snap snap(Lang lang, Snapshot s) {
    return s == null ? null : new Snap(SessionText.time(s.start(), zone), SessionText.time(s.end(), zone),
        SessionText.minutes(lang, s.minutes()), SessionText.status(lang, s.status()), s.stationId());
  }

  private static State state(Lang lang, Correction.State state) {
    return new State(SessionText.stateText(lang, state), SessionText.stateTone(state));
  }

  private String time(Instant at) {
    return SessionText.time(at.atOffset(ZoneOffset.UTC), zone);
  }
}
