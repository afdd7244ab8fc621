package org.redvest.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redvest.hub.store.IngestBatch;
import org.redvest.protocol.Topics;

/** Regressions from the fault suite's payload fuzzer (docs/reliability.md), and revoked terminals. */
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

  @Test
  void sort_revokedTerminal_receiptTimeDecides_beforeCounts_afterRefusedOrHeld() {
    Instant revokedAt = Instant.parse("2026-11-23T01:00:00Z");
    // Back-dated: the late events claim a time long before the revocation.
    InboundMessage before = new InboundMessage(TOPIC, signed(1), revokedAt.minusMillis(1));
    InboundMessage after = new InboundMessage(TOPIC, signed(2), revokedAt.plusMillis(1));
    InboundMessage released = new InboundMessage(TOPIC, signed(3), revokedAt.plusMillis(2), true);

    IngestBatch refused = revoked(revokedAt, false).sort(List.of(before, after));
    IngestBatch held = revoked(revokedAt, true).sort(List.of(before, after, released));

    assertThat(refused.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L);
    assertThat(refused.refusals()).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("sig: terminal JX-RJ-0001/kiosk-1 was revoked"));
    assertThat(held.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L, 3L);
    assertThat(held.held()).singleElement().satisfies(h -> {
      assertThat(h.event().terminalSeq()).isEqualTo(2);
      assertThat(h.signatureValid()).isTrue();
      assertThat(h.receivedAt()).isEqualTo(revokedAt.plusMillis(1));
    });
    assertThat(held.refusals()).isEmpty();
  }

  /** Triage over a terminal revoked at {@code at}, refusing or holding its late events. */
  private static Triage revoked(Instant at, boolean hold) {
    Signatures revoked = new Signatures() {
      @Override
      public byte[] open(org.redvest.protocol.StationId station, org.redvest.protocol.TerminalId terminal,
          byte[] payload) {
        throw new org.redvest.protocol.ProtocolException("sig", "terminal " + station + "/" + terminal
            + " was revoked at " + at + "; its messages are refused since");
      }

      @Override
      public java.util.Optional<Revocation> revocation(org.redvest.protocol.StationId station,
          org.redvest.protocol.TerminalId terminal) {
        return java.util.Optional.of(new Revocation(at, hold));
      }

      @Override
      public byte[] openRevoked(org.redvest.protocol.StationId station, org.redvest.protocol.TerminalId terminal,
          byte[] payload) {
        return TestSignatures.CHECK.open(station, terminal, payload);
      }
    };
    return new Triage(Topics.defaults(), revoked, Runnable::run);
  }

  private static byte[] signed(long seq) {
    String event = String.format(EVENT, "2026-11-01T08:00:00.000+08:00").replace("\"terminalSeq\":1", "\"terminalSeq\":" + seq)
        .replace("0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b", "0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8" + seq);
    return TestSignatures.sign(event.getBytes(StandardCharsets.UTF_8));
  }

  private static InboundMessage message(String occurredAt) {
    return new InboundMessage(TOPIC, TestSignatures.sign(String.format(EVENT, occurredAt).getBytes(StandardCharsets.UTF_8)),
        Instant.parse("2026-11-23T01:00:00Z"));
  }
}
