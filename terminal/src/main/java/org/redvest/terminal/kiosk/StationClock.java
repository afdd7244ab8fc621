package org.redvest.terminal.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.redvest.terminal.capture.Frame;

/**
 * The station time a frame was seen at, which stamps the check-in.
 *
 * <p>Live cameras use the wall clock. Replays can use the media's own time line: a fixed start
 * plus the frame's media time stretched by the replay speed. With speed 60 one second of video is
 * one minute at the station, and the same video always yields the same minutes however fast the
 * machine replays it.
 */
public abstract sealed class StationClock permits StationClock.Wall, StationClock.Media {

  /** Station time for {@code frame}. */
  public abstract OffsetDateTime timeOf(Frame frame);

  /** Station time for input that arrives outside a frame (a keyboard-wedge scanner line). */
  public abstract OffsetDateTime now();

  public static StationClock wall(Clock clock) {
    return new Wall(clock);
  }

  public static StationClock media(Instant start, double speed, ZoneId zone) {
    return new Media(start, speed, zone);
  }

  static final class Wall extends StationClock {
    private final Clock clock;

    Wall(Clock clock) {
      this.clock = clock;
    }

    @Override
    public OffsetDateTime timeOf(Frame frame) {
      return now();
    }

    @Override
    public OffsetDateTime now() {
      return OffsetDateTime.now(clock);
    }
  }

  static final class Media extends StationClock {
    private final Instant start;
    private final double speed;
    private final ZoneId zone;
    private volatile OffsetDateTime last;

    Media(Instant start, double speed, ZoneId zone) {
      if (!(speed > 0)) {
        throw new IllegalArgumentException("replay speed must be > 0, was " + speed);
      }
      this.start = start;
      this.speed = speed;
      this.zone = zone;
      this.last = OffsetDateTime.ofInstant(start, zone);
    }

    @Override
    public OffsetDateTime timeOf(Frame frame) {
      long stationNanos = Math.round(frame.timestampMicros() * 1_000.0 * speed);
      last = OffsetDateTime.ofInstant(start.plus(Duration.ofNanos(stationNanos)), zone);
      return last;
    }

    /** The time of the latest frame: a scanner line during a replay belongs to that moment. */
    @Override
    public OffsetDateTime now() {
      return last;
    }
  }
}
