package org.redvest.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecTest {

  @ParameterizedTest
  @ValueSource(strings = {"event-check-in.json", "event-manual-check-out.json"})
  void event_goldenFixture_roundTripsByteForByte(String fixture) throws IOException {
    String golden = fixture(fixture);

    AttendanceEvent event = WireCodec.decodeEvent(golden.getBytes(StandardCharsets.UTF_8));

    assertThat(new String(WireCodec.encodeEvent(event), StandardCharsets.UTF_8)).isEqualTo(golden);
  }

  @Test
  void event_goldenCheckIn_decodesEveryField() throws IOException {
    AttendanceEvent e = WireCodec.decodeEvent(fixture("event-check-in.json").getBytes(StandardCharsets.UTF_8));

    assertThat(e.eventId()).isEqualTo(UUID.fromString("0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b"));
    assertThat(e.stationId()).isEqualTo(StationId.of("JX-RJ-0001"));
    assertThat(e.terminalId()).isEqualTo(TerminalId.of("kiosk-1"));
    assertThat(e.terminalSeq()).isEqualTo(1042);
    assertThat(e.volunteerId()).isEqualTo(VolunteerId.of("V-360781-000123"));
    assertThat(e.kind()).isEqualTo(EventKind.CHECK_IN);
    assertThat(e.method()).isEqualTo(CheckInMethod.FACE);
    assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T08:59:12.345+08:00"));
    assertThat(e.activityId()).isEqualTo("A-2026-1123-07");
    assertThat(e.confidence()).isEqualTo(0.71);
    assertThat(e.operatorId()).isNull();
  }

  @Test
  void event_correction_roundTripsAndIsOnlyAllowedOnCheckOut() {
    String json = "{\"v\":1,\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b\",\"stationId\":\"S1\","
        + "\"terminalId\":\"t1\",\"terminalSeq\":1,\"volunteerId\":\"V1\",\"kind\":\"CHECK_OUT\","
        + "\"method\":\"QR\",\"occurredAt\":\"2026-11-23T17:00:00+08:00\",\"correction\":\"LAST_SIGHTING\"}";

    AttendanceEvent e = WireCodec.decodeEvent(json.getBytes(StandardCharsets.UTF_8));

    assertThat(e.evidence().correction()).isEqualTo("LAST_SIGHTING");
    assertThat(new String(WireCodec.encodeEvent(e), StandardCharsets.UTF_8)).contains("\"correction\":\"LAST_SIGHTING\"");
    assertThatThrownBy(() -> WireCodec.decodeEvent(json.replace("CHECK_OUT", "CHECK_IN")
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("correction");
    assertThatThrownBy(() -> WireCodec.decodeEvent(json.replace("LAST_SIGHTING", "GUESS")
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("correction: must be one of");
  }

  @Test
  void event_unknownFields_areIgnored() {
    String json = "{\"v\":1,\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b\",\"stationId\":\"S1\","
        + "\"terminalId\":\"t1\",\"terminalSeq\":1,\"volunteerId\":\"V1\",\"kind\":\"CHECK_IN\","
        + "\"method\":\"QR\",\"occurredAt\":\"2026-11-23T08:59:12+08:00\",\"future\":{\"x\":[1,2]}}";

    assertThat(WireCodec.decodeEvent(json.getBytes(StandardCharsets.UTF_8)).volunteerId())
        .isEqualTo(VolunteerId.of("V1"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing eventId | \"eventId\" | eventId: is required",
      "bad uuid | \"eventId\":\"nope\", | eventId: must be a UUID",
      "seq zero | \"terminalSeq\":1, | terminalSeq: must be >= 1",
      "seq text | \"terminalSeq\":1, | terminalSeq: must be an integer",
      "bad kind | \"kind\":\"CHECK_IN\", | kind: must be one of CHECK_IN, CHECK_OUT",
      "bad time | \"occurredAt\":\"2026-11-23T08:59:12+08:00\" | occurredAt: must be an ISO-8601",
      "station with slash | \"stationId\":\"S1\", | stationId: must be 1-64 characters",
      "future version | \"v\":1, | v: unsupported schema version 2",
  })
  void event_invalidField_isRejectedNamingTheField(String name, String target, String expected) {
    String valid = "{\"v\":1,\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b\",\"stationId\":\"S1\","
        + "\"terminalId\":\"t1\",\"terminalSeq\":1,\"volunteerId\":\"V1\",\"kind\":\"CHECK_IN\","
        + "\"method\":\"QR\",\"occurredAt\":\"2026-11-23T08:59:12+08:00\"}";
    String broken = switch (name) {
      case "missing eventId" -> valid.replace("\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b\",", "");
      case "bad uuid" -> valid.replace("\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b\",", target);
      case "seq zero" -> valid.replace(target, "\"terminalSeq\":0,");
      case "seq text" -> valid.replace(target, "\"terminalSeq\":\"1\",");
      case "bad kind" -> valid.replace(target, "\"kind\":\"ARRIVE\",");
      case "bad time" -> valid.replace(target, "\"occurredAt\":\"yesterday\"");
      case "station with slash" -> valid.replace(target, "\"stationId\":\"S1/x\",");
      case "future version" -> valid.replace(target, "\"v\":2,");
      default -> throw new IllegalArgumentException(name);
    };

    assertThatThrownBy(() -> WireCodec.decodeEvent(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "42", "{", "null", "\u00ff\u00fe"})
  void event_notAJsonObject_isRejected(String payload) {
    assertThatThrownBy(() -> WireCodec.decodeEvent(payload.getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(ProtocolException.class)
        .satisfies(e -> assertThat(((ProtocolException) e).field()).isEmpty());
  }

  @Test
  void event_manualWithoutOperator_isRejected() {
    assertThatThrownBy(() -> new AttendanceEvent(1, UUID.randomUUID(), StationId.of("S1"),
        TerminalId.of("t1"), 1, VolunteerId.of("V1"), EventKind.CHECK_IN, CheckInMethod.MANUAL,
        OffsetDateTime.now(), null, null, null, "forgot"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("operatorId:");
  }

  @Test
  void ack_goldenFixture_roundTrips() throws IOException {
    String golden = fixture("ack.json");
    Ack ack = WireCodec.decodeAck(golden.getBytes(StandardCharsets.UTF_8));

    assertThat(ack.committedSeq()).isEqualTo(1043);
    assertThat(new String(WireCodec.encodeAck(ack), StandardCharsets.UTF_8)).isEqualTo(golden);
  }

  @Test
  void status_goldenFixture_roundTrips() throws IOException {
    String golden = fixture("status-offline.json");
    TerminalStatus status = WireCodec.decodeStatus(golden.getBytes(StandardCharsets.UTF_8));

    assertThat(status.state()).isEqualTo(TerminalStatus.State.OFFLINE);
    assertThat(new String(WireCodec.encodeStatus(status), StandardCharsets.UTF_8)).isEqualTo(golden);
  }

  @Test
  void status_unknownState_isRejectedNamingTheField() {
    assertThatThrownBy(() -> WireCodec.decodeStatus("{\"state\":\"asleep\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("state:");
  }

  @Test
  void heartbeat_goldenFixture_roundTrips() throws IOException {
    String golden = fixture("heartbeat.json");
    Heartbeat heartbeat = WireCodec.decodeHeartbeat(golden.getBytes(StandardCharsets.UTF_8));

    assertThat(heartbeat.queueDepth()).isEqualTo(3);
    assertThat(heartbeat.cameraState()).isEqualTo("ok");
    assertThat(new String(WireCodec.encodeHeartbeat(heartbeat), StandardCharsets.UTF_8)).isEqualTo(golden);
  }

  @Test
  void heartbeat_withFleetState_roundTripsAndOlderHeartbeatsHaveNone() throws IOException {
    String golden = fixture("heartbeat-fleet-state.json");
    Heartbeat heartbeat = WireCodec.decodeHeartbeat(golden.getBytes(StandardCharsets.UTF_8));

    assertThat(heartbeat.fleetState()).isEqualTo("publishes-unacked");
    assertThat(heartbeat.fleetDetail()).startsWith("the broker has not acknowledged");
    assertThat(new String(WireCodec.encodeHeartbeat(heartbeat), StandardCharsets.UTF_8)).isEqualTo(golden);
    Heartbeat older = WireCodec.decodeHeartbeat(fixture("heartbeat.json").getBytes(StandardCharsets.UTF_8));
    assertThat(older.fleetState()).isNull();
    assertThat(older.fleetDetail()).isNull();
  }

  @Test
  void enrolment_goldenFixture_roundTripsByteForByte() throws IOException {
    String golden = fixture("enrolment-withdrawn.json");
    EnrolmentRecord record = WireCodec.decodeEnrolment(golden.getBytes(StandardCharsets.UTF_8));

    assertThat(record.state()).isEqualTo(EnrolmentRecord.State.WITHDRAWN);
    assertThat(record.enrolmentSeq()).isEqualTo(7);
    assertThat(record.consentVersion()).isEqualTo("face-consent-2026-01");
    assertThat(new String(WireCodec.encodeEnrolment(record), StandardCharsets.UTF_8)).isEqualTo(golden);
  }

  @Test
  void enrolment_unknownState_isRejectedNamingTheField() {
    String json = "{\"v\":1,\"stationId\":\"S1\",\"terminalId\":\"t1\",\"enrolmentSeq\":1,"
        + "\"volunteerId\":\"V1\",\"consentId\":\"c1\",\"consentVersion\":\"1\",\"state\":\"PAUSED\","
        + "\"at\":\"2026-11-23T09:15:00+08:00\"}";

    assertThatThrownBy(() -> WireCodec.decodeEnrolment(json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("state: must be one of ENROLLED, WITHDRAWN");
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = WireCodecTest.class.getResourceAsStream("/protocol/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
