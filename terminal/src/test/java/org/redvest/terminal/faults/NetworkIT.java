package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;

/**
 * Faults 4 and 5: the terminal process runs in its own network namespace and reaches the hub
 * over a veth pair. (4) The link is cut for a long stretch while check-ins continue: after it is
 * restored everything arrives, in terminalSeq order, and the drain rate is measured. (5) A slow,
 * lossy link: rate-limited (tbf) and flapping down/up at random (every packet sent while down is
 * lost), plus netem delay/loss/reordering where the kernel has sch_netem; still exact.
 */
class NetworkIT {
  @TempDir Path dir;

  @Test
  void linkCutForALongStretch_checkInsContinue_allDeliveredInOrderAfterRestore() throws Exception {
    int cutSeconds = Faults.iterations(20, 300);
    int pauseMs = 25;
    FaultSummary summary = new FaultSummary("network-cut");
    Path log = Faults.logDir("network-cut").resolve("kiosk-n.log");
    try (NetNs ns = NetNs.create();
        Hub hub = Hub.start(reachableOverTls(dir.resolve("hub")))) {
      Path hubDb = dir.resolve("hub").resolve("hub.db");
      Path data = dir.resolve("kiosk-n");
      String broker = "ssl://" + ns.hostAddress() + ":" + hub.mqttTlsPort();
      int count = (cutSeconds + 10) * 1000 / pauseMs;
      org.redvest.terminal.FleetJoin.join(hub, data, BurstDriver.STATION,
          org.redvest.protocol.TerminalId.of("kiosk-n"));
      Process terminal = Faults.java(log, ns.prefix(), BurstDriver.class, List.of("broker=" + broker,
          "data=" + data, "terminal=kiosk-n", "count=" + count, "pauseMs=" + pauseMs, "drain=true",
          "resendMs=5000"));
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> HubDb.events(hubDb, "kiosk-n") >= 20);
        ns.cut();
        long cutAt = System.nanoTime();
        long deliveredAtCut = HubDb.events(hubDb, "kiosk-n");
        await().pollDelay(Duration.ofSeconds(cutSeconds)).atMost(Duration.ofSeconds(cutSeconds + 5))
            .until(() -> true);
        long appendedAtRestore = HubDb.outboxLastSeq(data);
        long deliveredDuringCut = HubDb.events(hubDb, "kiosk-n") - deliveredAtCut;
        ns.restore();
        long restoredAt = System.nanoTime();
        await("backlog drained").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
            .until(() -> HubDb.events(hubDb, "kiosk-n") >= appendedAtRestore);
        Duration drain = Duration.ofNanos(System.nanoTime() - restoredAt);
        long backlog = appendedAtRestore - deliveredAtCut;
        assertThat(terminal.waitFor(cutSeconds + 120L, TimeUnit.SECONDS)).as("terminal finished; " + log).isTrue();
        assertThat(terminal.exitValue()).as("terminal exit code; " + log).isZero();
        List<DeliveryChecker.Terminal> terminals = List.of(new DeliveryChecker.Terminal(
            "JX-RJ-0001", "kiosk-n", data, DeliveryChecker.toldSeqs(log)));
        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryChecker.check(hubDb, terminals).exact());
        DeliveryChecker.Report report = DeliveryChecker.check(hubDb, terminals);
        long outOfOrder = outOfOrderArrivals(hubDb);
        summary.put("cut", cutSeconds + " s (veth down), check-ins every " + pauseMs + " ms")
            .put("delivered during the cut", deliveredDuringCut)
            .put("backlog at restore", backlog)
            .put("drain time after restore", FaultSummary.ms(drain))
            .put("drain rate", String.format("%.0f events/s", backlog / (drain.toMillis() / 1000.0)))
            .put("cut length", FaultSummary.ms(Duration.ofNanos(restoredAt - cutAt)))
            .put("stored out of terminalSeq order", outOfOrder)
            .checker(report).publish();
        assertThat(report.exact()).as(report.toString()).isTrue();
        assertThat(outOfOrder).as("events stored out of terminalSeq order").isZero();
      } finally {
        Faults.dumpAndKill(terminal, log);
      }
    }
  }

  @Test
  void slowLossyFlappingLink_stillExact() throws Exception {
    int seconds = Faults.iterations(25, 300);
    Random random = Faults.random("slow lossy link");
    FaultSummary summary = new FaultSummary("network-slow-lossy");
    Path log = Faults.logDir("network-slow-lossy").resolve("kiosk-l.log");
    try (NetNs ns = NetNs.create();
        Hub hub = Hub.start(reachableOverTls(dir.resolve("hub")))) {
      boolean netem = ns.qdisc("netem", "delay", "100ms", "50ms", "loss", "10%", "reorder", "25%");
      boolean shaped = netem || ns.qdisc("tbf", "rate", "256kbit", "burst", "4kb", "latency", "300ms");
      Path hubDb = dir.resolve("hub").resolve("hub.db");
      Path data = dir.resolve("kiosk-l");
      String broker = "ssl://" + ns.hostAddress() + ":" + hub.mqttTlsPort();
      int pauseMs = 20;
      org.redvest.terminal.FleetJoin.join(hub, data, BurstDriver.STATION,
          org.redvest.protocol.TerminalId.of("kiosk-l"));
      Process terminal = Faults.java(log, ns.prefix(), BurstDriver.class, List.of("broker=" + broker,
          "data=" + data, "terminal=kiosk-l", "count=" + seconds * 1000 / pauseMs,
          "pauseMs=" + pauseMs, "drain=true", "resendMs=3000"));
      int flaps = 0;
      try {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end && terminal.isAlive()) {
          int up = 300 + random.nextInt(2500);
          int down = 100 + random.nextInt(random.nextInt(10) == 0 ? 8000 : 1500);
          await().pollDelay(Duration.ofMillis(up)).atMost(Duration.ofMillis(up + 5000)).until(() -> true);
          ns.cut();
          flaps++;
          await().pollDelay(Duration.ofMillis(down)).atMost(Duration.ofMillis(down + 5000)).until(() -> true);
          ns.restore();
        }
        long restoredAt = System.nanoTime();
        boolean finished = terminal.waitFor(180, TimeUnit.SECONDS);
        Duration drain = Duration.ofNanos(System.nanoTime() - restoredAt);
        assertThat(finished).as("terminal drained; hub stored %d, ingest %s, outbox committed %d of %d; %s",
            HubDb.events(hubDb, "kiosk-l"), hub.ingestStats(), committedSeq(data), HubDb.outboxLastSeq(data),
            log).isTrue();
        assertThat(terminal.exitValue()).as("terminal exit code; " + log).isZero();
        List<DeliveryChecker.Terminal> terminals = List.of(new DeliveryChecker.Terminal(
            "JX-RJ-0001", "kiosk-l", data, DeliveryChecker.toldSeqs(log)));
        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryChecker.check(hubDb, terminals).exact());
        DeliveryChecker.Report report = DeliveryChecker.check(hubDb, terminals);
        summary.put("link", (netem ? "netem delay 100ms±50ms loss 10% reorder 25%"
                : shaped ? "tbf 256 kbit/s (kernel has no sch_netem: no delay/reorder qdisc)" : "unshaped")
                + ", flapping down 0.1-8 s / up 0.3-2.8 s")
            .put("duration", seconds + " s")
            .put("link flaps (packets dropped while down)", flaps)
            .put("drain after the last flap", FaultSummary.ms(drain))
            .checker(report).publish();
        assertThat(report.exact()).as(report.toString()).isTrue();
        assertThat(report.sum(DeliveryChecker.Result::committed)).isGreaterThan(seconds * 10L);
      } finally {
        ns.restore();
        Faults.dumpAndKill(terminal, log);
      }
    }
  }

  private static long committedSeq(Path data) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve("outbox.db") + "?mode=ro");
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'committed_seq'")) {
      return rs.next() ? Long.parseLong(rs.getString(1)) : -1;
    }
  }

  /** Events whose hub row id (insertion order) is below that of a smaller terminalSeq. */
  private static long outOfOrderArrivals(Path hubDb) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + hubDb + "?mode=ro");
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events a JOIN events b"
            + " ON a.terminal = b.terminal AND b.terminal_seq = a.terminal_seq + 1"
            + " WHERE b.rowid < a.rowid")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * A hub the namespaced kiosk reaches through the veth pair, not loopback: as in the field, only
   * over MQTT with TLS (pinned to the hub's key from provisioning); no plain MQTT off loopback.
   */
  private static HubConfig reachableOverTls(Path dataDir) {
    return HubConfig.local(dataDir).withTransport(
        org.redvest.hub.TransportConfig.local().withMqttHost("0.0.0.0"));
  }
}
