package org.redvest.hub.web.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/** Paging through the real session store (pages of 10,000) over a real SQLite file. */
class SessionScanTest {
  private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0,
      ZoneOffset.ofHours(8));

  @TempDir Path dir;
  private Database db;
  private SessionScan scan;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("hub.db"));
    Reports reports = new Reports(db);
    scan = new SessionScan(reports::sessions, reports);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** {@code count} sessions, the {@code sameStart} of them from {@code at} all starting then. */
  private void insert(int count, int sameStartFrom, int sameStart, String activity) {
    db.transaction("test sessions", c -> {
      try (PreparedStatement session = c.prepareStatement("INSERT INTO sessions (volunteer,"
          + " ordinal, station, check_in_at, check_out_at, start_epoch_ms, minutes, status, flags,"
          + " check_in_event_id) VALUES (?, 1, 'S-1', ?, ?, ?, 60, 'CLOSED', '', ?)");
          PreparedStatement event = c.prepareStatement("INSERT INTO events (event_id, station,"
              + " terminal, terminal_seq, volunteer, kind, method, occurred_at,"
              + " occurred_at_epoch_ms, received_at, payload) VALUES (?, 'S-1', 'k1', ?, ?,"
              + " 'CHECK_IN', 'QR', 'x', 0, 'x', ?)")) {
        for (int i = 0; i < count; i++) {
          boolean same = i >= sameStartFrom && i < sameStartFrom + sameStart;
          OffsetDateTime in = same ? T0.plusMinutes(sameStartFrom) : T0.plusMinutes(i);
          String id = UUID.randomUUID().toString();
          session.setString(1, String.format("V-%06d", i));
          session.setString(2, in.toString());
          session.setString(3, in.plusHours(1).toString());
          session.setLong(4, in.toInstant().toEpochMilli());
          session.setString(5, id);
          session.addBatch();
          event.setString(1, id);
          event.setLong(2, i + 1);
          event.setString(3, String.format("V-%06d", i));
          AttendanceEvent stored = AttendanceEvent.of(UUID.fromString(id), StationId.of("S-1"),
              TerminalId.of("k1"), i + 1, VolunteerId.of(String.format("V-%06d", i)),
              EventKind.CHECK_IN, CheckInMethod.QR, in).withActivityId(activity);
          event.setString(4, new String(WireCodec.encodeEvent(stored), StandardCharsets.UTF_8));
          event.addBatch();
        }
        session.executeBatch();
        event.executeBatch();
      }
      return null;
    });
  }

  @Test
  void scan_moreThanAPageWithTiesAcrossPageEnd_passesEachSessionOnceWithActivity() {
    insert(25_000, 9_000, 3_000, "A-1"); // 3,000 sessions share the start at the first page's end

    Map<String, Integer> seen = new HashMap<>();
    int[] withActivity = {0};
    SessionScan.Result result = scan.scan(null, null, Instant.EPOCH, null, 0, (s, a) -> {
      seen.merge(s.volunteerId().value(), 1, Integer::sum);
      if ("A-1".equals(a)) {
        withActivity[0]++;
      }
    });

    assertThat(result.sessions()).isEqualTo(25_000);
    assertThat(result.truncated()).isFalse();
    assertThat(seen).hasSize(25_000).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    assertThat(withActivity[0]).isEqualTo(25_000);
  }

  @Test
  void scan_morePerInstantThanAPage_marksTruncatedInsteadOfLooping() {
    insert(12_000, 0, 11_000, "A-1");

    SessionScan.Result result = scan.scan(null, null, Instant.EPOCH, null, 0, (s, a) -> { });

    assertThat(result.truncated()).isTrue();
    assertThat(result.sessions()).isEqualTo(11_000);
  }
}
