package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.terminal.credential.BadgePolicy;
import org.redvest.terminal.mqtt.FleetState;
import org.redvest.terminal.outbox.StoredEvent;

/**
 * What a kiosk tells about its place in the fleet (issue 12), against a real hub and its embedded
 * broker with the fleet's ACL: not joined, and publishes the broker never acknowledges. Login
 * refused after a revocation is shown on the manager view ({@code KioskScreenEndToEndTest}).
 */
class FleetStateEndToEndTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);

  /**
   * A joined kiosk set up with another hub's topic prefix: the fleet's ACL refuses every topic
   * outside its own, its last will included, so the broker refuses the connection. The kiosk says
   * why, and keeps its event.
   */
  @Test
  void kiosk_withAWrongTopicPrefix_refusedAtConnect_saysWhyAndKeepsItsOutbox() {
    FleetJoin.join(local.hub(), dir.resolve("kiosk-1"), STATION, KIOSK);
    try (Terminal kiosk = start(Topics.of("city-b/redvest/v1"))) {
      kiosk.kiosk().onScannerLine("RV1:V-1:张三");

      // Its last will (its status topic) already lies outside its ACL: the broker refuses the
      // connection with return code 5, and the kiosk says what that most likely means.
      await().atMost(WAIT).until(() -> kiosk.fleetState().kind() == FleetState.Kind.LOGIN_REFUSED);
      assertThat(kiosk.fleetState().detail()).contains("return code 5").contains("a wrong topic prefix?")
          .contains("city-b/redvest/v1/stations/JX-RJ-0001/terminals/kiosk-1/status");
      assertThat(kiosk.outbox().depth()).isEqualTo(1);
      assertThat(kiosk.outbox().unacked(10)).extracting(StoredEvent::seq).containsExactly(1L);
    }
    assertThat(local.client().eventIds(STATION.value(), KIOSK.value())).isEmpty();
    assertThat(local.client().get("/api/fleet/refusals").toString()).contains("PUBLISH").contains("city-b/redvest/v1");
  }

  @Test
  void kiosk_notJoined_reportsNotJoinedWithHowToJoinAndKeepsItsCheckIn() {
    try (Terminal kiosk = start(Topics.defaults())) {
      kiosk.kiosk().onScannerLine("RV1:V-1:张三");

      assertThat(kiosk.fleetState().kind()).isEqualTo(FleetState.Kind.NOT_JOINED);
      assertThat(kiosk.fleetState().detail()).contains("has not joined the fleet")
          .contains("--claim CODE --hub http://HUB:PORT");
      assertThat(kiosk.isConnected()).isFalse();
      assertThat(kiosk.outbox().depth()).isEqualTo(1);
    }
  }

  private Terminal start(Topics topics) {
    TerminalConfig replay = TerminalConfig.replay(dir.resolve("unused.mp4"), STATION, KIOSK, local.hub().mqttUrl(),
        dir.resolve("kiosk-1"), Instant.now()).withResendAfter(Duration.ofMillis(500));
    TerminalConfig config = new TerminalConfig(replay.profile(), replay.baseDir(), replay.station(),
        replay.terminal(), replay.brokerUrl(), replay.dataDir(), topics, replay.zone(), Duration.ZERO,
        replay.replayStart(), replay.pace(), replay.exitAtEnd(), replay.drainTimeout(), replay.resendAfter(),
        replay.heartbeatInterval());
    return Terminal.start(config, new RecordingScreen(), null, BadgePolicy.defaults());
  }
}
