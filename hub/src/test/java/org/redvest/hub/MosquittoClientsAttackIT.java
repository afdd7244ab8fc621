package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.domain.fleet.FleetRefusal;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.testsupport.SharedData;

/**
 * The issue's attack, as an attacker on the same network would try it: Mosquitto's own command
 * line clients ({@code mosquitto_pub}, {@code mosquitto_sub}, Debian package mosquitto-clients)
 * against the hub's default setup with its embedded broker. Before the fleet work, the two
 * anonymous publishes below credited a volunteer with 480 minutes.
 */
class MosquittoClientsAttackIT {
  private static final Path PUB = Path.of("/usr/bin/mosquitto_pub");
  private static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
  private static final String TOPIC = "redvest/v1/stations/JX-NC-0002/terminals/kiosk-9/events";
  private static final String CHECK_IN = "{\"v\":1,\"eventId\":\"0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b\","
      + "\"stationId\":\"JX-NC-0002\",\"terminalId\":\"kiosk-9\",\"terminalSeq\":1,"
      + "\"volunteerId\":\"V-360781-000666\",\"kind\":\"CHECK_IN\",\"method\":\"FACE\",\"confidence\":0.99,"
      + "\"occurredAt\":\"2026-11-23T09:00:00.000+08:00\"}";
  private static final String CHECK_OUT = CHECK_IN.replace("0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8b",
      "0193a5c2-7d4e-7b1a-9f3e-2c1d5e6f7a8c").replace("\"terminalSeq\":1", "\"terminalSeq\":2")
      .replace("CHECK_IN", "CHECK_OUT").replace("T09:00", "T17:00");

  @TempDir Path dir;
  private Hub hub;
  private HubHttp http;

  @BeforeEach
  void start() {
    if (!Files.isExecutable(PUB) || !Files.isExecutable(SUB)) {
      SharedData.skipOrFail("mosquitto_pub/mosquitto_sub are not installed: run"
          + " scripts/install-test-deps.sh (Debian package mosquitto-clients)");
    }
    hub = Hub.start(HubConfig.local(dir));
    http = HubHttp.api(hub);
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void anonymousPublishAndSubscribe_refusedAtConnect_nothingCredited_attemptsShown() throws Exception {
    Run in = run(PUB, "-t", TOPIC, "-q", "1", "-m", CHECK_IN);
    Run out = run(PUB, "-t", TOPIC, "-q", "1", "-m", CHECK_OUT);
    Run everything = run(SUB, "-t", "#", "-v", "-W", "3");

    assertThat(List.of(in, out, everything)).allSatisfy(r -> {
      assertThat(r.exit()).isNotZero();
      assertThat(r.output()).containsIgnoringCase("connection refused");
    });
    assertThat(http.eventCount()).isZero();
    assertThat(http.json("/api/volunteers/V-360781-000666/hours").path("totalMinutes").asLong()).isZero();
    // What the fleet page lists: the three attempts, counted against the address they came from.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(http.json("/api/fleet/refusals").path("refusals")).anySatisfy(r -> {
          assertThat(r.path("kind").asText()).isEqualTo("LOGIN");
          assertThat(r.path("subject").asText()).isEqualTo("anonymous from 127.0.0.1");
          assertThat(r.path("count").asLong()).isGreaterThanOrEqualTo(3);
        }));
  }

  @Test
  void provisionedKioskOfAnotherStation_subscriptionDenied_forgedEventsDropped() throws Exception {
    Provisioning kiosk = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-1");
    List<String> login = List.of("-u", kiosk.username(), "-P", kiosk.password(), "-i", "rv/JX-RJ-0001/kiosk-1");

    Run everything = run(SUB, with(login, "-t", "#", "-v", "-W", "3"));
    Run in = run(PUB, with(login, "-t", TOPIC, "-q", "0", "-m", CHECK_IN));
    Run out = run(PUB, with(login, "-t", TOPIC, "-q", "0", "-m", CHECK_OUT));

    assertThat(everything.output()).contains("All subscription requests were denied");
    assertThat(in.exit()).as("the broker takes a QoS 0 publish silently").isZero();
    assertThat(out.exit()).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> hub.fleet().refusals().stream()
        .anyMatch(r -> r.kind() == FleetRefusal.Kind.PUBLISH && r.count() == 2));
    assertThat(hub.fleet().refusals()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(FleetRefusal.Kind.SUBSCRIBE);
      assertThat(r.detail()).isEqualTo("subscribe to #");
    });
    assertThat(http.eventCount()).isZero();
    assertThat(http.json("/api/volunteers/V-360781-000666/hours").path("totalMinutes").asLong()).isZero();
  }

  @Test
  void overTls_standardClientVerifiesTheGeneratedCertificate_thenIsRefusedWithoutALogin()
      throws Exception {
    Path cafile = dir.resolve("fleet/tls-cert.pem");
    List<String> tls = List.of("-h", "localhost", "-p", Integer.toString(hub.mqttTlsPort()),
        "--cafile", cafile.toString());
    // The certificate names localhost, so mosquitto's own host-name check passes: the refusal is
    // the broker's, after the handshake.
    Run anonymous = runAt(PUB, with(tls, "-t", TOPIC, "-q", "1", "-m", CHECK_IN));
    assertThat(anonymous.exit()).isNotZero();
    assertThat(anonymous.output()).containsIgnoringCase("connection refused")
        .doesNotContainIgnoringCase("certificate");

    Provisioning kiosk = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-1");
    List<String> login = with(tls, "-u", kiosk.username(), "-P", kiosk.password(),
        "-i", "rv/JX-RJ-0001/kiosk-1");
    Run everything = runAt(SUB, with(login, "-t", "#", "-v", "-W", "3"));
    assertThat(everything.output()).contains("All subscription requests were denied");

    try (Hub other = Hub.start(HubConfig.local(dir.resolve("other")))) {
      List<String> wrongAnchor = List.of("-h", "localhost", "-p", Integer.toString(hub.mqttTlsPort()),
          "--cafile", dir.resolve("other/fleet/tls-cert.pem").toString());
      Run spoofed = runAt(PUB, with(wrongAnchor, "-u", kiosk.username(), "-P", kiosk.password(),
          "-i", "rv/JX-RJ-0001/kiosk-1", "-t", TOPIC, "-q", "1", "-m", CHECK_IN));
      assertThat(spoofed.exit()).isNotZero();
      assertThat(spoofed.output()).containsIgnoringCase("TLS error");
      assertThat(other.fleet().refusals()).isEmpty();
    }
    assertThat(http.eventCount()).isZero();
  }

  private record Run(int exit, String output) {}

  private static List<String> with(List<String> login, String... args) {
    List<String> all = new ArrayList<>(login);
    all.addAll(List.of(args));
    return all;
  }

  private Run run(Path binary, String... args) throws IOException, InterruptedException {
    return run(binary, List.of(args));
  }

  private Run run(Path binary, List<String> args) throws IOException, InterruptedException {
    return runAt(binary, with(List.of("-h", "127.0.0.1", "-p", Integer.toString(hub.mqttPort())),
        args.toArray(new String[0])));
  }

  /** Runs {@code binary} with {@code args} only (they name the host and port). */
  private Run runAt(Path binary, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
