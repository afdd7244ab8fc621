package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.Heartbeat;
import org.redvest.protocol.WireCodec;

/**
 * A kiosk whose publishes the broker does not acknowledge says so in its heartbeat
 * (docs/protocol.md §8); the hub keeps it and the fleet page and the stations API show it.
 */
class KioskFleetStateTest {
  @TempDir Path dir;

  @Test
  void heartbeat_publishesUnacked_shownOnTheFleetPageAndInTheApi() throws Exception {
    try (Hub hub = Hub.start(HubConfig.local(dir));
        PahoTerminal kiosk = new PahoTerminal(hub, "JX-RJ-0001", "kiosk-1")) {
      HubHttp http = HubHttp.api(hub);
      Heartbeat beat = new Heartbeat(OffsetDateTime.parse("2026-12-07T09:00:00+08:00"), 10, 3, 120,
          null, "ok", null, "redvest-test", List.of(), "publishes-unacked",
          "no PUBACK for 60 s: the broker refuses this terminal's publishes");
      kiosk.publishRaw(hub.config().topics().heartbeat(kiosk.station, kiosk.terminal),
          WireCodec.encodeHeartbeat(beat));

      await().atMost(Duration.ofSeconds(20)).until(() -> "publishes-unacked".equals(
          http.json("/api/stations").get(0).get("terminals").get(0).path("fleetState").asText()));
      HubHttp.Reply page = http.get("/ui/fleet?lang=en");
      assertThat(page.text()).contains("id=\"kiosk-state-JX-RJ-0001/kiosk-1\"")
          .contains("publishes not acknowledged").contains("no PUBACK for 60 s");
    }
  }
}
