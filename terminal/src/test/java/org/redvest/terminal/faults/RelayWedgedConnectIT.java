package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;

/**
 * Regression for the defect the broker-restart faults found: a broker that accepts the TCP
 * connection and drops it at once (a broker being killed or still starting) could wedge Paho's
 * connect forever (ConnectBG waiting in CommsReceiver.start), and the relay never tried again.
 * Here a port slams every connection for a while, then the real hub's broker takes the port:
 * the relay must get there and deliver.
 */
class RelayWedgedConnectIT {
  @TempDir Path dir;

  @Test
  void brokerDroppingConnectionsAtAccept_thenBack_relayReconnectsAndDelivers() throws Exception {
    int port = Faults.freePort();
    // The kiosk joined the fleet at install time; the hub is then down (its port slams) a while.
    try (Hub installer = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      org.redvest.terminal.FleetJoin.join(installer, dir.resolve("kiosk-w"), BurstDriver.STATION,
          org.redvest.protocol.TerminalId.of("kiosk-w"));
    }
    AtomicInteger slammed = new AtomicInteger();
    ExecutorService slammer = Executors.newSingleThreadExecutor(r -> new Thread(r, "faults-slammer"));
    ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    slammer.submit(() -> slam(socket, slammed));
    try (TerminalRig terminal = new TerminalRig("tcp://127.0.0.1:" + port, dir.resolve("kiosk-w"),
        "kiosk-w", Duration.ofSeconds(1))) {
      for (int i = 0; i < 20; i++) {
        terminal.checkIn();
      }
      Faults.awaitOrDump("connections slammed", Duration.ofSeconds(30), () -> slammed.get() >= 6);
      socket.close();
      slammer.shutdownNow();
      try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")).withMqttPort(port))) {
        Faults.awaitOrDump("relay reconnected and drained", Duration.ofSeconds(60),
            () -> terminal.outbox().depth() == 0);
        assertThat(HubDb.events(hub.config().dataDir().resolve("hub.db"), "kiosk-w")).isEqualTo(20);
      }
    } finally {
      socket.close();
      slammer.shutdownNow();
    }
  }

  private static void slam(ServerSocket socket, AtomicInteger slammed) {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        s.setSoLinger(true, 0);
        slammed.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }
}
