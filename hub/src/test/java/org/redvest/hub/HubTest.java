package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Topics;

/** The hub end to end: embedded broker on port 0, SQLite under a temp dir, Paho as terminal. */
class HubTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  private Hub hub;
  private PahoTerminal kiosk;
  private HubHttp http;

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
  void start_portZero_reportsRealBoundPorts() {
    assertThat(hub.httpPort()).isPositive();
    assertThat(hub.mqttPort()).isPositive();
    assertThat(hub.mqttUrl()).isEqualTo("tcp://127.0.0.1:" + hub.mqttPort());
    assertThat(http.json("/health").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void ingest_sameEventTwice_storedOnceAndAcked() throws Exception {
    AttendanceEvent e = kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:59:00+08:00");
    kiosk.publish(e);
    kiosk.publish(e);

    await().atMost(WAIT).until(() -> hub.ingestStats().duplicates() == 1);
    assertThat(http.eventCount()).isEqualTo(1);
    await().atMost(WAIT).until(() -> Long.valueOf(1).equals(kiosk.lastAck()));
  }

  @Test
  void ingest_malformedThenValid_deadLettersFirstAndCountsSecond() throws Exception {
    kiosk.publishRaw(Topics.defaults().events(kiosk.station, kiosk.terminal), "{\"v\":1,}");
    kiosk.publish(kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:59:00+08:00"));

    await().atMost(WAIT).until(() -> http.eventCount() == 1);
    JsonNode letters = http.json("/api/dead-letters");
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).path("reason").asText()).contains("not valid JSON");
    assertThat(letters.get(0).path("payload").asText()).startsWith("{\"v\":1,,\"sig\":\"");
    assertThat(letters.get(0).path("topic").asText()).endsWith("/kiosk-1/events");
  }

  @Test
  void ingest_unknownEnum_deadLetteredNamingField() throws Exception {
    String body = new String(org.redvest.protocol.WireCodec.encodeEvent(
        kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:59:00+08:00")),
        java.nio.charset.StandardCharsets.UTF_8).replace("CHECK_IN", "CHECK_SIDEWAYS");
    kiosk.publishRaw(Topics.defaults().events(kiosk.station, kiosk.terminal), body);

    await().atMost(WAIT).until(() -> http.deadLetterCount() == 1);
    assertThat(http.json("/api/dead-letters").get(0).path("reason").asText())
        .startsWith("kind: must be one of CHECK_IN, CHECK_OUT");
  }

  @Test
  void ingest_bodyClaimsOtherStation_deadLetteredAndNotCounted() throws Exception {
    AttendanceEvent forged = AttendanceEvent.of(java.util.UUID.randomUUID(),
        org.redvest.protocol.StationId.of("JX-RJ-9999"), kiosk.terminal, 1,
        org.redvest.protocol.VolunteerId.of("V-1"), EventKind.CHECK_IN,
        org.redvest.protocol.CheckInMethod.QR,
        java.time.OffsetDateTime.parse("2026-11-23T08:59:00+08:00"));
    kiosk.publishRaw(Topics.defaults().events(kiosk.station, kiosk.terminal),
        org.redvest.protocol.WireCodec.encodeEvent(forged));

    await().atMost(WAIT).until(() -> http.deadLetterCount() == 1);
    assertThat(http.json("/api/dead-letters").get(0).path("reason").asText())
        .isEqualTo("stationId: body stationId JX-RJ-9999 does not match topic station JX-RJ-0001");
    assertThat(http.eventCount()).isZero();
  }

  @Test
  void ack_gapInSequence_holdsBackUntilFilled() throws Exception {
    kiosk.publish(kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));
    kiosk.publish(kiosk.event(3, "V-2", EventKind.CHECK_IN, "2026-11-23T08:02:00+08:00"));
    await().atMost(WAIT).until(() -> http.eventCount() == 2);
    await().atMost(WAIT).until(() -> Long.valueOf(1).equals(kiosk.lastAck()));

    kiosk.publish(kiosk.event(2, "V-3", EventKind.CHECK_IN, "2026-11-23T08:01:00+08:00"));

    await().atMost(WAIT).until(() -> Long.valueOf(3).equals(kiosk.lastAck()));
  }

  @Test
  void ack_isRetained_seenByTerminalSubscribingLater() throws Exception {
    kiosk.publish(kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));
    await().atMost(WAIT).until(() -> Long.valueOf(1).equals(kiosk.lastAck()));

    try (PahoTerminal rebooted =
        new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1")) {
      await().atMost(WAIT).until(() -> Long.valueOf(1).equals(rebooted.lastAck()));
    }
  }

  @Test
  void ingest_sameSeqDifferentEventId_deadLetteredAsConflict() throws Exception {
    kiosk.publish(kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));
    kiosk.publish(kiosk.event(1, "V-2", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));

    await().atMost(WAIT).until(() -> http.deadLetterCount() == 1);
    assertThat(http.json("/api/dead-letters").get(0).path("reason").asText())
        .contains("already stored with a different eventId");
    assertThat(http.eventCount()).isEqualTo(1);
  }

  @Test
  void ingest_statusAndHeartbeat_shownInStations() throws Exception {
    kiosk.publishRaw(Topics.defaults().status(kiosk.station, kiosk.terminal),
        "{\"state\":\"online\",\"at\":\"2026-11-23T08:00:00.000+08:00\"}");
    kiosk.publishRaw(Topics.defaults().heartbeat(kiosk.station, kiosk.terminal),
        "{\"at\":\"2026-11-23T09:00:30.000+08:00\",\"fps\":14.8,\"queueDepth\":3,"
            + "\"cameraState\":\"ok\"}");

    await().atMost(WAIT).until(() ->
        http.json("/api/stations").path(0).path("terminals").path(0).has("queueDepth")
            && http.json("/api/stations").path(0).path("terminals").path(0)
                .path("queueDepth").asLong() == 3);
    JsonNode terminal = http.json("/api/stations").get(0).path("terminals").get(0);
    assertThat(terminal.path("state").asText()).isEqualTo("online");
    assertThat(terminal.path("cameraState").asText()).isEqualTo("ok");
  }

  @Test
  void hours_checkInAndOut_sessionMaterialisedAndServed() throws Exception {
    kiosk.publish(kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:59:00+08:00"));
    kiosk.publish(kiosk.event(2, "V-1", EventKind.CHECK_OUT, "2026-11-23T12:00:00+08:00"));

    await().atMost(WAIT).until(() ->
        http.json("/api/volunteers/V-1/hours").path("totalMinutes").asLong() == 181);
    JsonNode hours = http.json("/api/volunteers/V-1/hours?from=2026-11-23&to=2026-11-23");
    assertThat(hours.path("days").get(0).path("date").asText()).isEqualTo("2026-11-23");
    assertThat(hours.path("sessions").get(0).path("status").asText()).isEqualTo("CLOSED");
    assertThat(http.json("/api/sessions?stationId=JX-RJ-0001")).hasSize(1);
  }

  @Test
  void restart_sameDataDir_keepsEventsAndHours() throws Exception {
    kiosk.publish(kiosk.event(1, "V-1", EventKind.CHECK_IN, "2026-11-23T08:00:00+08:00"));
    kiosk.publish(kiosk.event(2, "V-1", EventKind.CHECK_OUT, "2026-11-23T09:00:00+08:00"));
    await().atMost(WAIT).until(() -> http.json("/api/sessions").size() == 1);
    kiosk.close();
    hub.close();

    hub = Hub.start(HubConfig.local(dataDir));
    http = HubHttp.api(hub);
    kiosk = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1");

    assertThat(http.eventCount()).isEqualTo(2);
    assertThat(http.json("/api/volunteers/V-1/hours").path("totalMinutes").asLong()).isEqualTo(60);
    await().atMost(WAIT).until(() -> Long.valueOf(2).equals(kiosk.lastAck()));
  }

  @Test
  void close_calledTwice_isHarmless() {
    hub.close();
    hub.close();
  }
}
