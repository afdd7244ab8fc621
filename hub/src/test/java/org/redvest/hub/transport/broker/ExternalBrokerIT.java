package org.redvest.hub.transport.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.testsupport.Mosquitto;

/**
 * The hub against a real Mosquitto started by the test on a free loopback port (Debian package
 * {@code mosquitto}; skipped where it is not installed, failed under REDVEST_REQUIRE_TESTDATA=1).
 */
class ExternalBrokerIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static Mosquitto mosquitto;
  private static String brokerUrl;

  @TempDir Path dataDir;

  @BeforeAll
  static void startBroker(@TempDir Path brokerDir) throws Exception {
    mosquitto = Mosquitto.start(brokerDir);
    brokerUrl = mosquitto.url();
  }

  @AfterAll
  static void stopBroker() {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Test
  void externalBroker_eventsPublishedWhileHubRuns_storedOnceAndAcked() throws Exception {
    String prefix = "redvest-it/" + UUID.randomUUID();
    Topics topics = Topics.of(prefix);
    HubConfig config = HubConfig.local(dataDir)
        .withBrokerUrl(URI.create(brokerUrl)).withTopicPrefix(prefix);
    StationId station = StationId.of("JX-RJ-0001");
    TerminalId terminal = TerminalId.of("kiosk-1");
    AtomicLong acked = new AtomicLong(-1);

    try (Hub hub = Hub.start(config)) {
      // The terminal joins the hub's fleet (its key signs its events) even though this Mosquitto
      // lets anyone in: the hub counts only events its key signed (docs/protocol.md §16).
      org.redvest.protocol.fleet.Provisioning login = org.redvest.hub.FleetLogins.of(hub, station.value(),
          terminal.value());
      MqttClient kiosk = new MqttClient(brokerUrl, "it-" + UUID.randomUUID(),
          new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      // Paho's default window of 10 makes a synchronous publish fail with "Too many publishes
      // in progress" while the hub's acks arrive; a terminal uses a wide window too.
      options.setMaxInflight(1000);
      kiosk.connect(options);
      kiosk.subscribe(topics.ack(station, terminal), 1, (t, m) ->
          acked.set(WireCodec.decodeAck(m.getPayload()).committedSeq()));
      for (int seq = 1; seq <= 200; seq++) {
        AttendanceEvent e = AttendanceEvent.of(UUID.randomUUID(), station, terminal, seq,
            VolunteerId.of("V-" + (seq % 20)), seq % 40 < 20 ? EventKind.CHECK_IN
                : EventKind.CHECK_OUT, CheckInMethod.QR,
            OffsetDateTime.parse("2026-11-23T08:00:00+08:00").plusMinutes(seq));
        MqttMessage message = new MqttMessage(org.redvest.hub.FleetLogins.sign(login, WireCodec.encodeEvent(e)));
        message.setQos(1);
        kiosk.publish(topics.events(station, terminal), message);
        if (seq == 100) {
          kiosk.publish(topics.events(station, terminal), message);
        }
      }
      kiosk.publish(topics.events(station, terminal),
          new MqttMessage("nope".getBytes(StandardCharsets.UTF_8)));

      await().atMost(WAIT).until(() -> acked.get() == 200);
      assertThat(hub.ingestStats().stored()).isEqualTo(200);
      assertThat(hub.ingestStats().duplicates()).isEqualTo(1);
      await().atMost(WAIT).until(() -> hub.ingestStats().deadLettered() == 1);
      kiosk.disconnect();
      kiosk.close();
    }
  }
}
