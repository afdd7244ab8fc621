package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redvest.hub.store.ReceivedEvent;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

class LiveFeedTest {
  private static final StationId A = StationId.of("JX-RJ-0001");
  private static final StationId B = StationId.of("JX-RJ-0002");

  @Test
  void publish_slowSubscriber_dropsItsOldestAndNeverBlocks() throws Exception {
    LiveFeed feed = new LiveFeed();
    try (LiveFeed.Subscription slow = feed.subscribe(s -> true)) {
      for (int seq = 1; seq <= LiveFeed.QUEUE + 10; seq++) {
        feed.publish(List.of(event(A, seq)));
      }

      assertThat(feed.dropped()).isEqualTo(10);
      assertThat(slow.next(Duration.ZERO).orElseThrow().event().terminalSeq())
          .as("the oldest kept").isEqualTo(11);
    }
  }

  @Test
  void subscribe_scopedToStation_seesOnlyThatStation() throws Exception {
    LiveFeed feed = new LiveFeed();
    try (LiveFeed.Subscription onlyA = feed.subscribe(A::equals)) {
      feed.publish(List.of(event(B, 1), event(A, 2)));

      assertThat(onlyA.next(Duration.ZERO).orElseThrow().event().stationId()).isEqualTo(A);
      assertThat(onlyA.next(Duration.ZERO)).isEmpty();
      assertThat(feed.recent(A::equals)).hasSize(1);
    }
  }

  @Test
  void recent_manyEvents_keepsTheLastHundredNewestFirst() {
    LiveFeed feed = new LiveFeed();
    for (int seq = 1; seq <= 150; seq++) {
      feed.publish(List.of(event(A, seq)));
    }

    List<ReceivedEvent> recent = feed.recent(s -> true);

    assertThat(recent).hasSize(LiveFeed.KEEP);
    assertThat(recent.get(0).event().terminalSeq()).isEqualTo(150);
  }

  @Test
  void close_wakesAWaitingReaderAndIsIdempotent() throws Exception {
    LiveFeed feed = new LiveFeed();
    LiveFeed.Subscription s = feed.subscribe(x -> true);

    feed.close();
    feed.close();

    assertThat(s.isOpen()).isFalse();
    assertThat(s.next(Duration.ofSeconds(30))).as("returns at once").isEmpty();
    assertThat(feed.subscribers()).isZero();
  }

  static ReceivedEvent event(StationId station, long seq) {
    AttendanceEvent e = AttendanceEvent.of(UUID.randomUUID(), station, TerminalId.of("kiosk-1"), seq,
        VolunteerId.of("V-1"), EventKind.CHECK_IN, CheckInMethod.QR,
        OffsetDateTime.parse("2026-11-23T08:00:00+08:00"));
    return new ReceivedEvent("topic", e, "{}", Instant.parse("2026-11-23T00:00:00Z"));
  }
}
