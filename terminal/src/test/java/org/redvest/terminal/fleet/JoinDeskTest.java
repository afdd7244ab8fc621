package org.redvest.terminal.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.TransportConfig;
import org.redvest.hub.domain.fleet.ClaimCode;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.HandClock;

/**
 * The join desk against a real hub: a join code read while its hub is down is kept and claimed
 * once the hub answers; one the hub refuses is forgotten with the hub's reason; an armed camera
 * stops reading join codes after {@link JoinDesk#ARMED_FOR}.
 */
class JoinDeskTest {
  private static final TerminalAccount KIOSK = TerminalAccount.of("JX-RJ-0001", "kiosk-1");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void joinCode_hubDownWhenRead_keptAndClaimedOnceTheHubAnswers() throws Exception {
    Path hubData = dir.resolve("hub");
    HubConfig again;
    String joinCode;
    try (Hub hub = Hub.start(HubConfig.local(hubData))) {
      // The same ports later, so the join code's address stays right.
      again = HubConfig.local(hubData).withHttpPort(hub.httpPort()).withMqttPort(hub.mqttPort())
          .withTransport(TransportConfig.local().withMqttTlsPort(hub.mqttTlsPort()).withHttpsPort(hub.httpsPort()));
      joinCode = joinCode(hub);
    }
    Path data = dir.resolve("kiosk");
    CountDownLatch joined = new CountDownLatch(1);
    try (JoinDesk desk = JoinDesk.open(data, KIOSK, Clock.systemUTC(), Duration.ofMillis(200), "https://hub:8443",
        joined::countDown)) {
      desk.arm("manager-1");
      assertThat(desk.offer(joinCode)).hasValueSatisfying(r -> assertThat(r.accepted()).isTrue());
      assertThat(desk.status().state()).isEqualTo(JoinDesk.State.CONFIRM);
      assertThat(TerminalIdentity.open(data).bundle()).as("nothing kept before the manager confirms").isEmpty();
      desk.confirm("manager-1");
      await().atMost(WAIT).until(() -> desk.status().state() == JoinDesk.State.WAITING_FOR_HUB);
      assertThat(desk.status().detail()).contains("cannot reach the hub");
      assertThat(TerminalIdentity.open(data).bundle()).as("kept for the next tries").isPresent();
      assertThatThrownBy(() -> desk.arm("manager-2")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("under way");

      try (Hub hub = Hub.start(again)) {
        assertThat(joined.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(hub.fleet().terminal(KIOSK)).isPresent();
      }
      assertThat(desk.status().state()).isEqualTo(JoinDesk.State.JOINED);
      assertThat(desk.status().by()).isEqualTo("manager-1");
    }
    assertThat(TerminalIdentity.open(data).bundle()).isEmpty();
    assertThat(TerminalIdentity.open(data).provisioning()).isPresent();
  }

  @Test
  void joinCode_alreadyUsed_refusedWithTheHubsReason_andForgotten() throws Exception {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      String joinCode = joinCode(hub);
      try (JoinDesk other = JoinDesk.open(dir.resolve("other"), KIOSK, Clock.systemUTC(), Duration.ofSeconds(1),
          "https://hub:8443", () -> { })) {
        other.arm("manager-1");
        other.offer(joinCode);
        other.confirm("manager-1");
        await().atMost(WAIT).until(() -> other.status().state() == JoinDesk.State.JOINED);
      }
      Path data = dir.resolve("kiosk");
      CountDownLatch joined = new CountDownLatch(1);
      try (JoinDesk desk = JoinDesk.open(data, KIOSK, Clock.systemUTC(), Duration.ofSeconds(1), "https://hub:8443",
          joined::countDown)) {
        desk.arm("manager-1");
        desk.offer(joinCode);
        desk.confirm("manager-1");
        await().atMost(WAIT).until(() -> desk.status().state() == JoinDesk.State.REFUSED);
        assertThat(desk.status().detail()).contains("already used");
        assertThat(TerminalIdentity.open(data).bundle()).as("not tried again at the next start").isEmpty();
        assertThat(joined.getCount()).isEqualTo(1);
        assertThat(desk.arm("manager-1").state()).as("the manager may try another code").isEqualTo(JoinDesk.State.ARMED);
      }
    }
  }

  @Test
  void stoppedWhileWaitingForTheHub_keepsTheJoinCode_theNextStartShowsItAndAManagerCanForgetIt() throws Exception {
    String joinCode;
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      joinCode = joinCode(hub);
    }
    Path data = dir.resolve("kiosk");
    try (JoinDesk desk = JoinDesk.open(data, KIOSK, Clock.systemUTC(), Duration.ofMillis(100), "https://hub:8443",
        () -> { })) {
      desk.arm("manager-1");
      desk.offer(joinCode);
      desk.confirm("manager-1");
      await().atMost(WAIT).until(() -> desk.status().state() == JoinDesk.State.WAITING_FOR_HUB);
    }
    assertThat(TerminalIdentity.open(data).bundle()).as("stopping is not the hub's refusal").isPresent();

    try (JoinDesk again = JoinDesk.open(data, KIOSK, Clock.systemUTC(), Duration.ofMillis(100), "https://hub:8443",
        () -> { })) {
      assertThat(again.status().state()).isEqualTo(JoinDesk.State.WAITING_FOR_HUB);
      assertThatThrownBy(() -> again.arm("manager-1")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("forget");
      assertThat(again.forget("manager-1").state()).isEqualTo(JoinDesk.State.NOT_JOINED);
      assertThat(TerminalIdentity.open(data).bundle()).isEmpty();
      assertThat(again.arm("manager-1").state()).isEqualTo(JoinDesk.State.ARMED);
    }
  }

  @Test
  void joinCode_expired_refused_andAReadCodeNobodyConfirms_isDroppedAfterThreeMinutes() throws Exception {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      ClaimCode claim = hub.fleet().createClaim(KIOSK, "test", Duration.ofMinutes(30));
      String joinCode = hub.fleet().joinCode(claim, URI.create("https://127.0.0.1:" + hub.httpsPort()));
      HandClock clock = new HandClock(claim.expiresAt().plusSeconds(1));
      try (JoinDesk desk = JoinDesk.open(dir.resolve("kiosk"), KIOSK, clock, Duration.ofSeconds(1),
          "https://hub:8443", () -> { })) {
        desk.arm("manager-1");
        assertThat(desk.offer(joinCode)).hasValueSatisfying(r -> {
          assertThat(r.accepted()).isFalse();
          assertThat(r.message()).contains("expired");
        });

        clock.now = claim.expiresAt().minus(Duration.ofMinutes(10));
        desk.arm("manager-1");
        desk.offer(joinCode);
        assertThat(desk.status().state()).isEqualTo(JoinDesk.State.CONFIRM);
        clock.now = clock.now.plus(JoinDesk.ARMED_FOR);
        assertThatThrownBy(() -> desk.confirm("manager-1")).isInstanceOf(IllegalStateException.class);
        assertThat(hub.fleet().terminal(KIOSK)).isEmpty();
      }
    }
  }

  @Test
  void armedCamera_stopsReadingJoinCodesAfterThreeMinutes() {
    Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
    HandClock clock = new HandClock(t0);
    try (JoinDesk desk = JoinDesk.open(dir.resolve("kiosk"), KIOSK, clock, Duration.ofSeconds(1), "https://hub:8443",
        () -> { })) {
      desk.arm("manager-1");
      clock.now = t0.plus(JoinDesk.ARMED_FOR).minusSeconds(1);
      assertThat(desk.status().state()).isEqualTo(JoinDesk.State.ARMED);
      clock.now = t0.plus(JoinDesk.ARMED_FOR);

      // Straight to offer, as the frame loop calls it: expiry is checked there, not only by status().
      assertThat(desk.offer("RVJ1:{}")).hasValueSatisfying(r -> {
        assertThat(r.accepted()).isFalse();
        assertThat(r.message()).contains("arm joining");
      });
      assertThat(desk.offer("RV1:V-360781-000101:张三")).as("a volunteer's code is not the desk's").isEmpty();
    }
  }

  private static String joinCode(Hub hub) {
    ClaimCode claim = hub.fleet().createClaim(KIOSK, "test", Duration.ofMinutes(30));
    return hub.fleet().joinCode(claim, URI.create("https://127.0.0.1:" + hub.httpsPort()));
  }
}
