package org.redvest.hub.transport.ingest;

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

  @Test
  void sort_linkedRun_onlyTheNewestSignatureIsVerified_andEveryEventCounts() {
    List<byte[]> bodies = chain(1, 5, null);
    Counting check = new Counting();

    IngestBatch batch = new Triage(Topics.defaults(), check, Runnable::run)
        .sort(bodies.stream().map(b -> at(TestSignatures.sign(b))).toList());

    assertThat(batch.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(batch.refusals()).isEmpty();
    assertThat(check.calls).hasValue(1);
  }

  @Test
  void sort_alteredBodyInsideARun_breaksTheLink_isCheckedOnItsOwnAndRefused() {
    List<byte[]> bodies = new java.util.ArrayList<>(chain(1, 4, null));
    // An attacker with the broker login but not the key re-signs event 2 with its own key.
    byte[] forged = new String(bodies.get(1), StandardCharsets.UTF_8).replace("\"V-1\"", "\"V-666\"")
        .getBytes(StandardCharsets.UTF_8);
    Counting check = new Counting();

    IngestBatch batch = new Triage(Topics.defaults(), check, Runnable::run).sort(List.of(
        at(TestSignatures.sign(bodies.get(0))),
        at(org.redvest.protocol.fleet.SignedPayload.sign(forged,
            org.redvest.protocol.credential.Ed25519.generate().getPrivate())),
        at(TestSignatures.sign(bodies.get(2))), at(TestSignatures.sign(bodies.get(3)))));

    assertThat(batch.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L, 3L, 4L);
    assertThat(batch.refusals()).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("sig: does not verify"));
    assertThat(batch.events()).noneMatch(e -> e.event().volunteerId().value().equals("V-666"));
    // Run 3–4 by its newest signature; run 1–2 by 2's, which fails, so 1 is checked on its own.
    assertThat(check.calls).hasValue(3);
  }

  @Test
  void sort_newestSignatureOfARunFails_theRestIsCheckedOneByOne() {
    List<byte[]> bodies = chain(7, 3, "0".repeat(64));
    byte[] badNewest = org.redvest.protocol.fleet.SignedPayload.sign(bodies.get(2),
        org.redvest.protocol.credential.Ed25519.generate().getPrivate());
    Counting check = new Counting();

    IngestBatch batch = new Triage(Topics.defaults(), check, Runnable::run).sort(List.of(
        at(TestSignatures.sign(bodies.get(0))), at(TestSignatures.sign(bodies.get(1))), at(badNewest)));

    assertThat(batch.events()).extracting(e -> e.event().terminalSeq()).containsExactly(7L, 8L);
    assertThat(batch.refusals()).hasSize(1);
    assertThat(check.calls).hasValue(3);
  }

  @Test
  void sort_unsignedEventInsideARun_refusedAsUnsigned_evenThoughTheChainCoversIt() {
    List<byte[]> bodies = chain(1, 3, null);

    IngestBatch batch = triage.sort(List.of(at(TestSignatures.sign(bodies.get(0))), at(bodies.get(1)),
        at(TestSignatures.sign(bodies.get(2)))));

    assertThat(batch.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L, 3L);
    assertThat(batch.refusals()).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("sig: is required: the message is not signed"));
  }

  @Test
  void sort_redeliveryAndConflictInsideARun_redeliveryVouched_conflictCheckedOnItsOwn() {
    List<byte[]> bodies = chain(1, 3, null);
    byte[] conflict = new String(bodies.get(1), StandardCharsets.UTF_8)
        .replace("0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a82", "0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a99")
        .getBytes(StandardCharsets.UTF_8);
    Counting check = new Counting();

    IngestBatch redelivered = new Triage(Topics.defaults(), check, Runnable::run).sort(List.of(
        at(TestSignatures.sign(bodies.get(0))), at(TestSignatures.sign(bodies.get(0))),
        at(TestSignatures.sign(bodies.get(1))), at(TestSignatures.sign(bodies.get(2)))));
    int redeliveredCalls = check.calls.getAndSet(0);
    IngestBatch conflicting = new Triage(Topics.defaults(), check, Runnable::run).sort(List.of(
        at(TestSignatures.sign(bodies.get(0))), at(TestSignatures.sign(bodies.get(1))),
        at(TestSignatures.sign(conflict)), at(TestSignatures.sign(bodies.get(2)))));

    assertThat(redelivered.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L, 1L, 2L, 3L);
    assertThat(redeliveredCalls).isEqualTo(1);
    // Both bodies of seq 2 reach the store (which keeps the first and dead-letters the second),
    // each by its own signature; seq 1 and seq 3 no longer link through seq 2.
    assertThat(conflicting.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L, 2L, 2L, 3L);
    assertThat(check.calls).hasValue(4);
  }

  @Test
  void sort_copyOfAGenuineBodyWithADamagedSignature_checkedOnItsOwnAndRefused_theGenuineCopyCounts() {
    List<byte[]> bodies = chain(1, 3, null);
    byte[] damaged = org.redvest.protocol.fleet.SignedPayload.sign(bodies.get(1),
        org.redvest.protocol.credential.Ed25519.generate().getPrivate());

    IngestBatch batch = triage.sort(List.of(at(TestSignatures.sign(bodies.get(0))), at(damaged),
        at(TestSignatures.sign(bodies.get(1))), at(TestSignatures.sign(bodies.get(2)))));

    assertThat(batch.refusals()).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("sig: does not verify"));
    assertThat(batch.events()).extracting(e -> e.event().terminalSeq()).containsExactly(1L, 2L, 3L);
    assertThat(batch.events()).allSatisfy(e -> assertThat(e.payload())
        .isNotEqualTo(new String(damaged, StandardCharsets.UTF_8)));
  }

  /** Counts signature checks. */
  private static final class Counting implements Signatures {
    final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public byte[] open(org.redvest.protocol.StationId station, org.redvest.protocol.TerminalId terminal,
        byte[] payload) {
      calls.incrementAndGet();
      return TestSignatures.CHECK.open(station, terminal, payload);
    }
  }

  /**
   * {@code count} event bodies of kiosk-1 from {@code firstSeq}, each naming the hash of the one
   * before; the first names {@code firstPrev} (none when null).
   */
  private static List<byte[]> chain(long firstSeq, int count, String firstPrev) {
    List<byte[]> bodies = new java.util.ArrayList<>();
    String prev = firstPrev;
    for (long seq = firstSeq; seq < firstSeq + count; seq++) {
      String event = String.format(EVENT, "2026-11-01T08:00:00.000+08:00")
          .replace("\"terminalSeq\":1", "\"terminalSeq\":" + seq)
          .replace("0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b", "0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8" + seq);
      if (prev != null) {
        event = event.substring(0, event.length() - 1) + ",\"prevHash\":\"" + prev + "\"}";
      }
      byte[] body = event.getBytes(StandardCharsets.UTF_8);
      bodies.add(body);
      prev = org.redvest.protocol.EventChain.hashOfBody(body);
    }
    return bodies;
  }

  private static InboundMessage at(byte[] payload) {
    return new InboundMessage(TOPIC, payload, Instant.parse("2026-11-23T01:00:00Z"));
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
