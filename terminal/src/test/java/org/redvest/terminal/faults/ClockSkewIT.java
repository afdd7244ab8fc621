package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.Outbox;

/**
 * Fault 7: a terminal whose clock is wrong. A volunteer really stays 60 minutes (in 3 h ago, out
 * 2 h ago); the terminal stamps both with its own clock, skewed or jumping backwards between the
 * two. The hub credits the true 60 minutes or flags the session; the one case it cannot see (a
 * small backwards step inside a session) is the documented limit (docs/hours-rules.md).
 *
 * <p>The rig's own clock is right and only the events' times are shifted, so its heartbeats show
 * a correct clock: the hub reports the "behind" events as back-dated (review reason BACK_DATED,
 * measured with the heartbeat's offset). A terminal whose whole clock runs behind is flagged
 * CLOCK_SKEW instead: {@code EvidenceEndToEndTest.terminalClockThreeHoursBehind_…}.
 */
class ClockSkewIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Case(String name, Duration skewIn, Duration skewOut, long minutes, String flag, String reason) {}

  @Test
  void skewedTerminalClock_sessionsCorrectOrFlagged() throws Exception {
    List<Case> cases = List.of(
        new Case("ahead 3 h", Duration.ofHours(3), Duration.ofHours(3), 60, "CLOCK_AHEAD", "FLAGGED"),
        new Case("ahead 1 day", Duration.ofDays(1), Duration.ofDays(1), 60, "CLOCK_AHEAD", "FLAGGED"),
        new Case("behind 3 h", Duration.ofHours(-3), Duration.ofHours(-3), 60, null, "BACK_DATED"),
        new Case("behind 1 day", Duration.ofDays(-1), Duration.ofDays(-1), 60, null, "BACK_DATED"),
        new Case("jumps back 2 h mid-session", Duration.ZERO, Duration.ofHours(-2), 0, "NEEDS_REVIEW", "INCOMPLETE"),
        new Case("jumps back 20 min mid-session", Duration.ZERO, Duration.ofMinutes(-20), 40, null, "BACK_DATED"));
    FaultSummary summary = new FaultSummary("clock-skew");
    Clock wall = Clock.system(ZoneId.of("Asia/Shanghai"));
    OffsetDateTime trueIn = OffsetDateTime.now(wall).minusHours(3);
    List<String> outcomes = new ArrayList<>();
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")));
        Outbox outbox = org.redvest.terminal.FleetJoin.outbox(hub, dir.resolve("kiosk-c"), BurstDriver.STATION,
            TerminalId.of("kiosk-c"), wall);
        PahoRelay relay = PahoRelay.start(RelayConfig.of(hub.mqttUrl(), BurstDriver.STATION,
            TerminalId.of("kiosk-c"), "redvest-faults").withLogin(org.redvest.terminal.FleetJoin.join(hub,
            dir.resolve("kiosk-c"), BurstDriver.STATION, TerminalId.of("kiosk-c"))), outbox, () -> CameraHealth.stopped("rig"), wall)) {
      CheckIns checkIns = new CheckIns(outbox);
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        VolunteerId volunteer = VolunteerId.of("V-CLOCK-" + i);
        checkIns.decide(volunteer, CheckInMethod.QR, trueIn.plus(c.skewIn()));
        checkIns.decide(volunteer, CheckInMethod.QR, trueIn.plusHours(1).plus(c.skewOut()));
      }
      Faults.awaitOrDump("clock cases acked", Duration.ofSeconds(30), () -> outbox.depth() == 0);
      assertThat(relay.isConnected()).isTrue();
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        JsonNode hours = awaitHours(hub, "V-CLOCK-" + i);
        List<String> flags = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        hours.get("sessions").forEach(s -> s.get("flags").forEach(f -> flags.add(f.asText())));
        hours.get("sessions").forEach(s -> s.get("reviewReasons").forEach(r -> reasons.add(r.asText())));
        String open = hours.get("openSession").isNull() ? "" : ", plus an open check-in";
        String outcome = hours.get("totalMinutes").asLong() + " min, flags " + flags + ", review " + reasons + open;
        outcomes.add(c.name() + ": " + outcome);
        summary.put(c.name(), outcome);
        assertThat(hours.get("totalMinutes").asLong()).as(c.name()).isEqualTo(c.minutes());
        if (c.flag() != null) {
          assertThat(flags).as(c.name()).contains(c.flag());
        } else {
          assertThat(flags).as(c.name()).isEmpty();
        }
        assertThat(reasons).as(c.name()).contains(c.reason());
      }
      summary.put("true stay", "60 min").publish();
    }
  }

  private static JsonNode awaitHours(Hub hub, String volunteer) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode[] result = new JsonNode[1];
    Faults.awaitOrDump("sessions of " + volunteer, Duration.ofSeconds(20), () -> {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + hub.httpPort() + "/api/volunteers/" + volunteer + "/hours"))
        .header("Authorization", "Bearer " + hub.apiToken()).build(),
          HttpResponse.BodyHandlers.ofString());
      result[0] = JSON.readTree(r.body());
      return result[0].get("sessions").size() > 0;
    });
    return result[0];
  }
}
