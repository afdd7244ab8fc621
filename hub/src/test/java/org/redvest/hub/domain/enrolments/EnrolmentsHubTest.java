package org.redvest.hub.domain.enrolments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.FleetLogins;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.HubHttp;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.MqttClients;

/** Face enrolment records on a real hub: embedded broker, Paho as the terminal, HTTP on port 0. */
class EnrolmentsHubTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Topics TOPICS = Topics.defaults();
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  private static final VolunteerId VOLUNTEER = VolunteerId.of("V-360781-000123");

  @TempDir Path dir;
  private Hub hub;
  private MqttClient terminal;
  private final List<Long> acks = new CopyOnWriteArrayList<>();
  private HubHttp http;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dir));
    http = HubHttp.api(hub);
    terminal = connect(KIOSK, client -> client.subscribe(TOPICS.enrolmentAck(STATION, KIOSK), 1,
        (t, m) -> acks.add(WireCodec.decodeAck(m.getPayload()).committedSeq())));
  }

  /** What to do with a client once it is connected (its subscriptions). */
  private interface Then {
    void accept(MqttClient client) throws org.eclipse.paho.client.mqttv3.MqttException;
  }

  private MqttClient connect(TerminalId kiosk, Then then) throws Exception {
    Provisioning login = FleetLogins.of(hub, STATION.value(), kiosk.value());
    MqttClient client = new MqttClient(hub.mqttUrl(),
        login.account().clientId(TerminalAccount.Link.ENROLMENTS), new MemoryPersistence());
    MqttClients.connect(client, FleetLogins.options(login), () -> then.accept(client));
    return client;
  }

  @AfterEach
  void stop() throws Exception {
    terminal.disconnect();
    terminal.close();
    hub.close();
  }

  @Test
  void record_publishedTwice_storedOnceAndAcknowledgedBothTimes() throws Exception {
    EnrolmentRecord enrolled = record(1, EnrolmentRecord.State.ENROLLED, "2026-11-23T09:00:00+08:00");

    publish(WireCodec.encodeEnrolment(enrolled));
    await().atMost(WAIT).until(() -> acks.equals(List.of(1L)));
    publish(WireCodec.encodeEnrolment(enrolled));
    await().atMost(WAIT).until(() -> acks.equals(List.of(1L, 1L)));

    JsonNode list = get("/api/enrolments?stationId=" + STATION);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("volunteerId").asText()).isEqualTo(VOLUNTEER.value());
    assertThat(list.get(0).get("state").asText()).isEqualTo("ENROLLED");
    assertThat(list.get(0).get("consentId").asText()).isEqualTo("consent-1");
    assertThat(list.get(0).get("consentVersion").asText()).isEqualTo("face-consent-2026-01");
    assertThat(list.get(0).get("at").asText()).isEqualTo("2026-11-23T09:00:00.000+08:00");
    assertThat(get("/api/dead-letters")).as("event ingest leaves enrolment topics alone").isEmpty();
  }

  @Test
  void record_sameSeqWithOtherContent_deadLetteredWithReasonAndFirstKept() throws Exception {
    publish(WireCodec.encodeEnrolment(record(1, EnrolmentRecord.State.ENROLLED, "2026-11-23T09:00:00+08:00")));
    await().atMost(WAIT).until(() -> acks.equals(List.of(1L)));

    publish(WireCodec.encodeEnrolment(record(1, EnrolmentRecord.State.WITHDRAWN, "2026-11-23T10:00:00+08:00")));

    await().atMost(WAIT).until(() -> get("/api/dead-letters").size() == 1);
    JsonNode letter = get("/api/dead-letters").get(0);
    assertThat(letter.get("topic").asText()).isEqualTo(TOPICS.enrolments(STATION, KIOSK));
    assertThat(letter.get("reason").asText()).contains("enrolmentSeq 1", "already stored with state ENROLLED");
    assertThat(get("/api/enrolments").get(0).get("state").asText()).isEqualTo("ENROLLED");
    await().atMost(WAIT).until(() -> acks.equals(List.of(1L, 1L)));
  }

  @Test
  void records_outOfOrder_ackIsContiguousAndLatestStateWins() throws Exception {
    publish(WireCodec.encodeEnrolment(record(2, EnrolmentRecord.State.WITHDRAWN, "2026-11-23T10:00:00+08:00")));
    await().atMost(WAIT).until(() -> acks.equals(List.of(0L)));

    publish(WireCodec.encodeEnrolment(record(1, EnrolmentRecord.State.ENROLLED, "2026-11-23T09:00:00+08:00")));

    await().atMost(WAIT).until(() -> acks.equals(List.of(0L, 2L)));
    JsonNode list = get("/api/enrolments?stationId=" + STATION);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("state").asText()).isEqualTo("WITHDRAWN");
    assertThat(list.get(0).get("enrolmentSeq").asLong()).isEqualTo(2);
    assertThat(get("/api/enrolments?stationId=JX-RJ-0002")).isEmpty();
  }

  @Test
  void record_malformedOrForAnotherTerminal_deadLetteredAndNotAcknowledged() throws Exception {
    publish("{\"v\":1,\"stationId\":\"JX-RJ-0001\"}".getBytes(StandardCharsets.UTF_8));
    // kiosk-2, logged in as itself, sends a body that claims to be kiosk-1's.
    MqttClient other = connect(TerminalId.of("kiosk-2"), client -> { });
    other.publish(TOPICS.enrolments(STATION, TerminalId.of("kiosk-2")),
        FleetLogins.sign(FleetLogins.of(hub, STATION.value(), "kiosk-2"),
            WireCodec.encodeEnrolment(record(1, EnrolmentRecord.State.ENROLLED, "2026-11-23T09:00:00+08:00"))), 1, false);
    other.disconnect();
    other.close();

    await().atMost(WAIT).until(() -> get("/api/dead-letters").size() == 2);
    assertThat(get("/api/dead-letters").findValuesAsText("reason"))
        .anySatisfy(r -> assertThat(r).contains("terminalId"))
        .anySatisfy(r -> assertThat(r).contains("body terminalId kiosk-1 does not match topic terminal kiosk-2"));
    assertThat(get("/api/enrolments")).isEmpty();
    assertThat(acks).isEmpty();
  }

  @Test
  void list_badStationId_answers400NamingIt() throws Exception {
    HubHttp.Reply response = http.get("/api/enrolments?stationId=bad%20id");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("parameter").asText()).isEqualTo("stationId");
  }

  private static EnrolmentRecord record(long seq, EnrolmentRecord.State state, String at) {
    return new EnrolmentRecord(1, STATION, KIOSK, seq, VOLUNTEER, "consent-1", "face-consent-2026-01", state,
        OffsetDateTime.parse(at));
  }

  private void publish(byte[] payload) throws Exception {
    terminal.publish(TOPICS.enrolments(STATION, KIOSK),
        FleetLogins.sign(FleetLogins.of(hub, STATION.value(), KIOSK.value()), payload), 1, false);
  }

  private JsonNode get(String path) {
    HubHttp.Reply response = http.get(path);
    assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
    return response.json();
  }
}
