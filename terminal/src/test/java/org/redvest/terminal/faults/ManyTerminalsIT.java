package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 8: many terminals reconnecting at once after an outage. The hub process (its embedded
 * broker with it) is killed; every terminal keeps checking volunteers in; the hub comes back and
 * all terminals reconnect and re-publish together. Everything arrives exactly once.
 */
class ManyTerminalsIT {
  @TempDir Path dir;

  @Test
  void hubOutage_allTerminalsReconnectAtOnce_exact() throws Exception {
    int terminals = Faults.iterations(30, 150);
    int outageSeconds = Faults.iterations(8, 60);
    int perTerminal = 20;
    FaultSummary summary = new FaultSummary("many-terminals-reconnect");
    List<TerminalRig> rigs = new ArrayList<>();
    try (HubProcess hub = HubProcess.start(dir.resolve("hub"))) {
      try {
        for (int t = 0; t < terminals; t++) {
          rigs.add(TerminalRig.joined(hub, dir.resolve("kiosk-" + t), "kiosk-" + t,
              Duration.ofSeconds(5)));
        }
        for (TerminalRig rig : rigs) {
          for (int i = 0; i < perTerminal; i++) {
            rig.checkIn();
          }
        }
        Faults.awaitOrDump("all drained before the outage", Duration.ofSeconds(120),
            () -> rigs.stream().allMatch(r -> r.outbox().depth() == 0));

        hub.kill9();
        long outageStart = System.nanoTime();
        long deadline = outageStart + Duration.ofSeconds(outageSeconds).toNanos();
        int round = 0;
        while (System.nanoTime() < deadline) {
          for (TerminalRig rig : rigs) {
            rig.checkIn();
          }
          round++;
          await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        }
        long backlog = rigs.stream().mapToLong(r -> r.outbox().depth()).sum();
        long restarted = System.nanoTime();
        hub.launch();
        Faults.awaitOrDump("every terminal drained after the outage", Duration.ofSeconds(180),
            () -> rigs.stream().allMatch(r -> r.outbox().depth() == 0));
        Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);

        List<DeliveryChecker.Terminal> checked = rigs.stream().map(TerminalRig::checked).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryChecker.check(hub.database(), checked).exact());
        DeliveryChecker.Report report = DeliveryChecker.check(hub.database(), checked);
        summary.put("terminals", terminals)
            .put("outage (hub + embedded broker killed)", outageSeconds + " s")
            .put("check-ins during the outage", backlog + " (" + round + " rounds)")
            .put("recovery: hub relaunch until all terminals acked", FaultSummary.ms(recovery))
            .put("drain rate", String.format("%.0f events/s incl. hub start",
                backlog / (recovery.toMillis() / 1000.0)))
            .checker(report).publish();
        assertThat(report.exact()).as(report.toString()).isTrue();
      } finally {
        rigs.forEach(TerminalRig::close);
      }
    }
  }
}
