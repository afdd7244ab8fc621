package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;
import org.redvest.testsupport.Mosquitto;

/**
 * Terminal and hub through a real, separately running Mosquitto, as a deployment that outgrew
 * the embedded broker would run: the broker is down while the volunteers check in, and the
 * events still arrive exactly once once it is back.
 */
class MosquittoEndToEndIT {
  @TempDir Path dir;

  @Test
  void brokerDownDuringCheckIns_thenBack_everyEventArrivesOnceWithScriptedMinutes() throws Exception {
    Path video = dir.resolve("badges.mp4");
    DemoVideo.write(DemoScript.defaultScript(), video);
    try (Mosquitto mosquitto = Mosquitto.start(dir.resolve("mosquitto"));
        Hub hub = Hub.start(HubConfig.local(dir.resolve("hub"))
            .withBrokerUrl(URI.create(mosquitto.url())))) {
      HubClient hubClient = new HubClient(hub, dir.resolve("hub"));
      TerminalConfig config = TerminalConfig.replay(video, StationId.of("JX-RJ-0001"),
          TerminalId.of("kiosk-7"), mosquitto.url(), dir.resolve("kiosk-7"),
          OffsetDateTime.parse("2026-11-23T08:00:00+08:00").toInstant());

      try (Terminal terminal = Terminal.start(FleetJoin.joined(hub, config), new RecordingScreen())) {
        mosquitto.kill();
        terminal.runFrames();
        assertThat(terminal.outbox().depth()).as("kept while the broker is down").isEqualTo(6);

        mosquitto.restart();

        assertThat(terminal.awaitDrained(Duration.ofSeconds(60))).as("acknowledged after restart").isTrue();
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          DemoScript.defaultScript().expectedMinutes().forEach((volunteer, minutes) ->
              assertThat(hubClient.totalMinutes(volunteer.value())).as("%s", volunteer).isEqualTo(minutes)));
      assertThat(hubClient.eventIds("JX-RJ-0001", "kiosk-7")).hasSize(6).doesNotHaveDuplicates();
    }
  }
}
