package org.redvest.terminal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

class OutboxTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId TERMINAL = TerminalId.of("kiosk-1");
  private static final Instant T0 = Instant.parse("2026-11-23T00:59:12.345Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.ofHours(8));
  private static final VolunteerId ZHANG = VolunteerId.of("V-360781-000123");
  private static final VolunteerId LI = VolunteerId.of("V-360781-000456");

  @TempDir Path dataDir;

  @Test
  void append_firstEvent_numbersFromOneAndStoresThePublishedPayload() {
    try (Outbox outbox = open()) {
      AttendanceEvent event = outbox.append(checkIn(ZHANG));

      assertThat(event.terminalSeq()).isEqualTo(1);
      assertThat(event.stationId()).isEqualTo(STATION);
      assertThat(event.terminalId()).isEqualTo(TERMINAL);
      assertThat(event.eventId().version()).isEqualTo(7);
      List<StoredEvent> unacked = outbox.unacked(10);
      assertThat(unacked).singleElement().satisfies(stored -> {
        assertThat(stored.payload()).isEqualTo(WireCodec.encodeEvent(event));
        assertThat(stored.event()).isEqualTo(event);
        assertThat(stored.lastSent()).isEmpty();
      });
    }
  }

  @Test
  void append_afterReopen_continuesSequence() {
    try (Outbox outbox = open()) {
      outbox.append(checkIn(ZHANG));
      outbox.append(checkIn(LI));
    }
    try (Outbox reopened = open()) {
      assertThat(reopened.append(checkIn(ZHANG)).terminalSeq()).isEqualTo(3);
      assertThat(reopened.depth()).isEqualTo(3);
    }
  }

  @Test
  void append_invalidDraft_storesNothingAndUsesNoSeq() {
    try (Outbox outbox = open()) {
      Draft manualWithoutOperator = Draft.of(ZHANG, EventKind.CHECK_IN, CheckInMethod.MANUAL, at(0));

      assertThatThrownBy(() -> outbox.append(manualWithoutOperator))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("operatorId");
      assertThat(outbox.depth()).isZero();
      assertThat(outbox.append(checkIn(ZHANG)).terminalSeq()).isEqualTo(1);
    }
  }

  @Test
  void acknowledge_olderAck_isIgnored() {
    try (Outbox outbox = open()) {
      appendN(outbox, 5);

      assertThat(outbox.acknowledge(4)).isTrue();
      assertThat(outbox.acknowledge(2)).isFalse();

      assertThat(outbox.committedSeq()).isEqualTo(4);
      assertThat(outbox.depth()).isEqualTo(1);
      assertThat(outbox.unacked(10)).extracting(StoredEvent::seq).containsExactly(5L);
    }
  }

  @Test
  void acknowledge_beyondLastAppended_isIgnored() {
    try (Outbox outbox = open()) {
      appendN(outbox, 2);

      assertThat(outbox.acknowledge(100)).isFalse();

      assertThat(outbox.committedSeq()).isZero();
      assertThat(outbox.depth()).isEqualTo(2);
    }
  }

  @Test
  void acknowledge_afterReopen_isRemembered() {
    try (Outbox outbox = open()) {
      appendN(outbox, 3);
      outbox.acknowledge(2);
    }
    try (Outbox reopened = open()) {
      assertThat(reopened.committedSeq()).isEqualTo(2);
      assertThat(reopened.unacked(10)).extracting(StoredEvent::seq).containsExactly(3L);
    }
  }

  @Test
  void unacked_manyEvents_comeInSeqOrderUpToLimit() {
    try (Outbox outbox = open()) {
      appendN(outbox, 10);
      outbox.acknowledge(3);

      assertThat(outbox.unacked(4)).extracting(StoredEvent::seq).containsExactly(4L, 5L, 6L, 7L);
    }
  }

  @Test
  void markSent_someEvents_recordsTimeAndCount() {
    try (Outbox outbox = open()) {
      appendN(outbox, 3);
      Instant sentAt = T0.plusSeconds(5);

      outbox.markSent(List.of(1L, 3L), sentAt);
      outbox.markSent(List.of(3L), sentAt.plusSeconds(30));

      List<StoredEvent> unacked = outbox.unacked(10);
      assertThat(unacked.get(0).lastSentAt()).isEqualTo(sentAt);
      assertThat(unacked.get(1).lastSent()).isEmpty();
      assertThat(unacked.get(2).lastSentAt()).isEqualTo(sentAt.plusSeconds(30));
      assertThat(unacked.get(2).sendCount()).isEqualTo(2);
    }
  }

  @Test
  void oldestUnackedAt_afterPartialAck_isAppendTimeOfFirstUnacked() {
    StepClock clock = new StepClock(T0);
    try (Outbox outbox = Outbox.open(dataDir, STATION, TERMINAL, clock)) {
      assertThat(outbox.oldestUnackedAt()).isEmpty();
      outbox.append(checkIn(ZHANG));
      clock.advance(Duration.ofMinutes(1));
      outbox.append(checkIn(LI));

      outbox.acknowledge(1);

      assertThat(outbox.oldestUnackedAt()).contains(T0.plus(Duration.ofMinutes(1)));
      outbox.acknowledge(2);
      assertThat(outbox.oldestUnackedAt()).isEmpty();
    }
  }

  @Test
  void lastEvent_afterReopen_isVolunteersLatest() {
    try (Outbox outbox = open()) {
      outbox.append(checkIn(ZHANG));
      outbox.append(checkIn(LI));
      outbox.append(Draft.of(ZHANG, EventKind.CHECK_OUT, CheckInMethod.QR, at(60)));
    }
    try (Outbox reopened = open()) {
      assertThat(reopened.lastEvent(ZHANG)).hasValueSatisfying(e -> {
        assertThat(e.kind()).isEqualTo(EventKind.CHECK_OUT);
        assertThat(e.occurredAt()).isEqualTo(at(60));
      });
      assertThat(reopened.lastEvent(VolunteerId.of("V-unknown"))).isEmpty();
    }
  }

  @Test
  void open_withOtherStation_failsNamingBoth() {
    open().close();

    assertThatThrownBy(() -> Outbox.open(dataDir, StationId.of("JX-RJ-0002"), TERMINAL, CLOCK))
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("JX-RJ-0001")
        .hasMessageContaining("JX-RJ-0002");
  }

  @Test
  void open_withOtherTerminal_fails() {
    open().close();

    assertThatThrownBy(() -> Outbox.open(dataDir, STATION, TerminalId.of("kiosk-2"), CLOCK))
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("kiosk-2");
  }

  @Test
  void append_fromTwoThreads_producesUniqueConsecutiveSeqs() throws Exception {
    int perThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Outbox outbox = open()) {
      Callable<List<Long>> appender = () -> {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          seqs.add(outbox.append(checkIn(ZHANG)).terminalSeq());
        }
        return seqs;
      };
      Future<List<Long>> first = pool.submit(appender);
      Future<List<Long>> second = pool.submit(appender);

      List<Long> all = new ArrayList<>(first.get());
      all.addAll(second.get());

      assertThat(all).containsExactlyInAnyOrderElementsOf(
          LongStream.rangeClosed(1, 2L * perThread).boxed().toList());
      assertThat(first.get()).isSorted();
      assertThat(second.get()).isSorted();
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The kiosk and the {@code publish} command each open the same file (two processes; here two
   * connections): appends from both must interleave, never fail on a stale read of the counter.
   */
  @Test
  void append_fromTwoOpenOutboxesOfOneFile_uniqueSeqsAndOneUnbrokenChain() throws Exception {
    int perOutbox = 150;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Outbox kiosk = open(); Outbox publisher = open()) {
      Callable<List<Long>> fromKiosk = () -> appendSeqs(kiosk, perOutbox);
      Callable<List<Long>> fromPublisher = () -> appendSeqs(publisher, perOutbox);
      Future<List<Long>> first = pool.submit(fromKiosk);
      Future<List<Long>> second = pool.submit(fromPublisher);

      List<Long> all = new ArrayList<>(first.get());
      all.addAll(second.get());

      assertThat(all).containsExactlyInAnyOrderElementsOf(
          LongStream.rangeClosed(1, 2L * perOutbox).boxed().toList());
      List<StoredEvent> stored = kiosk.unacked(1000);
      assertThat(stored).hasSize(2 * perOutbox);
      for (int i = 1; i < stored.size(); i++) {
        assertThat(stored.get(i).event().evidence().prevHash())
            .isEqualTo(org.redvest.protocol.EventChain.hashOf(stored.get(i - 1).payload()));
      }
    } finally {
      pool.shutdown();
    }
  }

  private static List<Long> appendSeqs(Outbox outbox, int n) {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      seqs.add(outbox.append(checkIn(ZHANG)).terminalSeq());
    }
    return seqs;
  }

  @Test
  void onAppend_listener_runsAfterCommit() {
    try (Outbox outbox = open()) {
      List<Long> depthsSeen = new ArrayList<>();
      outbox.onAppend(() -> depthsSeen.add(outbox.depth()));

      appendN(outbox, 2);

      assertThat(depthsSeen).containsExactly(1L, 2L);
    }
  }

  @Test
  void close_calledTwice_isIdempotent() {
    Outbox outbox = open();
    outbox.close();
    outbox.close();

    assertThatThrownBy(outbox::depth).isInstanceOf(IllegalStateException.class);
  }

  private Outbox open() {
    return Outbox.open(dataDir, STATION, TERMINAL, CLOCK);
  }

  private static void appendN(Outbox outbox, int n) {
    for (int i = 0; i < n; i++) {
      outbox.append(checkIn(VolunteerId.of("V-" + i)));
    }
  }

  private static Draft checkIn(VolunteerId volunteer) {
    return Draft.of(volunteer, EventKind.CHECK_IN, CheckInMethod.QR, at(0));
  }

  private static OffsetDateTime at(long secondsAfterT0) {
    return OffsetDateTime.ofInstant(T0.plusSeconds(secondsAfterT0), ZoneOffset.ofHours(8));
  }

  /** A clock the test moves by hand. */
  static final class StepClock extends Clock {
    private Instant now;

    StepClock(Instant start) {
      this.now = start;
    }

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.ofHours(8);
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("fixed zone");
    }
  }
}
