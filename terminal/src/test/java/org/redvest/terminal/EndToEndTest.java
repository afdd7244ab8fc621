package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;

/**
 * The whole path on real parts: a generated video of volunteers showing QR badges, decoded by the
 * terminal's JavaCV/ZXing pipeline, committed to its SQLite outbox, published with Paho to the
 * hub's embedded broker, stored and turned into hours by the hub, read back over HTTP.
 */
class EndToEndTest {
  static final OffsetDateTime REPLAY_START = OffsetDateTime.parse("2026-11-23T08:00:00+08:00");
  static final StationId STATION = StationId.of("JX-RJ-0001");

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);
  Path video;

  @BeforeEach
  void startHub() throws Exception {
    video = dir.resolve("badges.mp4");
    DemoVideo.write(DemoScript.defaultScript(), video);
  }

  @Test
  void replay_demoVideo_hubCreditsEachVolunteerTheScriptedMinutes() {
    TerminalConfig config = TerminalConfig.replay(video, STATION, TerminalId.of("kiosk-1"),
        local.hub().mqttUrl(), dir.resolve("kiosk-1"), REPLAY_START.toInstant());
    RecordingScreen screen = new RecordingScreen();

    try (Terminal terminal = Terminal.start(FleetJoin.joined(local.hub(), config), screen)) {
      assertThat(terminal.runFrames()).isEqualTo(DemoScript.defaultScript().lengthSeconds() * DemoVideo.FPS);
      assertThat(terminal.awaitDrained(Duration.ofSeconds(30))).as("hub acknowledged every event").isTrue();
    }

    assertThat(screen.recorded()).containsExactly(
        "CHECK_IN 张三 2026-11-23T08:02:00+08:00",
        "CHECK_IN 李四 2026-11-23T08:06:00+08:00",
        "CHECK_IN 王五 2026-11-23T08:10:00+08:00",
        "CHECK_OUT 张三 2026-11-23T08:32:00+08:00",
        "CHECK_OUT 李四 2026-11-23T08:51:00+08:00",
        "CHECK_OUT 王五 2026-11-23T09:10:00+08:00");
    Map<VolunteerId, Long> expected = DemoScript.defaultScript().expectedMinutes();
    assertThat(expected).hasSize(3);
    expected.forEach((volunteer, minutes) -> {
      JsonNode hours = local.client().get("/api/volunteers/" + volunteer + "/hours");
      assertThat(hours.get("totalMinutes").asLong()).as("minutes of %s", volunteer).isEqualTo(minutes);
      assertThat(hours.get("sessions")).hasSize(1);
      assertThat(hours.get("openSession").isNull()).isTrue();
    });
  }

  @Test
  void replay_sameVideoTwiceOnOneDataDir_secondRunChecksEveryoneOutAgainWithoutDuplicates() {
    TerminalId kiosk = TerminalId.of("kiosk-2");
    Path data = dir.resolve("kiosk-2");
    try (Terminal first = Terminal.start(FleetJoin.joined(local.hub(), TerminalConfig.replay(video, STATION, kiosk,
        local.hub().mqttUrl(), data, REPLAY_START.toInstant())), new RecordingScreen())) {
      first.runFrames();
      assertThat(first.awaitDrained(Duration.ofSeconds(30))).isTrue();
    }
    RecordingScreen screen = new RecordingScreen();
    try (Terminal second = Terminal.start(FleetJoin.joined(local.hub(), TerminalConfig.replay(video, STATION, kiosk,
        local.hub().mqttUrl(), data, REPLAY_START.plusHours(2).toInstant())), screen)) {
      second.runFrames();
      assertThat(second.awaitDrained(Duration.ofSeconds(30))).isTrue();
      assertThat(second.outbox().lastSeq()).isEqualTo(12);
    }

    assertThat(screen.recorded()).first().asString().startsWith("CHECK_IN 张三 2026-11-23T10:02");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(local.client().eventIds(STATION.value(), kiosk.value())).hasSize(12).doesNotHaveDuplicates());
    assertThat(local.client().totalMinutes("V-360781-000101")).isEqualTo(2 * 30);
  }
}
