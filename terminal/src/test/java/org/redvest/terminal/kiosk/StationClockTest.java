package org.redvest.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.redvest.terminal.capture.Frame;

class StationClockTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant START = OffsetDateTime.parse("2026-11-23T08:00:00+08:00").toInstant();

  @Test
  void media_frameAtTwoSecondsSpeed60_isTwoStationMinutesLater() {
    StationClock clock = StationClock.media(START, 60, SHANGHAI);

    assertThat(clock.timeOf(frameAt(2_000_000))).isEqualTo(OffsetDateTime.parse("2026-11-23T08:02:00+08:00"));
  }

  @Test
  void media_now_isTheLatestFrameTime() {
    StationClock clock = StationClock.media(START, 60, SHANGHAI);
    clock.timeOf(frameAt(500_000));

    assertThat(clock.now()).isEqualTo(OffsetDateTime.parse("2026-11-23T08:00:30+08:00"));
  }

  @Test
  void wall_ignoresMediaTime() {
    StationClock clock = StationClock.wall(Clock.fixed(START, SHANGHAI));

    assertThat(clock.timeOf(frameAt(99_000_000))).isEqualTo(OffsetDateTime.ofInstant(START, SHANGHAI));
  }

  private static Frame frameAt(long micros) {
    return new Frame(2, 2, new byte[4], new byte[12], micros, 0);
  }
}
