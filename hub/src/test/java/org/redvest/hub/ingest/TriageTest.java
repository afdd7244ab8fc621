package org.redvest.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redvest.hub.store.IngestBatch;
import org.redvest.protocol.Topics;

/** Regressions from the fault suite's payload fuzzer (docs/reliability.md). */
class TriageTest {
  private static final String TOPIC = "redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/events";
  private static final String EVENT = "{\"v\":1,\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b\","
      + "\"stationId\":\"JX-RJ-0001\",\"terminalId\":\"kiosk-1\",\"terminalSeq\":1,"
      + "\"volunteerId\":\"V-1\",\"kind\":\"CHECK_IN\",\"method\":\"QR\",\"occurredAt\":\"%s\"}";

  private final Triage triage = new Triage(Topics.defaults(), TestSignatures.CHECK, Runnable::run);

  @Test
  void sort_occurredAtBeyondEpochMillis_deadLetteredNamingTheField() {
    IngestBatch batch = triage.sort(List.of(
        message("+999999999-12-31T23:59:59.999999999-18:00"),
        message("2026-11-23T08:59:12.345+08:00")));

    assertThat(batch.refusals()).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("occurredAt: must be in the years 2000 to 9999"));
    assertThat(batch.events()).hasSize(1);
  }

  @Test
  void sort_occurredAtBefore2000_deadLettered() {
    IngestBatch batch = triage.sort(List.of(message("1999-12-31T23:59:59.999+00:00")));

    assertThat(batch.refusals()).hasSize(1);
    assertThat(batch.events()).isEmpty();
  }

  @Test
  void sort_unsignedOrForeignSignedEvent_deadLetteredNamingSig_andTheStoredPayloadKeepsTheSignature() {
    byte[] body = String.format(EVENT, "2026-11-23T08:59:12.345+08:00").getBytes(StandardCharsets.UTF_8);
    byte[] foreign = org.redvest.protocol.fleet.SignedPayload.sign(body,
        org.redvest.protocol.credential.Ed25519.generate().getPrivate());
    IngestBatch batch = triage.sort(List.of(
        new InboundMessage(TOPIC, body, Instant.EPOCH),
        new InboundMessage(TOPIC, foreign, Instant.EPOCH),
        message("2026-11-23T08:59:12.345+08:00")));

    assertThat(batch.refusals()).extracting(r -> r.reason())
        .containsExactly("sig: is required: the message is not signed",
            "sig: does not verify with key " + org.redvest.protocol.fleet.KeyFingerprint.of(
                org.redvest.protocol.credential.Ed25519.raw(TestSignatures.KEY.getPublic())));
    assertThat(batch.events()).singleElement().satisfies(e -> assertThat(e.payload()).contains(",\"sig\":\""));
  }

  @Test
  void sort_unsignedStatus_refused_signedOneKept() {
    String topic = "redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/status";
    byte[] online = "{\"state\":\"online\",\"at\":\"2026-11-23T08:00:00.000+08:00\"}".getBytes(StandardCharsets.UTF_8);
    IngestBatch batch = triage.sort(List.of(new InboundMessage(topic, online, Instant.EPOCH),
        new InboundMessage(topic, TestSignatures.sign(online), Instant.EPOCH)));

    assertThat(batch.refusals()).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("sig: is required: the message is not signed"));
    assertThat(batch.statuses()).hasSize(1);
  }

  private static InboundMessage message(String occurredAt) {
    return new InboundMessage(TOPIC, TestSignatures.sign(String.format(EVENT, occurredAt).getBytes(StandardCharsets.UTF_8)),
        Instant.parse("2026-11-23T01:00:00Z"));
  }
}
