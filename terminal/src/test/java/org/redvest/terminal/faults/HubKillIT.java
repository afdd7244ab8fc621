package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 2: the hub process killed with SIGKILL while a burst of check-ins is in flight (received
 * by its broker, queued for or inside the writer's transaction), then restarted on the same data
 * dir and ports, many times. The terminal re-publishes whatever the hub did not ack; the hub's
 * eventId dedupe keeps the count exact.
 */
class HubKillIT {
  @TempDir Path dir;

  @Test
  void kill9HubDuringBurst_manyIterations_noLossNoDoubleCount() throws Exception {
    int iterations = Faults.iterations(6, 60);
    Random random = Faults.random("hub kill -9");
    FaultSummary summary = new FaultSummary("hub-kill9");
    long inFlightAtKill = 0;
    ExecutorService burster = Executors.newSingleThreadExecutor(r -> new Thread(r, "faults-burst"));
    try (HubProcess hub = HubProcess.start(dir.resolve("hub"));
        TerminalRig terminal = TerminalRig.joined(hub, dir.resolve("kiosk-h"), "kiosk-h",
            Duration.ofSeconds(1))) {
      for (int i = 0; i < iterations; i++) {
        int burst = 100 + random.nextInt(400);
        long startSeq = terminal.outbox().lastSeq();
        Future<?> appending = burster.submit(() -> {
          for (int n = 0; n < burst; n++) {
            terminal.checkIn();
          }
        });
        long killAfter = startSeq + 1 + random.nextInt(burst);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
            .until(() -> terminal.outbox().lastSeq() >= killAfter);
        hub.kill9();
        inFlightAtKill += terminal.outbox().lastSeq() - terminal.outbox().committedSeq();
        appending.get(60, TimeUnit.SECONDS);
        long restarted = System.nanoTime();
        hub.launch();
        Faults.awaitOrDump("drained after hub restart " + i, Duration.ofSeconds(90),
            () -> terminal.outbox().depth() == 0);
        summary.recovery(Duration.ofNanos(System.nanoTime() - restarted));
      }
      List<DeliveryChecker.Terminal> terminals = List.of(terminal.checked());
      await("hub sessions match the outbox").atMost(Duration.ofSeconds(30))
          .until(() -> DeliveryChecker.check(hub.database(), terminals).exact());
      DeliveryChecker.Report report = DeliveryChecker.check(hub.database(), terminals);
      summary.put("iterations (hub kills)", iterations)
          .put("unacked events at the kills (in flight)", inFlightAtKill)
          .put("recovery measured", "hub relaunch (JVM start) until every event acked")
          .checker(report).publish();
      assertThat(report.exact()).as(report.toString()).isTrue();
    } finally {
      burster.shutdownNow();
    }
  }
}
