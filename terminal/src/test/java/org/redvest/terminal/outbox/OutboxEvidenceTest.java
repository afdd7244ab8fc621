package org.redvest.terminal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventChain;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

/** The evidence the outbox stamps on each event: the hash chain and recordedOffline. */
class OutboxEvidenceTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId TERMINAL = TerminalId.of("kiosk-1");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:59:12.345Z"), ZoneOffset.ofHours(8));
  private static final VolunteerId V = VolunteerId.of("V-1");

  @TempDir Path dataDir;

  @Test
  void append_firstEvent_prevHashIsGenesis() {
    try (Outbox outbox = open()) {
      assertThat(outbox.append(draft(EventKind.CHECK_IN)).evidence().prevHash()).isEqualTo(EventChain.GENESIS);
    }
  }

  @Test
  void append_nextEvents_prevHashIsHashOfPreviousStoredPayload() {
    try (Outbox outbox = open()) {
      outbox.append(draft(EventKind.CHECK_IN));
      outbox.append(draft(EventKind.CHECK_OUT));
      outbox.append(draft(EventKind.CHECK_IN));

      List<StoredEvent> stored = outbox.unacked(10);
      assertThat(stored.get(1).event().evidence().prevHash()).isEqualTo(EventChain.hashOf(stored.get(0).payload()));
      assertThat(stored.get(2).event().evidence().prevHash()).isEqualTo(EventChain.hashOf(stored.get(1).payload()));
    }
  }

  @Test
  void append_afterReopen_chainContinues() {
    byte[] first;
    try (Outbox outbox = open()) {
      outbox.append(draft(EventKind.CHECK_IN));
      first = outbox.unacked(1).get(0).payload();
    }
    try (Outbox outbox = open()) {
      assertThat(outbox.append(draft(EventKind.CHECK_OUT)).evidence().prevHash()).isEqualTo(EventChain.hashOf(first));
    }
  }

  @Test
  void append_withoutConnectionSupplier_recordedOfflineLeftOut() {
    try (Outbox outbox = open()) {
      assertThat(outbox.append(draft(EventKind.CHECK_IN)).evidence().recordedOffline()).isNull();
    }
  }

  @Test
  void append_whileDisconnectedThenConnected_recordedOfflineFollowsTheLink() {
    AtomicBoolean connected = new AtomicBoolean(false);
    try (Outbox outbox = open()) {
      outbox.connectedWhen(connected::get);
      AttendanceEvent offline = outbox.append(draft(EventKind.CHECK_IN));
      connected.set(true);
      AttendanceEvent online = outbox.append(draft(EventKind.CHECK_OUT));

      assertThat(offline.evidence().recordedOffline()).isTrue();
      assertThat(online.evidence().recordedOffline()).isFalse();
      assertThat(outbox.unacked(10).get(0).event().evidence().recordedOffline()).isTrue();
    }
  }

  @Test
  void append_credentialEvidenceWithOperatorDraft_keepsEvidence() {
    try (Outbox outbox = open()) {
      Draft draft = draft(EventKind.CHECK_IN).withEvidence(Evidence.credential("k1", 3))
          .withActivityId("A-1").withConfidence(0.9);

      assertThat(outbox.append(draft).evidence().credentialSerial()).isEqualTo(3L);
    }
  }

  private Outbox open() {
    return Outbox.open(dataDir, STATION, TERMINAL, CLOCK);
  }

  private static Draft draft(EventKind kind) {
    return Draft.of(V, kind, CheckInMethod.QR, OffsetDateTime.parse("2026-11-23T08:59:12.345+08:00"));
  }
}
