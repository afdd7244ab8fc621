package org.redvest.hub.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.corrections.CorrectedSession;
import org.redvest.hub.domain.corrections.CorrectedSessions;
import org.redvest.hub.hours.ApprovedDays;
import org.redvest.hub.hours.CapAssessment;
import org.redvest.hub.hours.DailyCaps;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.EvidenceGrading;
import org.redvest.hub.hours.EvidenceRules;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.VolunteerHours;
import org.redvest.hub.store.Reports;
import org.redvest.hub.web.Access;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/** The hub's HTTP routes; {@link #create} is used by {@code Hub} and by the tests alike. */
public final class HubApi {
  private static final int DEFAULT_DEAD_LETTERS = 100;
  private static final int MAX_DEAD_LETTERS = 1000;

  private final Reports reports;
  private final HoursCalculator hours;
  private final ZoneId zone;
  private final Supplier<Map<String, Object>> ingestHealth;
  private final EvidenceGrading grading;
  private final DailyCaps caps;
  private final ApprovedDays approved;
  private final CorrectedSessions sessions;

  private HubApi(Reports reports, HoursCalculator hours, ZoneId zone, EvidenceRules rules,
      ApprovedDays approved, Supplier<Map<String, Object>> ingestHealth, CorrectedSessions sessions) {
    this.reports = reports;
    this.hours = hours;
    this.zone = zone;
    this.ingestHealth = ingestHealth;
    this.grading = new EvidenceGrading(rules.grading());
    this.caps = rules.caps();
    this.approved = approved;
    this.sessions = sessions;
  }

  /** The app with the default evidence rules and daily caps, no approvals. */
  public static Javalin create(Reports reports, HoursCalculator hours, ZoneId zone,
      Supplier<Map<String, Object>> ingestHealth) {
    return create(reports, hours, zone, EvidenceRules.defaults(), ApprovedDays.NONE, ingestHealth);
  }

  /** Like the above, sessions and hours read with the approved corrections of {@code sessions}. */
  public static Javalin create(Reports reports, HoursCalculator hours, ZoneId zone,
      Supplier<Map<String, Object>> ingestHealth, CorrectedSessions sessions) {
    return create(reports, hours, zone, EvidenceRules.defaults(), ApprovedDays.NONE, ingestHealth, sessions);
  }

  /** The app with {@code rules} and {@code approved} days, without corrections. */
  public static Javalin create(Reports reports, HoursCalculator hours, ZoneId zone, EvidenceRules rules,
      ApprovedDays approved, Supplier<Map<String, Object>> ingestHealth) {
    return create(reports, hours, zone, rules, approved, ingestHealth, new CorrectedSessions(
        query -> reports.sessions(query).stream().map(hours::asOfNow).toList(), null, hours.maxSession()));
  }

  /**
   * The Javalin app with every route, not yet started.
   *
   * @param rules grading thresholds and daily caps (hub configuration)
   * @param approved approvals of days over a daily cap
   * @param ingestHealth broker mode, URL and ingest counters for {@code /health}
   */
  public static Javalin create(Reports reports, HoursCalculator hours, ZoneId zone, EvidenceRules rules,
      ApprovedDays approved, Supplier<Map<String, Object>> ingestHealth, CorrectedSessions sessions) {
    HubApi api = new HubApi(reports, hours, zone, rules, approved, ingestHealth, sessions);
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    api.routing(app);
    return app;
  }

  private void routing(Javalin app) {
    app.get("/", ctx -> {
      if (ctx.attribute(Access.PRINCIPAL) != null) {
        ctx.redirect("/ui/live");
      } else {
        ctx.html(IndexPage.HTML);
      }
    });
    app.get("/health", this::health);
    app.get("/api/volunteers/{volunteerId}/hours", this::volunteerHours);
    app.get("/api/sessions", this::sessions);
    app.get("/api/stations", ctx -> ctx.json(Views.stations(reports.terminals().stream()
        .filter(t -> visible(ctx, t.terminal().stationId())).toList(), reports.chains())));
    app.get("/api/dead-letters", ctx -> ctx.json(reports.deadLetters(
        Params.limit(ctx, DEFAULT_DEAD_LETTERS, MAX_DEAD_LETTERS)).stream()
        .map(Views::deadLetter).toList()));
    app.exception(BadRequest.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST)
        .json(Map.of("error", e.getMessage(), "parameter", e.parameter())));
  }

  private void volunteerHours(Context ctx) {
    VolunteerId volunteer = Params.path(ctx, "volunteerId", VolunteerId::of);
    LocalDate from = Params.date(ctx, "from");
    LocalDate to = Params.date(ctx, "to");
    Params.checkRange(from, to);
    List<CorrectedSession> corrected = this.sessions.corrected(new SessionQuery(volunteer, null, null, null))
        .stream().filter(c -> visible(ctx, c.session().stationId())).toList();
    List<Session> sessions = corrected.stream().map(CorrectedSession::session).toList();
    CapAssessment assessed = caps.assess(sessions, zone, approved);
    Map<Session, GradedSession> graded = new IdentityHashMap<>();
    grade(sessions, assessed).forEach(g -> graded.put(g.session(), g));
    Map<Session, Long> correctionIds = correctionIds(corrected);
    ctx.json(Views.hours(VolunteerHours.of(volunteer, sessions, from, to, zone, assessed), graded::get,
        correctionIds::get));
  }

  private void sessions(Context ctx) {
    VolunteerId volunteer = Params.query(ctx, "volunteerId", VolunteerId::of);
    StationId station = Params.query(ctx, "stationId", StationId::of);
    LocalDate from = Params.date(ctx, "from");
    LocalDate to = Params.date(ctx, "to");
    Params.checkRange(from, to);
    if (station != null && !visible(ctx, station)) {
      Access.requireStation(ctx, station);
    }
    SessionQuery query = new SessionQuery(volunteer, station,
        from == null ? null : from.atStartOfDay(zone).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    List<CorrectedSession> corrected = this.sessions.corrected(query).stream()
        .filter(c -> visible(ctx, c.session().stationId())).toList();
    List<Session> sessions = corrected.stream().map(CorrectedSession::session).toList();
    Map<Session, Long> correctionIds = correctionIds(corrected);
    CapAssessment assessed = caps.assess(withSameDays(query, sessions), zone, approved);
    ctx.json(grade(sessions, assessed).stream()
        .map(g -> Views.session(g, correctionIds.get(g.session()))).toList());
  }

  private static Map<Session, Long> correctionIds(List<CorrectedSession> corrected) {
    Map<Session, Long> ids = new IdentityHashMap<>();
    corrected.forEach(c -> ids.put(c.session(), c.correctionId()));
    return ids;
  }

  /**
   * {@code listed} plus the volunteers' other sessions that share a calendar day with them (other
   * stations, the day before {@code from} or after {@code to}), which a day's cap counts too.
   */
  private List<Session> withSameDays(SessionQuery query, List<Session> listed) {
    if (query.stationId() == null && query.from() == null && query.to() == null) {
      return listed;
    }
    Duration margin = hours.maxSession().compareTo(Duration.ofDays(1)) > 0
        ? hours.maxSession() : Duration.ofDays(1);
    SessionQuery days = new SessionQuery(query.volunteerId(), null,
        query.from() == null ? null : query.from().minus(margin),
        query.to() == null ? null : query.to().plus(Duration.ofDays(1)));
    Set<Session> seen = new HashSet<>(listed);
    List<Session> all = new ArrayList<>(listed);
    this.sessions.sessions(days).stream().filter(s -> !seen.contains(s)).forEach(all::add);
    return all;
  }

  /**
   * Whether the requester may see {@code station}'s data: a station manager only their own. With
   * no principal the guard is not installed (this API tested on its own), so nothing is hidden.
   */
  private static boolean visible(Context ctx, StationId station) {
    Principal principal = ctx.attribute(Access.PRINCIPAL);
    return principal == null || principal.canSee(station);
  }

  /** Grades sessions from the evidence of their stored events and the daily caps (docs/hours-rules.md). */
  private List<GradedSession> grade(List<Session> sessions, CapAssessment assessed) {
    List<UUID> ids = new ArrayList<>();
    for (Session s : sessions) {
      ids.add(s.checkInEventId());
      ids.add(s.checkOutEventId());
    }
    ids.removeIf(Objects::isNull);
    Map<UUID, EndEvidence> evidence = reports.evidence(ids);
    return sessions.stream().map(s -> grading.grade(s, evidenceOf(evidence, s.checkInEventId()),
        evidenceOf(evidence, s.checkOutEventId()), assessed.of(s))).toList();
  }

  private static EndEvidence evidenceOf(Map<UUID, EndEvidence> evidence, UUID eventId) {
    return eventId == null ? null : evidence.get(eventId);
  }

  private void health(Context ctx) {
    boolean dbOk = reports.databaseHealthy();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", dbOk ? "UP" : "DOWN");
    if (Access.anonymous(ctx)) {
      // Without sign-in, only whether the hub is up: counts and broker address are for staff.
      ctx.status(dbOk ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
      return;
    }
    body.put("database", dbOk ? "ok" : "failing");
    body.putAll(ingestHealth.get());
    if (dbOk) {
      body.put("counts", reports.counts());
    }
    ctx.status(dbOk ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }
}
