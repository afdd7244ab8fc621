package org.redvest.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.outbox.Outbox;

class LineInputTest {
  @TempDir Path dir;

  @Test
  void start_deviceYieldingBadgeLines_recordsOneEventPerVolunteer() throws Exception {
    Path device = dir.resolve("ttyACM0");
    Files.writeString(device, "RV1:V-1:张三\r\nnot a badge\nRV1:V-2:李四\n", StandardCharsets.UTF_8);
    try (Outbox outbox = Outbox.open(dir.resolve("data"), StationId.of("S1"), TerminalId.of("t1"), Clock.systemUTC())) {
      Kiosk kiosk = new Kiosk(null, new CheckIns(outbox), new ConsoleScreen(System.out),
          StationClock.wall(Clock.systemUTC()));

      LineInput input = LineInput.start(device.toString(), kiosk);
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.lastSeq() == 2);
      } finally {
        input.close();
      }

      assertThat(outbox.lastEvent(VolunteerId.of("V-1"))).hasValueSatisfying(e ->
          assertThat(e.kind()).isEqualTo(EventKind.CHECK_IN));
      assertThat(outbox.lastEvent(VolunteerId.of("V-2"))).isPresent();
    }
  }

  @Test
  void start_missingDevice_failsNamingIt() {
    assertThatThrownBy(() -> LineInput.start(dir.resolve("nope").toString(), null))
        .hasMessageContaining("QR scanner " + dir.resolve("nope") + " cannot be opened");
  }
}
