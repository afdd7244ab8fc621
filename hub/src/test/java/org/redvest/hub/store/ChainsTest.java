package org.redvest.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.redvest.protocol.WireCodec;

/** The hub's chain verification over events committed through the real ledger into SQLite. */
class ChainsTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  private static final TerminalRef TERMINAL = new TerminalRef(STATION, KIOSK);
  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");

  @TempDir Path dir;
  private Database database;
  private Ledger ledger;
  private Chains chains;

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("hub.db"));
    ledger = new Ledger(database);
    chains = new Chains(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void verify_linkedEvents_okUpToCommittedSeq() {
    commit(chained(4, -1));

    ChainStatus status = chains.verify().get(TERMINAL);

    assertThat(status.intact()).isTrue();
    assertThat(status.chained()).isTrue();
    assertThat(status.verifiedSeq()).isEqualTo(4);
  }

  @Test
  void verify_eventAlteredAfterHashing_brokenAtTheNextSeq() {
    commit(chained(4, 2));

    ChainStatus status = chains.verify().get(TERMINAL);

    assertThat(status.brokenAtSeq()).isEqualTo(3);
    assertThat(status.verifiedSeq()).isEqualTo(2);
    assertThat(status.doubts(2)).isTrue();
    assertThat(status.doubts(1)).isFalse();
  }

  @Test
  void verify_eventsArrivingAcrossCalls_verifiesIncrementally() {
    List<String> all = chained(4, -1);
    commit(all.subList(0, 2));
    assertThat(chains.verify().get(TERMINAL).verifiedSeq()).isEqualTo(2);

    commit(all.subList(2, 4));

    assertThat(chains.verify().get(TERMINAL).verifiedSeq()).isEqualTo(4);
    assertThat(chains.verify().get(TERMINAL).intact()).isTrue();
  }

  @Test
  void verify_terminalWithoutPrevHash_intactButUnchained() {
    commit(List.of(payload(1, null, AT), payload(2, null, AT.plusHours(1))));

    ChainStatus status = chains.verify().get(TERMINAL);

    assertThat(status.intact()).isTrue();
    assertThat(status.chained()).isFalse();
  }

  @Test
  void verify_prevHashDroppedAfterChainBegan_broken() {
    String first = payload(1, EventChain.GENESIS, AT);
    commit(List.of(first, payload(2, null, AT.plusHours(1))));

    assertThat(chains.verify().get(TERMINAL).brokenAtSeq()).isEqualTo(2);
  }

  /** {@code count} linked payloads; the one at {@code alteredSeq} is changed after the next was hashed. */
  private static List<String> chained(int count, int alteredSeq) {
    List<String> payloads = new ArrayList<>();
    String prev = EventChain.GENESIS;
    for (int seq = 1; seq <= count; seq++) {
      String p = payload(seq, prev, AT.plusMinutes(seq));
      prev = EventChain.hashOf(p.getBytes(StandardCharsets.UTF_8));
      payloads.add(seq == alteredSeq ? payload(seq, payloadPrev(p), AT.minusHours(3)) : p);
    }
    return payloads;
  }

  private static String payloadPrev(String payload) {
    return WireCodec.decodeEvent(payload.getBytes(StandardCharsets.UTF_8)).evidence().prevHash();
  }

  private static String payload(long seq, String prevHash, OffsetDateTime at) {
    AttendanceEvent e = new AttendanceEvent(1, UUID.nameUUIDFromBytes(("e" + seq).getBytes(StandardCharsets.UTF_8)),
        STATION, KIOSK, seq, VolunteerId.of("V-1"), seq % 2 == 1 ? EventKind.CHECK_IN : EventKind.CHECK_OUT,
        CheckInMethod.QR, at, null, null, null, null, new Evidence(null, null, null, false, prevHash));
    return new String(WireCodec.encodeEvent(e), StandardCharsets.UTF_8);
  }

  private void commit(List<String> payloads) {
    List<ReceivedEvent> events = new ArrayList<>();
    for (String p : payloads) {
      events.add(new ReceivedEvent("t", WireCodec.decodeEvent(p.getBytes(StandardCharsets.UTF_8)), p, Instant.now()));
    }
    ledger.commit(new IngestBatch(events, List.of(), List.of(), List.of()));
  }
}
