package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.credential.BadgePolicy;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.terminal.publish.PublishCommand;

/**
 * {@code publish} on real parts: a hub in this JVM with its embedded broker and fleet, the
 * terminal's own SQLite outbox, and a kiosk that joined with a claim code.
 */
class PublishCommandTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  private static final OffsetDateTime NINE = OffsetDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZoneOffset.ofHours(8));

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);
  private Path data;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startHub() {
    data = dir.resolve("kiosk-1");
  }

  @Test
  void publish_fileOfEventsWithWait_allAcknowledgedAndTheHubCountsTheirHours() throws Exception {
    FleetJoin.join(local.hub(), data, STATION, KIOSK);
    int volunteers = 300;
    Path file = eventsFile(shifts(volunteers, 150));

    int exit = publish("--data-dir", data.toString(), "--events", file.toString(), "--wait",
        "--broker", local.hub().mqttUrl(), "--drain-timeout", "60s");

    assertThat(exit).as(err()).isZero();
    assertThat(out()).contains("appended 600 events as JX-RJ-0001/kiosk-1 (terminalSeq 1 to 600)")
        .contains("acknowledged 600 of 600 by the hub in").contains("events/s");
    assertThat(local.client().eventIds(STATION.value(), KIOSK.value())).hasSize(2 * volunteers).doesNotHaveDuplicates();
    // The hub publishes its ack before it recomputes the sessions of what it committed.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(local.client().totalMinutes("V-1")).isEqualTo(150);
      assertThat(local.client().totalMinutes("V-" + volunteers)).isEqualTo(150);
    });
    JsonNode first = local.client().events(STATION.value(), KIOSK.value()).get(0);
    assertThat(first.get("sig").asText()).as("signed by the kiosk's key").hasSize(86);
    assertThat(first.get("method").asText()).isEqualTo("QR");
  }

  /** The kiosk holds the outbox open and relays it; the command appends beside it and waits. */
  @Test
  void publish_whileTheKioskRuns_kioskDeliversThemAndTheChainStaysWhole() throws Exception {
    try (Terminal kiosk = startKiosk()) {
      kiosk.kiosk().onScannerLine("RV1:V-900:李四");
      Path file = eventsFile(shifts(50, 60));

      int exit = publish("--data-dir", data.toString(), "--events", file.toString(), "--wait",
          "--broker", "tcp://127.0.0.1:1", "--drain-timeout", "60s");
      kiosk.kiosk().onScannerLine("RV1:V-901:王五");

      assertThat(exit).as(err()).isZero();
      assertThat(out()).contains("the kiosk is running: it delivers them").contains("acknowledged 100 of 100");
      assertThat(kiosk.outbox().lastSeq()).isEqualTo(102);
      assertThat(kiosk.awaitDrained(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(local.client().eventIds(STATION.value(), KIOSK.value())).hasSize(102);
    await().atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(local.client().totalMinutes("V-50")).isEqualTo(60));
    JsonNode chain = terminalOnStationsPage().get("chain");
    assertThat(chain.get("state").asText()).isEqualTo("ok");
    assertThat(chain.get("verifiedSeq").asLong()).isEqualTo(102);
  }

  @Test
  void publish_malformedLines_appendsNothingAndNamesEachLineAndField() throws Exception {
    FleetJoin.join(local.hub(), data, STATION, KIOSK);
    List<String> lines = new ArrayList<>(shifts(3, 60));
    lines.set(2, lines.get(2).replace("\"CHECK_IN\"", "\"ARRIVE\""));
    lines.set(4, lines.get(4).replace("{", "{\"terminalSeq\":7,"));
    lines.add("{\"volunteerId\":\"V-9\",\"kind\":\"CHECK_IN\",\"method\":\"MANUAL\",\"occurredAt\":\"2026-11-23T09:00:00+08:00\"}");
    lines.add("not json");
    Path file = eventsFile(lines);

    int exit = publish("--data-dir", data.toString(), "--events", file.toString(), "--wait",
        "--broker", local.hub().mqttUrl());

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("has 4 bad line(s); nothing was appended")
        .contains("line 3: kind: must be one of CHECK_IN, CHECK_OUT, was \"ARRIVE\"")
        .contains("line 5: terminalSeq: is assigned by the terminal's outbox; leave it out")
        .contains("line 7: operatorId")
        .contains("line 8: not valid JSON");
    try (Outbox outbox = Outbox.open(data, STATION, KIOSK, Clock.systemUTC())) {
      assertThat(outbox.lastSeq()).isZero();
    }
    assertThat(local.client().eventIds(STATION.value(), KIOSK.value())).isEmpty();
  }

  @Test
  void publish_terminalNotJoined_refusedSayingHowToJoinAndAppendsNothing() throws Exception {
    Files.createDirectories(data);
    Path file = eventsFile(shifts(1, 60));

    int exit = publish("--data-dir", data.toString(), "--events", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("has not joined the fleet").contains("--claim CODE --hub http://HUB:PORT");
    assertThat(data.resolve(Outbox.FILE_NAME)).doesNotExist();
  }

  private int publish(String... args) {
    return PublishCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
  }

  /** A QR check-in at 09:00 and a check-out {@code minutes} later for V-1 … V-n, in time order. */
  private static List<String> shifts(int volunteers, int minutes) {
    List<String> lines = new ArrayList<>();
    for (String kind : List.of("CHECK_IN", "CHECK_OUT")) {
      OffsetDateTime at = kind.equals("CHECK_IN") ? NINE : NINE.plusMinutes(minutes);
      for (int v = 1; v <= volunteers; v++) {
        lines.add("{\"volunteerId\":\"V-" + v + "\",\"kind\":\"" + kind + "\",\"method\":\"QR\",\"occurredAt\":\""
            + at + "\"}");
      }
    }
    return lines;
  }

  private Path eventsFile(List<String> lines) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private Terminal startKiosk() {
    FleetJoin.join(local.hub(), data, STATION, KIOSK);
    TerminalConfig replay = TerminalConfig.replay(dir.resolve("unused.mp4"), STATION, KIOSK, local.hub().mqttUrl(), data,
        Instant.now()).withResendAfter(Duration.ofMillis(500));
    TerminalConfig config = new TerminalConfig(replay.profile(), replay.baseDir(), replay.station(),
        replay.terminal(), replay.brokerUrl(), replay.dataDir(), replay.topics(), replay.zone(), Duration.ZERO,
        replay.replayStart(), replay.pace(), replay.exitAtEnd(), replay.drainTimeout(), replay.resendAfter(),
        replay.heartbeatInterval());
    return Terminal.start(config, new RecordingScreen(), null, BadgePolicy.defaults());
  }

  private JsonNode terminalOnStationsPage() {
    for (JsonNode station : local.client().get("/api/stations")) {
      for (JsonNode t : station.get("terminals")) {
        if (t.get("terminalId").asText().equals(KIOSK.value())) {
          return t;
        }
      }
    }
    throw new AssertionError("kiosk-1 is not on /api/stations");
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
