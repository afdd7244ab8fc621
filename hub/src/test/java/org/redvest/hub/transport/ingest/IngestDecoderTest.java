package org.redvest.hub.transport.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redvest.hub.store.IngestBatch;
import org.redvest.protocol.Topics;

class IngestDecoderTest {
  private static final String TOPIC = "redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/events";
  private static final String EVENT = "{\"v\":1,\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-%012d\","
      + "\"stationId\":\"JX-RJ-0001\",\"terminalId\":\"kiosk-1\",\"terminalSeq\":%d,"
      + "\"volunteerId\":\"V-1\",\"kind\":\"CHECK_IN\",\"method\":\"QR\","
      + "\"occurredAt\":\"2026-11-23T08:59:12.345+08:00\"}";
  private static final int EVENTS = 3 * IngestDecoder.MAX_PART + 7;

  @Test
  void next_manyParts_mergedInArrivalOrderWithinTheLimit() throws Exception {
    IngestQueue queue = new IngestQueue(IngestQueue.DEFAULT_MAX_BYTES);
    for (int seq = 1; seq <= EVENTS; seq++) {
      queue.accept(event(seq));
    }
    queue.accept(new InboundMessage(TOPIC, "not json".getBytes(StandardCharsets.UTF_8), Instant.EPOCH));

    List<Long> seqs = new ArrayList<>();
    int refusals = 0;
    try (IngestDecoder decoder = IngestDecoder.start(queue, Topics.defaults(), TestSignatures.CHECK)) {
      while (seqs.size() < EVENTS || refusals == 0) {
        IngestBatch batch = decoder.next(2 * IngestDecoder.MAX_PART, 5_000);
        assertThat(batch.events().size() + batch.refusals().size())
            .isBetween(1, 2 * IngestDecoder.MAX_PART);
        batch.events().forEach(e -> seqs.add(e.event().terminalSeq()));
        refusals += batch.refusals().size();
      }
    }

    assertThat(seqs).hasSize(EVENTS).isSorted();
    assertThat(refusals).isEqualTo(1);
  }

  @Test
  void close_calledTwice_isHarmless() {
    IngestDecoder decoder = IngestDecoder.start(new IngestQueue(1_000), Topics.defaults(), TestSignatures.CHECK);

    decoder.close();
    decoder.close();
  }

  private static InboundMessage event(int seq) {
    return new InboundMessage(TOPIC,
        TestSignatures.sign(String.format(EVENT, seq, seq).getBytes(StandardCharsets.UTF_8)), Instant.EPOCH);
  }
}
