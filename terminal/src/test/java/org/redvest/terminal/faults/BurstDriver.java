package org.redvest.terminal.faults;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.Outbox;

/**
 * A terminal process for the fault suite: the real {@link Outbox} and {@link PahoRelay}, appending
 * check-ins as fast as it can (or paced) while the parent kills it, cuts its network or fills its
 * disk. Prints {@code told <seq> <eventId>} after each commit: the line a volunteer would see.
 * Then, with {@code drain=true}, waits until the hub acknowledged everything and exits 0.
 *
 * <p>{@code java ... BurstDriver broker=tcp://h:p data=DIR terminal=kiosk-1 count=200 pauseMs=0
 * drain=true [station=JX-RJ-0001] [resendMs=1000] [clockOffset=PT0S]}
 */
public final class BurstDriver {
  static final StationId STATION = StationId.of("JX-RJ-0001");

  private BurstDriver() {}

  public static void main(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    StationId station = StationId.of(opts.getOrDefault("station", STATION.value()));
    TerminalId terminal = TerminalId.of(opts.get("terminal"));
    int count = Integer.parseInt(opts.getOrDefault("count", "100"));
    long pauseMs = Long.parseLong(opts.getOrDefault("pauseMs", "0"));
    boolean drain = Boolean.parseBoolean(opts.getOrDefault("drain", "true"));
    Duration resend = Duration.ofMillis(Long.parseLong(opts.getOrDefault("resendMs", "1000")));
    Duration offset = Duration.parse(opts.getOrDefault("clockOffset", "PT0S"));
    Clock clock = Clock.offset(Clock.system(ZoneId.of("Asia/Shanghai")), offset);
    RelayConfig config = RelayConfig.of(opts.get("broker"), station, terminal, "redvest-faults")
        .withLogin(org.redvest.terminal.FleetJoin.kept(Path.of(opts.get("data"))))
        .withResendAfter(resend)
        .withHeartbeatInterval(Duration.ofSeconds(1));
    try (Outbox outbox = org.redvest.terminal.FleetJoin.signing(
            Outbox.open(Path.of(opts.get("data")), station, terminal, clock), Path.of(opts.get("data")));
        PahoRelay relay = PahoRelay.start(config, outbox, () -> CameraHealth.stopped("fault driver"), clock)) {
      CheckInSource source = new CheckInSource(outbox, offset);
      for (int i = 0; i < count; i++) {
        AttendanceEvent event = source.next();
        System.out.println("told " + event.terminalSeq() + " " + event.eventId());
        if (pauseMs > 0) {
          LockSupport.parkNanos(Duration.ofMillis(pauseMs).toNanos());
        }
      }
      System.out.println("appended " + count + ", last seq " + outbox.lastSeq());
      while (drain && outbox.depth() > 0) {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      System.out.println("drained, committed seq " + outbox.committedSeq()
          + (relay.isConnected() ? ", connected" : ", disconnected"));
    }
  }
}
