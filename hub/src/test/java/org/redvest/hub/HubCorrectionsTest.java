package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.HubHttp.Reply;
import org.redvest.hub.domain.Role;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.StationId;
import org.redvest.protocol.WireCodec;

/**
 * Corrections end to end on a real hub: a check-in over MQTT whose check-out was forgotten (the
 * hub auto-closes it), a SET_END request, four eyes, approval, corrected hours, original event
 * unchanged. Managers are real dashboard accounts signed in through {@code /login}; {@code "api"}
 * stands for the hub's API bearer token (a hub admin), {@code null} for no credentials at all.
 */
class HubCorrectionsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final String PASSWORD = "manager-pass-1";

  @TempDir Path dataDir;
  private Hub hub;
  private PahoTerminal kiosk;
  private final Map<String, HubHttp> sessions = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dataDir));
    hub.users().create("mgr-a", "Manager A", Role.STATION_MANAGER, Set.of(STATION), PASSWORD);
    hub.users().create("mgr-a2", "Manager A2", Role.STATION_MANAGER, Set.of(STATION), PASSWORD);
    hub.users().create("mgr-b", "Manager B", Role.STATION_MANAGER, Set.of(StationId.of("JX-RJ-0002")),
        PASSWORD);
    kiosk = new PahoTerminal(hub, STATION.value(), "kiosk-1");
  }

  @AfterEach
  void stop() throws Exception {
    kiosk.close();
    hub.close();
  }

  @Test
  void forgottenCheckOut_setEndApprovedByOtherManager_hoursCorrectedAndEventUnchanged() throws Exception {
    OffsetDateTime checkIn = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(2)
        .withHour(8).withMinute(59).truncatedTo(ChronoUnit.MINUTES);
    AttendanceEvent in = kiosk.event(1, "V-1", EventKind.CHECK_IN, checkIn.toString());
    kiosk.publish(in);
    await().atMost(WAIT).until(() -> get("/api/sessions?volunteerId=V-1", "api").json().size() == 1);
    JsonNode session = get("/api/sessions?volunteerId=V-1", "api").json().get(0);
    assertThat(session.path("status").asText()).isEqualTo("AUTO_CLOSED");
    assertThat(session.path("corrected").asBoolean()).isFalse();
    String storedBefore = storedPayload(in);

    Reply requested = post("/api/corrections", "mgr-a", Map.of("kind", "SET_END",
        "session", "in:" + in.eventId(), "volunteerId", "V-1",
        "end", checkIn.plusHours(3).plusMinutes(5).toString(), "reason", "forgot to check out; left after lunch"));
    assertThat(requested.status()).isEqualTo(201);
    long id = requested.json().path("id").asLong();
    assertThat(requested.json().path("before").path("status").asText()).isEqualTo("AUTO_CLOSED");

    Reply own = post("/api/corrections/" + id + "/approve", "mgr-a", Map.of());
    assertThat(own.status()).isEqualTo(403);
    assertThat(own.json().path("error").asText()).contains("four eyes");
    assertThat(post("/api/corrections/" + id + "/approve", "mgr-b", Map.of()).status()).isEqualTo(403);
    Reply approved = post("/api/corrections/" + id + "/approve", "mgr-a2", Map.of("reason", "called the volunteer"));
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.json().path("state").asText()).isEqualTo("APPROVED");
    assertThat(post("/api/corrections/" + id + "/reject", "mgr-a2", Map.of("reason", "x")).status()).isEqualTo(409);

    JsonNode hours = get("/api/volunteers/V-1/hours", "api").json();
    assertThat(hours.path("totalMinutes").asLong()).isEqualTo(185);
    JsonNode corrected = hours.path("sessions").get(0);
    assertThat(corrected.path("status").asText()).isEqualTo("CLOSED");
    assertThat(corrected.path("corrected").asBoolean()).isTrue();
    assertThat(corrected.path("correctionId").asLong()).isEqualTo(id);
    // no longer incomplete or flagged; the check-in itself is still a plain badge sent late
    assertThat(corrected.path("reviewReasons")).extracting(JsonNode::asText)
        .containsExactly("PLAIN_BADGE", "BACK_DATED");
    assertThat(corrected.path("checkInEventId").asText()).isEqualTo(in.eventId().toString());

    assertThat(storedPayload(in)).isEqualTo(storedBefore);
    // The event as the terminal signed it: the body, then its signature (docs/protocol.md §16).
    assertThat(org.redvest.protocol.fleet.SignedPayload.split(storedPayload(in).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .orElseThrow().body()).isEqualTo(WireCodec.encodeEvent(in));
    assertThat(count("SELECT COUNT(*) FROM events")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM sessions WHERE status = 'AUTO_CLOSED' AND minutes = 0")).isEqualTo(1);

    assertThat(get("/api/corrections?state=APPROVED&stationId=JX-RJ-0001", "mgr-a").json()).hasSize(1);
    assertThat(get("/api/corrections?state=REQUESTED", "mgr-a").json()).isEmpty();
    assertThat(get("/api/corrections", "mgr-b").json()).isEmpty();
    assertThat(get("/api/corrections?state=DONE", "mgr-a").json().path("parameter").asText()).isEqualTo("state");
    assertThat(get("/api/corrections/" + id, "mgr-a").json().path("audit")).hasSize(2);

    JsonNode trail = get("/api/audit?session=in:" + in.eventId(), "mgr-a").json();
    assertThat(trail.path("original").path("status").asText()).isEqualTo("AUTO_CLOSED");
    assertThat(trail.path("current").path("minutes").asLong()).isEqualTo(185);
    assertThat(trail.path("entries")).extracting(e -> e.path("action").asText())
        .containsExactly("CORRECTION_REQUESTED", "CORRECTION_APPROVED");
  }

  @Test
  void api_withoutPrincipalOrWithBadFields_401And400NamingField() throws Exception {
    assertThat(get("/api/corrections", null).status()).isEqualTo(401);
    Reply bad = post("/api/corrections", "mgr-a", Map.of("kind", "SET_END", "volunteerId", "V-1", "reason", "r"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("parameter").asText()).isEqualTo("session");
    Reply unknown = post("/api/corrections/999/approve", "mgr-a", Map.of());
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void kioskCorrection_checkOutClosedLaterAtTheKiosk_auditTrailSaysCorrectedAtTheKiosk() throws Exception {
    OffsetDateTime checkIn = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
    AttendanceEvent in = kiosk.event(1, "V-2", EventKind.CHECK_IN, checkIn.toString());
    AttendanceEvent out = new AttendanceEvent(AttendanceEvent.VERSION, java.util.UUID.randomUUID(), STATION,
        kiosk.terminal, 2, in.volunteerId(), EventKind.CHECK_OUT, org.redvest.protocol.CheckInMethod.MANUAL,
        checkIn.plusHours(2), null, null, "mgr-a", "forgot to check out yesterday",
        Evidence.NONE.withRecordedOffline(false).withCorrection("ACTIVITY_END"));
    kiosk.publish(in);
    kiosk.publish(out);
    await().atMost(WAIT).until(() -> hub.ingestStats().stored() == 2);

    JsonNode trail = get("/api/audit?session=in:" + in.eventId(), "mgr-a").json();
    assertThat(trail.path("entries")).hasSize(1);
    JsonNode kioskLine = trail.path("entries").get(0);
    assertThat(kioskLine.path("action").asText()).isEqualTo("KIOSK_CORRECTION");
    assertThat(kioskLine.path("actor").asText()).isEqualTo("mgr-a");
    assertThat(kioskLine.path("reason").asText()).contains("ACTIVITY_END").contains("forgot to check out");
    assertThat(get("/api/audit?session=in:" + in.eventId(), "mgr-b").status()).isEqualTo(403);
  }

  @Test
  void reviewApi_scopedToStationAndAcceptedOnce_itemLeavesQueue() throws Exception {
    OffsetDateTime checkIn = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(2).truncatedTo(ChronoUnit.MINUTES);
    AttendanceEvent in = kiosk.event(1, "V-3", EventKind.CHECK_IN, checkIn.toString())
        .withEvidence(Evidence.NONE.withRecordedOffline(true));
    kiosk.publish(in);
    await().atMost(WAIT).until(() -> get("/api/review", "mgr-a").json().size() == 1);
    JsonNode item = get("/api/review", "mgr-a").json().get(0);
    assertThat(item.path("key").asText()).isEqualTo("in:" + in.eventId());
    assertThat(item.path("reasons")).extracting(JsonNode::asText).contains("INCOMPLETE", "PLAIN_BADGE");
    assertThat(get("/api/review", "mgr-b").json()).isEmpty();

    assertThat(post("/api/review/accept", "mgr-b", Map.of("item", "in:" + in.eventId(), "reason", "x")).status())
        .isEqualTo(404);
    assertThat(post("/api/review/accept", "mgr-a", Map.of("item", "in:" + in.eventId())).json()
        .path("parameter").asText()).isEqualTo("reason");
    assertThat(post("/api/review/accept", "mgr-a", Map.of("item", "in:" + in.eventId(),
        "reason", "left early, 0 minutes is right")).status()).isEqualTo(200);
    assertThat(get("/api/review", "mgr-a").json()).isEmpty();
    assertThat(post("/api/review/accept", "mgr-a2", Map.of("item", "in:" + in.eventId(), "reason", "again"))
        .status()).isEqualTo(409);
    assertThat(get("/api/audit?session=in:" + in.eventId(), "mgr-a").json().path("entries").get(0)
        .path("action").asText()).isEqualTo("REVIEW_ACCEPTED");
  }

  @Test
  void reviewApi_anomalyAccepted_leavesQueueAndAuditedByItem() throws Exception {
    OffsetDateTime late = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
    kiosk.publish(kiosk.event(1, "V-4", EventKind.CHECK_OUT, late.toString())); // back-dated, not offline
    await().atMost(WAIT).until(() -> get("/api/review", "mgr-a").json().size() == 2);
    JsonNode anomaly = null;
    for (JsonNode i : get("/api/review", "mgr-a").json()) {
      anomaly = i.path("type").asText().equals("ANOMALY") ? i : anomaly;
    }
    assertThat(anomaly).isNotNull();
    String key = anomaly.path("key").asText();
    assertThat(key).startsWith("anomaly:BACK_DATED:");
    assertThat(post("/api/review/void", "mgr-a", Map.of("item", key, "reason", "x")).status()).isEqualTo(400);

    assertThat(post("/api/review/accept", "mgr-a", Map.of("item", key, "reason", "terminal was offline, logs checked"))
        .status()).isEqualTo(200);
    assertThat(get("/api/review", "mgr-a").json()).extracting(i -> i.path("type").asText()).containsExactly("SESSION");
    JsonNode trail = get("/api/audit?item=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), "mgr-a").json();
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0).path("actor").asText()).isEqualTo("mgr-a");
    assertThat(get("/api/audit?item=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), "mgr-b").json()).isEmpty();
  }

  @Test
  void overCapDay_managerApprovesToTwelveHours_adminApprovesTheRest_hoursFollowAndSurviveRestart()
      throws Exception {
    OffsetDateTime day = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(2).withHour(7).withMinute(0)
        .truncatedTo(ChronoUnit.MINUTES);
    long seq = 1;
    // 6 h + 4 h 30 min = 10 h 30 min: 8 h count now, 2 h 30 min wait for the organisation
    for (long[] span : new long[][] {{0, 360}, {420, 690}}) {
      kiosk.publish(offline(kiosk.event(seq++, "V-5", EventKind.CHECK_IN, day.plusMinutes(span[0]).toString())));
      kiosk.publish(offline(kiosk.event(seq++, "V-5", EventKind.CHECK_OUT, day.plusMinutes(span[1]).toString())));
    }
    await().atMost(WAIT).until(() -> hub.ingestStats().stored() == 4);
    JsonNode hours = get("/api/volunteers/V-5/hours", "api").json();
    assertThat(hours.path("totalMinutes").asLong()).isEqualTo(480);
    assertThat(hours.path("pendingMinutes").asLong()).isEqualTo(150);

    JsonNode item = capItem("mgr-a");
    assertThat(item.path("reasons")).extracting(JsonNode::asText).containsExactly("OVER_DAILY_CAP");
    // accepted "as counted" before approvals existed: that old decision must not hide the day
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
        Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO review_decisions (item_key, decision, decided_by, decided_at, reason)"
          + " VALUES ('" + item.path("key").asText() + "', 'ACCEPTED', 'mgr-a', '2026-11-01T00:00:00.000Z', 'old')");
    }
    assertThat(capItem("mgr-a")).as("still waiting for its approval").isNotNull();
    assertThat(item.path("day").asText()).isEqualTo(day.toLocalDate().toString());
    assertThat(capItem("mgr-b")).as("not mgr-b's station").isNull();
    String key = item.path("key").asText();
    assertThat(post("/api/review/accept", "mgr-a", Map.of("item", key)).json().path("parameter").asText())
        .isEqualTo("reason");
    assertThat(post("/api/review/accept", "mgr-a", Map.of("item", key, "reason", "flood relief, sign-in sheet"))
        .status()).isEqualTo(200);
    hours = get("/api/volunteers/V-5/hours", "api").json();
    assertThat(hours.path("totalMinutes").asLong()).isEqualTo(630);
    assertThat(hours.path("pendingMinutes").asLong()).isZero();
    assertThat(capItem("mgr-a")).as("approved: gone from the queue").isNull();
    assertThat(get("/api/anomalies", "api").json()).extracting(a -> a.path("kind").asText())
        .doesNotContain("OVER_DAILY_CAP", "OVER_HIGHER_CAP");
    JsonNode trail = get("/api/audit?item=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), "mgr-a").json();
    assertThat(trail).extracting(e -> e.path("action").asText()).containsExactly("REVIEW_ACCEPTED");
    assertThat(trail.get(0).path("reason").asText()).isEqualTo("flood relief, sign-in sheet");

    // another 3 h that evening: 13 h 30 min, over the higher cap; the organisation's approval covers 12 h
    kiosk.publish(offline(kiosk.event(seq++, "V-5", EventKind.CHECK_IN, day.plusMinutes(720).toString())));
    kiosk.publish(offline(kiosk.event(seq, "V-5", EventKind.CHECK_OUT, day.plusMinutes(900).toString())));
    await().atMost(WAIT).until(() -> hub.ingestStats().stored() == 6);
    assertThat(get("/api/volunteers/V-5/hours", "api").json().path("totalMinutes").asLong()).isEqualTo(720);
    JsonNode higher = capItem("mgr-a");
    assertThat(higher.path("reasons")).extracting(JsonNode::asText).containsExactly("OVER_HIGHER_CAP");
    Reply refused = post("/api/review/accept", "mgr-a", Map.of("item", higher.path("key").asText(), "reason", "x"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("error").asText()).contains("hub admin");
    assertThat(post("/api/review/accept", "api", Map.of("item", higher.path("key").asText(),
        "reason", "county flood emergency, confirmed with the organisation")).status()).isEqualTo(200);
    assertThat(get("/api/volunteers/V-5/hours", "api").json().path("totalMinutes").asLong()).isEqualTo(810);

    kiosk.close();
    hub.close();
    hub = Hub.start(HubConfig.local(dataDir));
    kiosk = new PahoTerminal(hub, STATION.value(), "kiosk-1");
    sessions.clear();
    assertThat(get("/api/volunteers/V-5/hours", "api").json().path("totalMinutes").asLong())
        .as("approvals are stored, not only remembered").isEqualTo(810);
    assertThat(capItem("api")).isNull();
  }

  @Test
  void anomalies_limitPerKindCountsOnlyUndecided_decidedOnesNeverCrowdOutNewOnes() throws Exception {
    OffsetDateTime late = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
    kiosk.publish(kiosk.event(1, "V-6", EventKind.CHECK_OUT, late.toString()));
    kiosk.publish(kiosk.event(2, "V-7", EventKind.CHECK_OUT, late.plusMinutes(5).toString()));
    await().atMost(WAIT).until(() -> hub.ingestStats().stored() == 2);
    try (org.redvest.hub.store.Database db = org.redvest.hub.store.Database.open(dataDir.resolve("hub.db"))) {
      var rows = new org.redvest.hub.store.AnomalyRows(db);
      var rules = org.redvest.hub.store.AnomalyRows.Rules.defaults();
      assertThat(rows.find(rules, 1)).extracting(a -> a.volunteerId()).containsExactly("V-6");
      assertThat(rows.find(rules, 1, a -> "V-6".equals(a.volunteerId())))
          .as("the decided first one does not use up the limit").extracting(a -> a.volunteerId())
          .containsExactly("V-7");
    }
  }

  /** The first day-over-a-cap item in {@code user}'s review queue, or null. */
  private JsonNode capItem(String user) {
    for (JsonNode i : get("/api/review", user).json()) {
      if (i.path("reasons").toString().contains("_CAP")) {
        return i;
      }
    }
    return null;
  }

  private static AttendanceEvent offline(AttendanceEvent e) {
    return e.withEvidence(Evidence.NONE.withRecordedOffline(true));
  }

  private Reply get(String path, String user) {
    return as(user).get(path);
  }

  private Reply post(String path, String user, Map<String, String> body) throws JsonProcessingException {
    return as(user).postJson(path, JSON.writeValueAsString(body));
  }

  /** {@code user}'s client: no credentials, the API token, or a session from signing in. */
  private HubHttp as(String user) {
    if (user == null) {
      return HubHttp.of(hub);
    }
    if (user.equals("api")) {
      return HubHttp.api(hub);
    }
    return sessions.computeIfAbsent(user, u -> HubHttp.of(hub).signIn(u, PASSWORD));
  }

  private String storedPayload(AttendanceEvent e) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT payload FROM events WHERE event_id = '" + e.eventId() + "'")) {
      assertThat(rs.next()).isTrue();
      return new String(rs.getString(1).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
