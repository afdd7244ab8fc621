package org.redvest.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/** Reading stored events by id ({@link Reports#events}), the one read of the events table. */
class ReportsEventsTest {
  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");

  @TempDir Path dir;
  private Database database;

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("hub.db"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void events_storedOnesDecoded_missingAndUndecodableLeftOut() {
    AttendanceEvent good = AttendanceEvent.of(UUID.randomUUID(), StationId.of("S-1"),
        TerminalId.of("k1"), 1, VolunteerId.of("V-1"), EventKind.CHECK_IN, CheckInMethod.QR, AT)
        .withActivityId("A-1");
    UUID broken = UUID.randomUUID();
    store(good.eventId(), 1, new String(WireCodec.encodeEvent(good), StandardCharsets.UTF_8));
    store(broken, 2, "{\"v\":1}");

    var found = new Reports(database).events(List.of(good.eventId(), broken, UUID.randomUUID()));

    assertThat(found).containsOnlyKeys(good.eventId());
    assertThat(found.get(good.eventId()).optionalActivityId()).contains("A-1");
    assertThat(found.get(good.eventId()).stationId()).isEqualTo(StationId.of("S-1"));
  }

  private void store(UUID id, long seq, String payload) {
    database.transaction("test events", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO events (event_id, station,"
          + " terminal, terminal_seq, volunteer, kind, method, occurred_at, occurred_at_epoch_ms,"
          + " received_at, payload) VALUES (?, 'S-1', 'k1', ?, 'V-1', 'CHECK_IN', 'QR', 'x', 0,"
          + " 'x', ?)")) {
        st.setString(1, id.toString());
        st.setLong(2, seq);
        st.setString(3, payload);
        st.executeUpdate();
      }
      return null;
    });
  }
}
