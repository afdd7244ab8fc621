package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;

/**
 * Fault 1: a terminal process (real outbox + Paho relay) killed with SIGKILL at a random point of
 * a burst of check-ins, restarted on the same data dir, many times. Every event it told a
 * volunteer about is in its outbox and reaches the hub exactly once; terminalSeq continues.
 */
class TerminalKillIT {
  @TempDir Path dir;

  @Test
  void kill9DuringBurst_manyIterations_everyToldEventInHubOnce() throws Exception {
    int iterations = Faults.iterations(8, 100);
    Random random = Faults.random("terminal kill -9");
    FaultSummary summary = new FaultSummary("terminal-kill9");
    Path data = dir.resolve("kiosk-k");
    Path log = Faults.logDir("terminal-kill9").resolve("kiosk-k.log");
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      Path hubDb = dir.resolve("hub").resolve("hub.db");
      for (int i = 0; i < iterations; i++) {
        long before = HubDb.outboxLastSeq(data);
        long started = System.nanoTime();
        Process driver = driver(hub, data, log, 400, true);
        try {
          if (before > 0) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> HubDb.events(hubDb, "kiosk-k") >= before);
            summary.recovery(Duration.ofNanos(System.nanoTime() - started));
          }
          long target = before + 1 + random.nextInt(300);
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
              .until(() -> HubDb.outboxLastSeq(data) >= target || !driver.isAlive());
        } finally {
          Faults.kill9(driver);
        }
      }
      Process last = driver(hub, data, log, 0, true);
      boolean drained = last.waitFor(90, TimeUnit.SECONDS);
      Faults.dumpAndKill(last, log);
      assertThat(drained).as("final drain; see " + log).isTrue();

      List<DeliveryChecker.Terminal> terminals = List.of(new DeliveryChecker.Terminal(
          "JX-RJ-0001", "kiosk-k", data, DeliveryChecker.toldSeqs(log)));
      await("hub sessions match the outbox").atMost(Duration.ofSeconds(30))
          .until(() -> DeliveryChecker.check(hubDb, terminals).exact());
      DeliveryChecker.Report report = DeliveryChecker.check(hubDb, terminals);
      summary.put("iterations (kills)", iterations).checker(report).publish();
      assertThat(report.exact()).as(report.toString()).isTrue();
      assertThat(report.sum(DeliveryChecker.Result::told)).isPositive();
    }
  }

  private static Process driver(Hub hub, Path data, Path log, int count, boolean drain) {
    org.redvest.terminal.FleetJoin.join(hub, data, BurstDriver.STATION,
        org.redvest.protocol.TerminalId.of("kiosk-k"));
    return Faults.java(log, List.of(), BurstDriver.class, List.of("broker=" + hub.mqttUrl(),
        "data=" + data, "terminal=kiosk-k", "count=" + count, "drain=" + drain, "resendMs=1000"));
  }
}
