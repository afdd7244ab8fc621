package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.hours.DailyCaps;
import org.redvest.hub.hours.EvidenceRules;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/**
 * Evidence measured at receipt, clock skew, corrections and daily caps on a real hub (embedded
 * broker, SQLite, HTTP on port 0) fed by Paho as a terminal; read back over HTTP.
 */
class EvidenceHubTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final Duration BEHIND = Duration.ofHours(-3);

  @TempDir Path dataDir;
  private Hub hub;
  private PahoTerminal kiosk;
  private HubHttp http;
  private long seq;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dataDir));
    kiosk = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1");
    http = HubHttp.api(hub);
  }

  @AfterEach
  void stop() throws Exception {
    kiosk.close();
    hub.close();
  }

  @Test
  void sessions_heartbeatShowsClockThreeHoursBehind_flaggedClockSkewNotBackDated() throws Exception {
    OffsetDateTime terminalNow = OffsetDateTime.now(CST).plus(BEHIND);
    heartbeat(kiosk, terminalNow);
    publish(kiosk, "V-1", EventKind.CHECK_IN, terminalNow.minusMinutes(1), signed(false));
    publish(kiosk, "V-1", EventKind.CHECK_OUT, terminalNow, signed(false));
    publish(kiosk, "V-2", EventKind.CHECK_IN, terminalNow.minusHours(2), signed(true));
    publish(kiosk, "V-2", EventKind.CHECK_OUT, terminalNow.minusHours(1), signed(true));

    JsonNode online = awaitSession("V-1");
    JsonNode in = online.get("evidence").get("checkIn");
    assertThat(in.get("offsetSource").asText()).isEqualTo("HEARTBEAT");
    assertThat(in.get("clockOffsetS").asLong()).isBetween(-3 * 3600L - 30, -3 * 3600L + 1);
    assertThat(in.get("delayS").asLong()).isBetween(55L, 90L);
    assertThat(in.get("receivedAt").asText()).isNotEmpty();
    assertThat(texts(online.get("flags"))).contains("CLOCK_SKEW");
    assertThat(texts(online.get("reviewReasons"))).contains("CLOCK_SKEW").doesNotContain("BACK_DATED");

    JsonNode offline = awaitSession("V-2");
    assertThat(offline.get("minutes").asLong()).isEqualTo(60);
    assertThat(texts(offline.get("flags"))).as("a clock behind no longer passes for an offline terminal")
        .contains("CLOCK_SKEW");
    assertThat(texts(offline.get("reviewReasons"))).doesNotContain("BACK_DATED");

    JsonNode anomalies = http.json("/api/anomalies");
    assertThat(details(anomalies, "CLOCK_SKEW")).singleElement().asString()
        .contains("JX-RJ-0001/kiosk-1").contains("3 h 0 min behind");
    assertThat(details(anomalies, "BACK_DATED")).isEmpty();
  }

  @Test
  void receipt_offlineEventsBeforeFirstHeartbeat_completedWhenHeartbeatArrives() throws Exception {
    OffsetDateTime terminalNow = OffsetDateTime.now(CST).plus(BEHIND);
    publish(kiosk, "V-3", EventKind.CHECK_IN, terminalNow.minusHours(2), signed(true));
    publish(kiosk, "V-3", EventKind.CHECK_OUT, terminalNow.minusHours(1), signed(true));
    JsonNode before = awaitSession("V-3");
    assertThat(before.get("evidence").get("checkIn").get("clockOffsetS").isNull()).isTrue();
    assertThat(texts(before.get("flags"))).isEmpty();

    heartbeat(kiosk, OffsetDateTime.now(CST).plus(BEHIND));

    await().atMost(WAIT).until(() -> texts(session("V-3").get("flags")).contains("CLOCK_SKEW"));
    assertThat(session("V-3").get("evidence").get("checkOut").get("offsetSource").asText()).isEqualTo("HEARTBEAT");
  }

  @Test
  void sessions_correctClockButEventDatedHoursBack_backDatedNotSkew() throws Exception {
    OffsetDateTime now = OffsetDateTime.now(CST);
    heartbeat(kiosk, now);
    publish(kiosk, "V-4", EventKind.CHECK_IN, now.minusHours(3), signed(false));
    publish(kiosk, "V-4", EventKind.CHECK_OUT, now, signed(false));

    JsonNode s = awaitSession("V-4");
    assertThat(texts(s.get("reviewReasons"))).contains("BACK_DATED").doesNotContain("CLOCK_SKEW");
    assertThat(s.get("evidence").get("checkIn").get("delayS").asLong()).isGreaterThan(3 * 3600L - 60);
    assertThat(details(http.json("/api/anomalies"), "BACK_DATED")).singleElement().asString()
        .contains("late allowing for the terminal's clock offset");
  }

  @Test
  void sessions_correctionCheckOutHoursLate_attestedNamingBasisNotBackDated() throws Exception {
    OffsetDateTime now = OffsetDateTime.now(CST);
    heartbeat(kiosk, now);
    publish(kiosk, "V-6", EventKind.CHECK_IN, now.minusHours(5), signed(true));
    publish(kiosk, "V-6", EventKind.CHECK_OUT, now.minusHours(1), signed(false).withCorrection("LAST_SIGHTING"));

    JsonNode s = awaitSession("V-6");
    assertThat(s.get("grade").asText()).isEqualTo("ATTESTED");
    assertThat(texts(s.get("attestations"))).containsExactly("CORRECTION_LAST_SIGHTING");
    assertThat(texts(s.get("reviewReasons"))).isEmpty();
    assertThat(s.get("evidence").get("checkOut").get("correction").asText()).isEqualTo("LAST_SIGHTING");
    assertThat(details(http.json("/api/anomalies"), "BACK_DATED")).isEmpty();
  }

  @Test
  void hours_dayOverEightHoursAcrossStations_firstEightCountRestPendingEverywhere() throws Exception {
    try (PahoTerminal other = new PahoTerminal(hub, "JX-RJ-0002", "kiosk-2")) {
      publish(kiosk, "V-5", EventKind.CHECK_IN, at("2026-11-23T07:00:00"), signed(true));
      publish(kiosk, "V-5", EventKind.CHECK_OUT, at("2026-11-23T12:00:00"), signed(true));
      long otherSeq = 0;
      other.publish(event(other, ++otherSeq, "V-5", EventKind.CHECK_IN, at("2026-11-23T13:00:00"), signed(true)));
      other.publish(event(other, ++otherSeq, "V-5", EventKind.CHECK_OUT, at("2026-11-23T16:01:00"), signed(true)));

      await().atMost(WAIT).until(() -> http.json("/api/sessions?volunteerId=V-5").size() == 2);
    }
    JsonNode hours = http.json("/api/volunteers/V-5/hours");
    assertThat(hours.get("totalMinutes").asLong()).isEqualTo(480);
    assertThat(hours.get("pendingMinutes").asLong()).isEqualTo(1);
    JsonNode day = hours.get("overCapDays").get(0);
    assertThat(day.get("date").asText()).isEqualTo("2026-11-23");
    assertThat(day.get("minutes").asLong()).isEqualTo(481);
    assertThat(day.get("capTier").asText()).isEqualTo("8h");
    assertThat(day.get("requiredApproval").asText()).isEqualTo("ORGANISATION");

    JsonNode atB = http.json("/api/sessions?stationId=JX-RJ-0002");
    assertThat(atB).hasSize(1);
    assertThat(atB.get(0).get("minutes").asLong()).isEqualTo(181);
    assertThat(atB.get(0).get("countedMinutes").asLong()).isEqualTo(180);
    assertThat(atB.get(0).get("pendingMinutes").asLong()).isEqualTo(1);
    assertThat(atB.get(0).get("requiredApproval").asText()).isEqualTo("ORGANISATION");
    assertThat(texts(atB.get(0).get("flags"))).contains("OVER_DAILY_CAP");
    assertThat(texts(atB.get(0).get("reviewReasons"))).contains("OVER_DAILY_CAP");
    long counted = 0;
    for (JsonNode s : http.json("/api/sessions?from=2026-11-23&to=2026-11-23")) {
      counted += s.get("countedMinutes").asLong();
    }
    assertThat(counted).isEqualTo(480);
    assertThat(details(http.json("/api/anomalies"), "OVER_DAILY_CAP")).singleElement().asString()
        .contains("481 min on 2026-11-23").contains("1 min pending organisation approval");
  }

  @Test
  void config_capsAndClockTolerance_appliedByApiAndFlags() throws Exception {
    HubConfig config = HubConfig.local(dataDir.resolve("configured"))
        .withEvidence(EvidenceRules.defaults().withCaps(DailyCaps.parse("4h:ORGANISATION"))
            .withClockTolerance(Duration.ofHours(1)));
    try (Hub configured = Hub.start(config);
        PahoTerminal terminal = new PahoTerminal(configured, "JX-RJ-0001", "kiosk-9")) {
      HubHttp api = HubHttp.api(configured);
      OffsetDateTime terminalNow = OffsetDateTime.now(CST).minusMinutes(30);
      heartbeat(terminal, terminalNow);
      // five hours within one calendar day (yesterday morning by the terminal's clock), whatever
      // the time the test runs: across midnight neither day would be over the 4 h cap
      OffsetDateTime start = terminalNow.minusDays(1).withHour(8).withMinute(0);
      terminal.publish(event(terminal, 1, "V-7", EventKind.CHECK_IN, start, signed(true)));
      terminal.publish(event(terminal, 2, "V-7", EventKind.CHECK_OUT, start.plusHours(5), signed(false)));

      await().atMost(WAIT).until(() -> api.json("/api/sessions?volunteerId=V-7").size() == 1);
      JsonNode s = api.json("/api/sessions?volunteerId=V-7").get(0);
      assertThat(s.get("minutes").asLong()).isEqualTo(300);
      assertThat(s.get("countedMinutes").asLong()).isEqualTo(240);
      assertThat(s.get("requiredApproval").asText()).isEqualTo("ORGANISATION");
      assertThat(s.get("evidence").get("checkOut").get("clockOffsetS").asLong()).isBetween(-1830L, -1790L);
      assertThat(texts(s.get("flags"))).as("30 min behind is within a 1 h tolerance").doesNotContain("CLOCK_SKEW");
      assertThat(api.json("/api/volunteers/V-7/hours").get("totalMinutes").asLong()).isEqualTo(240);
    }
  }

  private void publish(PahoTerminal terminal, String volunteer, EventKind kind, OffsetDateTime at, Evidence evidence)
      throws Exception {
    terminal.publish(event(terminal, ++seq, volunteer, kind, at, evidence));
  }

  private static AttendanceEvent event(PahoTerminal terminal, long terminalSeq, String volunteer, EventKind kind,
      OffsetDateTime at, Evidence evidence) {
    return new AttendanceEvent(1, UUID.randomUUID(), terminal.station, terminal.terminal, terminalSeq,
        VolunteerId.of(volunteer), kind, CheckInMethod.QR, at, null, null, null, null, evidence);
  }

  private static Evidence signed(boolean recordedOffline) {
    return new Evidence("k1", 7L, null, recordedOffline, null);
  }

  private static void heartbeat(PahoTerminal terminal, OffsetDateTime at) throws Exception {
    terminal.publishRaw(Topics.defaults().heartbeat(terminal.station, terminal.terminal),
        "{\"at\":\"" + WireCodec.formatTime(at) + "\",\"fps\":15.0,\"queueDepth\":0,\"cameraState\":\"ok\"}");
  }

  private JsonNode awaitSession(String volunteer) {
    await().atMost(WAIT).until(() -> {
      JsonNode s = http.json("/api/sessions?volunteerId=" + volunteer);
      return s.size() == 1 && "CLOSED".equals(s.get(0).get("status").asText());
    });
    return session(volunteer);
  }

  private JsonNode session(String volunteer) {
    return http.json("/api/sessions?volunteerId=" + volunteer).get(0);
  }

  private static OffsetDateTime at(String localTime) {
    return java.time.LocalDateTime.parse(localTime).atOffset(CST);
  }

  private static List<String> details(JsonNode anomalies, String kind) {
    List<String> details = new ArrayList<>();
    anomalies.forEach(a -> {
      if (a.get("kind").asText().equals(kind)) {
        details.add(a.get("detail").asText());
      }
    });
    return details;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
