package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.testsupport.Mosquitto;

/**
 * Fault 3: the broker restarts in the middle of a burst, keeping its persistence or losing it
 * (its store wiped: sessions, queued messages and retained acks gone). Nothing is lost, thanks
 * to the end-to-end ack: the terminal keeps every event until the hub's ack covers it.
 */
class BrokerRestartIT {
  @TempDir Path dir;

  @Test
  void mosquittoKilledAndRestarted_duringBursts_exact() throws Exception {
    runMosquitto("broker-restart-mosquitto", false);
  }

  @Test
  void mosquittoRestartedWithPersistenceWiped_duringBursts_exact() throws Exception {
    runMosquitto("broker-restart-mosquitto-wiped", true);
  }

  /** The embedded Moquette lives in the hub: kill the hub, delete the broker store, start again. */
  @Test
  void embeddedBrokerStoreWiped_hubKilledAndRestarted_exact() throws Exception {
    int iterations = Faults.iterations(4, 40);
    Random random = Faults.random("embedded broker store wiped");
    FaultSummary summary = new FaultSummary("broker-restart-embedded-wiped");
    ExecutorService burster = Executors.newSingleThreadExecutor(r -> new Thread(r, "faults-burst"));
    try (HubProcess hub = HubProcess.start(dir.resolve("hub"));
        TerminalRig terminal = TerminalRig.joined(hub, dir.resolve("kiosk-e"), "kiosk-e",
            Duration.ofSeconds(1))) {
      for (int i = 0; i < iterations; i++) {
        Future<?> appending = burst(burster, terminal, 100 + random.nextInt(300));
        long killAfter = terminal.outbox().lastSeq() + 1 + random.nextInt(80);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
            .until(() -> terminal.outbox().lastSeq() >= killAfter || appending.isDone());
        hub.kill9();
        deleteContents(hub.brokerStore());
        appending.get(60, TimeUnit.SECONDS);
        long restarted = System.nanoTime();
        hub.launch();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
            .until(() -> terminal.outbox().depth() == 0);
        summary.recovery(Duration.ofNanos(System.nanoTime() - restarted));
      }
      finish(summary, hub.database(), terminal, iterations);
    } finally {
      burster.shutdownNow();
    }
  }

  private void runMosquitto(String scenario, boolean wipe) throws Exception {
    int iterations = Faults.iterations(4, 40);
    Random random = Faults.random(scenario);
    FaultSummary summary = new FaultSummary(scenario);
    ExecutorService burster = Executors.newSingleThreadExecutor(r -> new Thread(r, "faults-burst"));
    Path mosquittoDir = dir.resolve("mosquitto");
    try (Mosquitto mosquitto = Mosquitto.start(mosquittoDir);
        Hub hub = Hub.start(HubConfig.local(dir.resolve("hub"))
            .withBrokerUrl(URI.create(mosquitto.url())));
        TerminalRig terminal = TerminalRig.joined(hub, dir.resolve("kiosk-m"), "kiosk-m",
            Duration.ofSeconds(1))) {
      for (int i = 0; i < iterations; i++) {
        Future<?> appending = burst(burster, terminal, 100 + random.nextInt(300));
        long killAfter = terminal.outbox().lastSeq() + 1 + random.nextInt(80);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
            .until(() -> terminal.outbox().lastSeq() >= killAfter || appending.isDone());
        mosquitto.kill();
        if (wipe) {
          deleteContents(mosquittoDir.resolve("data"));
        }
        appending.get(60, TimeUnit.SECONDS);
        long restarted = System.nanoTime();
        mosquitto.restart();
        Faults.awaitOrDump(scenario + " drained after restart " + i, Duration.ofSeconds(90),
            () -> terminal.outbox().depth() == 0);
        summary.recovery(Duration.ofNanos(System.nanoTime() - restarted));
      }
      finish(summary, hub.config().dataDir().resolve("hub.db"), terminal, iterations);
    } finally {
      burster.shutdownNow();
    }
  }

  private static Future<?> burst(ExecutorService burster, TerminalRig terminal, int events) {
    return burster.submit(() -> {
      for (int n = 0; n < events; n++) {
        terminal.checkIn();
      }
    });
  }

  private static void finish(FaultSummary summary, Path hubDb, TerminalRig terminal, int iterations) {
    List<DeliveryChecker.Terminal> terminals = List.of(terminal.checked());
    await("hub sessions match the outbox").atMost(Duration.ofSeconds(30))
        .until(() -> DeliveryChecker.check(hubDb, terminals).exact());
    DeliveryChecker.Report report = DeliveryChecker.check(hubDb, terminals);
    summary.put("iterations (broker restarts)", iterations)
        .put("recovery measured", "broker restart until every event acked")
        .checker(report).publish();
    assertThat(report.exact()).as(report.toString()).isTrue();
  }

  static void deleteContents(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder))
          .forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
