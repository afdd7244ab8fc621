package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Heartbeat;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.kiosk.Kiosk;
import org.redvest.terminal.kiosk.Screen;
import org.redvest.terminal.kiosk.StationClock;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.Outbox;

/**
 * Fault 6: the terminal's data dir is a 256 KiB tmpfs that fills up while volunteers keep
 * scanning. The kiosk refuses new check-ins with a clear message, raises STORAGE_FULL in its
 * heartbeat (shown by the hub at /api/stations), keeps and delivers every event it did record,
 * and records again once space is freed. Nothing is silently dropped.
 */
class DiskFullIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void terminalDiskFills_kioskRefusesWithMessageAndAlarm_keepsEverythingItTold() throws Exception {
    Faults.requireRoot("the disk-full fault (mount -t tmpfs)");
    Path data = dir.resolve("kiosk-d");
    Files.createDirectories(data);
    Faults.requireThat(Faults.run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", data.toString()) == 0,
        "cannot mount a tmpfs on " + data + " (needs root and mount)");
    FaultSummary summary = new FaultSummary("disk-full");
    try {
      Path filler = data.resolve("filler.bin");
      Files.write(filler, new byte[96 * 1024]);
      run(data, filler, summary);
    } finally {
      Faults.run("umount", "-l", data.toString());
    }
  }

  private void run(Path data, Path filler, FaultSummary summary) throws Exception {
    Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    Screens screen = new Screens();
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")));
        Outbox outbox = org.redvest.terminal.FleetJoin.outbox(hub, data, BurstDriver.STATION,
            TerminalId.of("kiosk-d"), clock);
        PahoRelay relay = PahoRelay.start(RelayConfig.of(hub.mqttUrl(), BurstDriver.STATION,
                TerminalId.of("kiosk-d"), "redvest-faults").withResendAfter(Duration.ofSeconds(1))
                .withLogin(org.redvest.terminal.FleetJoin.join(hub, data, BurstDriver.STATION,
                    TerminalId.of("kiosk-d")))
                .withHeartbeatInterval(Duration.ofMillis(500)), outbox,
            () -> CameraHealth.stopped("fault rig"), clock)) {
      Kiosk kiosk = new Kiosk(null, new CheckIns(outbox, Duration.ofMinutes(3)), screen,
          StationClock.wall(clock));
      int scans = 0;
      while (!screen.refusedStorageFull() && scans < 5_000) {
        kiosk.onScannerLine("RV1:V-DISK-" + scans + ":志愿者" + scans);
        scans++;
      }
      assertThat(screen.refusedStorageFull()).as("refused after %d scans", scans).isTrue();
      int toldWhileFilling = screen.recorded.size();
      assertThat(outbox.storageFull()).isTrue();
      await("hub shows STORAGE_FULL").atMost(Duration.ofSeconds(20))
          .until(() -> alarms(hub).contains(Heartbeat.STORAGE_FULL));

      int refusedScans = 0;
      for (int i = 0; i < 20; i++) {
        kiosk.onScannerLine("RV1:V-DISK-MORE-" + i);
        refusedScans++;
      }
      assertThat(screen.recorded).hasSize(toldWhileFilling);

      Files.delete(filler);
      kiosk.onScannerLine("RV1:V-DISK-AFTER:空间已释放");
      assertThat(screen.recorded).as("records again once space is freed").hasSize(toldWhileFilling + 1);
      assertThat(outbox.storageFull()).isFalse();
      await("alarm cleared").atMost(Duration.ofSeconds(20))
          .until(() -> !alarms(hub).contains(Heartbeat.STORAGE_FULL));
      await("drained").atMost(Duration.ofSeconds(60)).until(() -> outbox.depth() == 0);
      assertThat(relay.isConnected()).isTrue();

      Set<Long> told = new HashSet<>();
      for (long seq = 1; seq <= screen.recorded.size(); seq++) {
        told.add(seq);
      }
      List<DeliveryChecker.Terminal> terminals = List.of(
          new DeliveryChecker.Terminal("JX-RJ-0001", "kiosk-d", data, told));
      Path hubDb = dir.resolve("hub").resolve("hub.db");
      await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryChecker.check(hubDb, terminals).exact());
      DeliveryChecker.Report report = DeliveryChecker.check(hubDb, terminals);
      summary.put("data dir", "tmpfs 256 KiB, 96 KiB filler freed after the refusals")
          .put("scans until full", scans)
          .put("check-ins told before full", toldWhileFilling)
          .put("scans refused with the storage-full message", refusedScans + 1)
          .put("screen message", Kiosk.STORAGE_FULL)
          .put("heartbeat alarm seen at /api/stations", Heartbeat.STORAGE_FULL)
          .checker(report).publish();
      assertThat(report.exact()).as(report.toString()).isTrue();
    }
  }

  private static List<String> alarms(Hub hub) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/stations"))
        .header("Authorization", "Bearer " + hub.apiToken()).build(),
        HttpResponse.BodyHandlers.ofString());
    List<String> alarms = new java.util.ArrayList<>();
    for (JsonNode station : JSON.readTree(r.body())) {
      for (JsonNode terminal : station.get("terminals")) {
        if (terminal.get("terminalId").asText().equals("kiosk-d") && terminal.hasNonNull("alarms")) {
          terminal.get("alarms").forEach(a -> alarms.add(a.asText()));
        }
      }
    }
    return alarms;
  }

  /** What the volunteer sees, kept for the assertions. */
  private static final class Screens implements Screen {
    final List<String> recorded = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();

    @Override
    public void recorded(EventKind kind, String name, OffsetDateTime at) {
      recorded.add(kind + " " + name);
    }

    @Override
    public void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt) {}

    @Override
    public void refused(String reason) {
      refused.add(reason);
    }

    @Override
    public void camera(String problem) {}

    boolean refusedStorageFull() {
      return refused.contains(Kiosk.STORAGE_FULL);
    }
  }
}
