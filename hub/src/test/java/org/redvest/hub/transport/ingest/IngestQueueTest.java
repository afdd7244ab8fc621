package org.redvest.hub.transport.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class IngestQueueTest {
  private static final Instant AT = Instant.parse("2026-11-23T01:00:00Z");

  @Test
  void accept_belowBound_neverWaits() throws Exception {
    IngestQueue queue = new IngestQueue(10_000);

    for (int i = 0; i < 10; i++) {
      queue.accept(message(500));
    }

    assertThat(queue.size()).isEqualTo(10);
    assertThat(queue.brokerWaits()).isZero();
    assertThat(queue.drain(100, 0)).hasSize(10);
  }

  @Test
  void accept_atBound_waitsUntilDrainedAndCountsTheWait() throws Exception {
    IngestQueue queue = new IngestQueue(2_000);
    queue.accept(message(1_500));

    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> queue.accept(message(1_500)));
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.brokerWaits() == 1);
    assertThat(second).isNotDone();
    queue.drain(1, 0);

    second.get();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void close_whileBrokerWaits_releasesItAndDropsTheMessage() throws Exception {
    IngestQueue queue = new IngestQueue(2_000);
    queue.accept(message(1_500));
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> queue.accept(message(1_500)));
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.brokerWaits() == 1);

    queue.close();

    waiting.get();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void accept_messageLargerThanBound_countsAsTheBound() throws Exception {
    IngestQueue queue = new IngestQueue(1_000);

    queue.accept(message(5_000));

    assertThat(queue.drain(10, 0)).hasSize(1);
    queue.accept(message(5_000));
    assertThat(queue.brokerWaits()).isZero();
  }

  private static InboundMessage message(int payloadBytes) {
    return new InboundMessage("redvest/v1/x", new byte[payloadBytes], AT);
  }
}
