package org.redvest.hub.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.EvidenceGrading;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.VolunteerHours;
import org.redvest.hub.store.Reports;
import org.redvest.hub.store.SessionQuery;
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
  private final EvidenceGrading grading = EvidenceGrading.defaults();

  private HubApi(Reports reports, HoursCalculator hours, ZoneId zone,
      Supplier<Map<String, Object>> ingestHealth) {
    this.reports = reports;
    this.hours = hours;
    this.zone = zone;
    this.ingestHealth = ingestHealth;
  }

  /**
   * The Javalin app with every route, not yet started.
   *
   * @param ingestHealth broker mode, URL and ingest counters for {@code /health}
   */
  public static Javalin create(Reports reports, HoursCalculator hours, ZoneId zone,
      Supplier<Map<String, Object>> ingestHealth) {
    HubApi api = new HubApi(reports, hours, zone, ingestHealth);
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    api.routing(app);
    return app;
  }

  private void routing(Javalin app) {
    app.get("/", ctx -> ctx.html(IndexPage.HTML));
    app.get("/health", this::health);
    app.get("/api/volunteers/{volunteerId}/hours", this::volunteerHours);
    app.get("/api/sessions", this::sessions);
    app.get("/api/stations", ctx -> ctx.json(Views.stations(reports.terminals(), reports.chains())));
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
    List<Session> sessions = reports.sessions(new SessionQuery(volunteer, null, null, null))
        .stream().map(hours::asOfNow).toList();
    Map<Session, GradedSession> graded = new IdentityHashMap<>();
    grade(sessions).forEach(g -> graded.put(g.session(), g));
    ctx.json(Views.hours(VolunteerHours.of(volunteer, sessions, from, to, zone), graded::get));
  }

  private void sessions(Context ctx) {
    VolunteerId volunteer = Params.query(ctx, "volunteerId", VolunteerId::of);
    StationId station = Params.query(ctx, "stationId", StationId::of);
    LocalDate from = Params.date(ctx, "from");
    LocalDate to = Params.date(ctx, "to");
    Params.checkRange(from, to);
    SessionQuery query = new SessionQuery(volunteer, station,
        from == null ? null : from.atStartOfDay(zone).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    List<Session> sessions = reports.sessions(query).stream().map(hours::asOfNow).toList();
    ctx.json(grade(sessions).stream().map(Views::session).toList());
  }

  /** Grades sessions from the evidence of their stored events (docs/hours-rules.md). */
  private List<GradedSession> grade(List<Session> sessions) {
    List<UUID> ids = new ArrayList<>();
    for (Session s : sessions) {
      ids.add(s.checkInEventId());
      ids.add(s.checkOutEventId());
    }
    ids.removeIf(Objects::isNull);
    Map<UUID, EndEvidence> evidence = reports.evidence(ids);
    return sessions.stream().map(s -> grading.grade(s, evidenceOf(evidence, s.checkInEventId()),
        evidenceOf(evidence, s.checkOutEventId()))).toList();
  }

  private static EndEvidence evidenceOf(Map<UUID, EndEvidence> evidence, UUID eventId) {
    return eventId == null ? null : evidence.get(eventId);
  }

  private void health(Context ctx) {
    boolean dbOk = reports.databaseHealthy();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", dbOk ? "UP" : "DOWN");
    body.put("database", dbOk ? "ok" : "failing");
    body.putAll(ingestHealth.get());
    if (dbOk) {
      body.put("counts", reports.counts());
    }
    ctx.status(dbOk ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }
}
