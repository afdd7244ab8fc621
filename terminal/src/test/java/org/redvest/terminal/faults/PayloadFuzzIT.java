package org.redvest.terminal.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.transport.ingest.IngestStats;

/**
 * Fault 9a: 100,000 generated payloads ({@link PayloadFuzzer}) published through the hub's real
 * broker onto a terminal's events topic. Every one is either stored as a valid event (or counted
 * as a duplicate of one) or dead-lettered with a reason, the counts add up exactly, no ingest
 * batch fails, the hub stays healthy, and a real terminal's event afterwards is acknowledged.
 */
class PayloadFuzzIT {
  private static final String TOPIC = "redvest/v1/stations/JX-RJ-0001/terminals/kiosk-fz/events";

  @TempDir Path dir;

  @Test
  void hundredThousandMalformedPayloads_eachStoredOrDeadLettered_hubStaysUp() throws Exception {
    int count = 100_000;
    Random random = Faults.random("payload fuzz");
    PayloadFuzzer fuzzer = new PayloadFuzzer(random, "JX-RJ-0001", "kiosk-fz");
    FaultSummary summary = new FaultSummary("fuzz-payloads");
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("hub")))) {
      long started = System.nanoTime();
      publishAll(hub, fuzzer, count);
      Duration publishing = Duration.ofNanos(System.nanoTime() - started);
      Faults.awaitOrDump("every fuzzed payload accounted for", Duration.ofMinutes(5), () -> {
        IngestStats s = hub.ingestStats();
        return s.stored() + s.duplicates() + s.deadLettered() >= count || s.failedBatches() > 0;
      });
      IngestStats stats = hub.ingestStats();
      Path hubDb = dir.resolve("hub").resolve("hub.db");
      assertThat(stats.failedBatches()).as("failed ingest batches").isZero();
      assertThat(stats.stored() + stats.duplicates() + stats.deadLettered()).isEqualTo(count);
      assertThat(HubDb.events(hubDb, "kiosk-fz")).isEqualTo(stats.stored());
      assertThat(HubDb.deadLetters(hubDb)).isEqualTo(stats.deadLettered());
      assertThat(health(hub)).isEqualTo(200);

      try (TerminalRig terminal = TerminalRig.joined(hub, dir.resolve("kiosk-ok"), "kiosk-ok",
          Duration.ofSeconds(1))) {
        terminal.checkIn();
        Faults.awaitOrDump("valid event after the storm acked", Duration.ofSeconds(30),
            () -> terminal.outbox().depth() == 0);
      }
      summary.put("payloads published (QoS 1, real broker)", count)
          .put("stored as valid", stats.stored())
          .put("duplicates of a stored eventId", stats.duplicates())
          .put("dead-lettered with a reason", stats.deadLettered())
          .put("unaccounted", count - stats.stored() - stats.duplicates() - stats.deadLettered())
          .put("failed ingest batches", stats.failedBatches())
          .put("publish time", FaultSummary.ms(publishing))
          .put("hub /health after", health(hub))
          .put("valid event after the storm", "acknowledged")
          .publish();
    }
  }

  private void publishAll(Hub hub, PayloadFuzzer fuzzer, int count) throws Exception {
    // The fuzzer is a provisioned kiosk gone wrong: logged in as kiosk-fz, garbage on its own topic.
    org.redvest.terminal.mqtt.MqttLogin login = org.redvest.terminal.FleetJoin.join(hub,
        dir.resolve("kiosk-fz"), org.redvest.protocol.StationId.of("JX-RJ-0001"),
        org.redvest.protocol.TerminalId.of("kiosk-fz"));
    MqttAsyncClient client = new MqttAsyncClient(hub.mqttUrl(), "rv/JX-RJ-0001/kiosk-fz", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(login.username());
    options.setPassword(login.password().toCharArray());
    options.setCleanSession(true);
    options.setMaxInflight(1_000);
    client.connect(options).waitForCompletion(10_000);
    Deque<IMqttDeliveryToken> window = new ArrayDeque<>();
    try {
      for (int i = 0; i < count; i++) {
        if (window.size() >= 500) {
          window.removeFirst().waitForCompletion(30_000);
        }
        byte[] payload = fuzzer.next();
        while (true) {
          try {
            window.addLast(client.publish(TOPIC, payload, 1, false));
            break;
          } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            // Paho frees an in-flight slot a moment after the token completes: wait for the
            // oldest publish and try again (the hub's back-pressure shows up here).
            if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT
                || window.isEmpty()) {
              throw e;
            }
            window.removeFirst().waitForCompletion(30_000);
          }
        }
      }
      while (!window.isEmpty()) {
        window.removeFirst().waitForCompletion(30_000);
      }
      client.disconnect().waitForCompletion(10_000);
    } finally {
      if (client.isConnected()) {
        client.disconnectForcibly(1_000, 1_000);
      }
      client.close(true);
    }
  }

  static int health(Hub hub) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + hub.httpPort() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
