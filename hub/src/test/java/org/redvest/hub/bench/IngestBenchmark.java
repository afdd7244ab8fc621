package org.redvest.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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

/**
 * Hub ingest throughput through the embedded broker: many simulated terminals publish QoS 1
 * events with Paho; the figure is events/s committed by the hub against events/s seen by a no-op
 * in-process interceptor on the same broker in the same run. Prints a Markdown table.
 *
 * <pre>
 * ./mvnw -o -q -pl hub exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.redvest.hub.bench.IngestBenchmark -Dexec.args="200 250"
 * </pre>
 */
public final class IngestBenchmark {
  private static final int MAX_INFLIGHT = 1000;

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.ingest", "warn");
    int terminals = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int perTerminal = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    long total = (long) terminals * perTerminal;
    Path dir = Files.createTempDirectory("redvest-bench");
    AtomicLong seen = new AtomicLong();
    AtomicLong lastSeenNanos = new AtomicLong();
    try (Hub hub = Hub.start(HubConfig.defaults(dir).withHttpPort(0).withMqttPort(0))) {
      hub.embeddedBroker().orElseThrow().addPublishListener("bench-baseline", m -> {
        seen.incrementAndGet();
        lastSeenNanos.set(System.nanoTime());
      }, Clock.systemUTC());
      List<MqttAsyncClient> clients = connect(hub.mqttUrl(), terminals);
      long start = System.nanoTime();
      publishAll(clients, perTerminal);
      long published = System.nanoTime();
      while (hub.ingestStats().stored() < total) {
        TimeUnit.MILLISECONDS.sleep(2);
      }
      long committed = System.nanoTime();
      while (seen.get() < total) {
        TimeUnit.MILLISECONDS.sleep(2);
      }
      print(terminals, perTerminal, total, start, published, lastSeenNanos.get(), committed,
          hub.ingestStats().batches());
      for (MqttAsyncClient c : clients) {
        c.disconnect().waitForCompletion();
        c.close();
      }
    }
  }

  private static List<MqttAsyncClient> connect(String url, int terminals) throws MqttException {
    List<MqttAsyncClient> clients = new ArrayList<>();
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(MAX_INFLIGHT);
    options.setCleanSession(true);
    for (int i = 0; i < terminals; i++) {
      MqttAsyncClient c = new MqttAsyncClient(url, "bench-" + i, new MemoryPersistence());
      c.connect(options).waitForCompletion();
      clients.add(c);
    }
    return clients;
  }

  private static void publishAll(List<MqttAsyncClient> clients, int perTerminal)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> new Thread(r, "bench-publisher"));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        int index = i;
        done.add(pool.submit(() -> {
          publishTerminal(clients.get(index), index, perTerminal);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void publishTerminal(MqttAsyncClient client, int index, int count)
      throws MqttException {
    Topics topics = Topics.defaults();
    StationId station = StationId.of("BENCH-" + (index / 10));
    TerminalId terminal = TerminalId.of("kiosk-" + index);
    String topic = topics.events(station, terminal);
    OffsetDateTime base = OffsetDateTime.parse("2026-11-23T08:00:00+08:00");
    Deque<IMqttDeliveryToken> inflight = new ArrayDeque<>();
    for (int seq = 1; seq <= count; seq++) {
      AttendanceEvent e = AttendanceEvent.of(UUID.randomUUID(), station, terminal, seq,
          VolunteerId.of("V-" + index + "-" + (seq % 25)),
          (seq / 25) % 2 == 0 ? EventKind.CHECK_IN : EventKind.CHECK_OUT, CheckInMethod.QR,
          base.plusMinutes(seq));
      MqttMessage message = new MqttMessage(WireCodec.encodeEvent(e));
      message.setQos(1);
      if (inflight.size() >= MAX_INFLIGHT - 10) {
        inflight.removeFirst().waitForCompletion();
      }
      inflight.addLast(client.publish(topic, message));
    }
    for (IMqttDeliveryToken token : inflight) {
      token.waitForCompletion();
    }
  }

  private static void print(int terminals, int perTerminal, long total, long start,
      long published, long lastSeen, long committed, long batches) {
    double publishS = (published - start) / 1e9;
    double seenS = (lastSeen - start) / 1e9;
    double committedS = (committed - start) / 1e9;
    double baselineRate = total / seenS;
    double hubRate = total / committedS;
    System.out.printf(Locale.ROOT, "%n%d terminals x %d events = %d QoS 1 events, %d batches%n%n",
        terminals, perTerminal, total, batches);
    System.out.println("| measure | seconds | events/s |");
    System.out.println("|---|---:|---:|");
    System.out.printf(Locale.ROOT, "| all PUBACKs received by publishers | %.2f | %.0f |%n",
        publishS, total / publishS);
    System.out.printf(Locale.ROOT, "| no-op interceptor saw every event (baseline) | %.2f | %.0f |%n",
        seenS, baselineRate);
    System.out.printf(Locale.ROOT, "| hub committed every event | %.2f | %.0f |%n",
        committedS, hubRate);
    System.out.printf(Locale.ROOT, "| **ratio hub / baseline** | | **%.2f** |%n",
        hubRate / baselineRate);
  }
}
