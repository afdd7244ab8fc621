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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.transport.ingest.IngestQueue;
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
 * <p>Arguments: terminals, events per terminal in the measured round, events per terminal in
 * the warm-up round (default {@value #WARM_UP_PER_TERMINAL}), and {@code tls} to publish over the
 * broker's MQTT-over-TLS listener (pinned, as terminals do) instead of plain MQTT on loopback.
 * Both rounds are printed.
 *
 * <pre>
 * ./mvnw -o -q -pl hub exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.redvest.hub.bench.IngestBenchmark -Dexec.args="200 250"
 * </pre>
 */
public final class IngestBenchmark {
  private static final int MAX_INFLIGHT = 1000;
  private static final int WARM_UP_PER_TERMINAL = 50;
  private static final long SETTLE_S = 3;
  private static final long MAX_WAIT_S = 120;

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.ingest", "warn");
    int terminals = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int perTerminal = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : WARM_UP_PER_TERMINAL;
    boolean tls = args.length > 3 && args[3].equals("tls");
    Path dir = Files.createTempDirectory("redvest-bench");
    AtomicLong seen = new AtomicLong();
    AtomicLong lastSeenNanos = new AtomicLong();
    try (Hub hub = Hub.start(HubConfig.local(dir))) {
      // Registered after the hub's own interceptor: same broker, same message stream; the gate's
      // authorizer hands each publish to the listeners and then to the hub's queue. The hub's only copies the message into its memory-bounded queue, so the baseline
      // waits behind it only when that bound is reached, which "broker waits" counts.
      // The baseline only counts.
      hub.embeddedBroker().orElseThrow().addPublishListener("bench-baseline", m -> {
        seen.incrementAndGet();
        lastSeenNanos.set(System.nanoTime());
      }, Clock.systemUTC());
      List<MqttAsyncClient> clients = connect(hub, terminals, tls);
      Round round = new Round(hub, clients, seen, lastSeenNanos, new String[terminals]);
      Result cold = round.run(1, warmUp);
      settle(hub);
      Result warm = round.run(warmUp + 1, perTerminal);
      System.out.printf("%nterminals publish over %s%n", tls ? "MQTT over TLS (pinned; the broker's"
          + " TLS: " + hub.embeddedBroker().orElseThrow().tlsEngine() + ")" : "plain MQTT");
      print(terminals, warmUp, cold, perTerminal, warm);
      for (MqttAsyncClient c : clients) {
        c.disconnect().waitForCompletion();
        c.close();
      }
    }
    // The hub's HiveMQ credential-link client leaves a non-daemon netty thread behind, which
    // exec:java would wait for forever; the measurement is complete here.
    System.exit(0);
  }

  /** Waits for the queue to drain and the sessions of the last batch to be recomputed. */
  private static void settle(Hub hub) throws InterruptedException {
    while (hub.ingestStats().queued() > 0) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    TimeUnit.SECONDS.sleep(SETTLE_S);
  }

  /** One round: every terminal publishes {@code count} events from {@code firstSeq}. */
  private record Round(Hub hub, List<MqttAsyncClient> clients, AtomicLong seen,
      AtomicLong lastSeenNanos, String[] lastHashes) {

    Result run(int firstSeq, int count) throws Exception {
      long total = (long) clients.size() * count;
      long seenBefore = seen.get();
      long storedBefore = hub.ingestStats().stored();
      long batchesBefore = hub.ingestStats().batches();
      long waitsBefore = hub.ingestStats().brokerWaits();
      // Signed by each terminal's key before the clock starts: signing is the terminals' work.
      List<List<byte[]>> payloads = payloads(hub, clients.size(), firstSeq, count, lastHashes);
      QueuePeak peak = QueuePeak.watch(hub);
      long start = System.nanoTime();
      publishAll(clients, payloads);
      long published = System.nanoTime();
      long committed = awaitCount(() -> hub.ingestStats().stored() - storedBefore, total,
          "hub committed");
      awaitCount(() -> seen.get() - seenBefore, total, "baseline saw");
      int peakQueued = peak.stop();
      return new Result(total, start, published, lastSeenNanos.get(), committed,
          hub.ingestStats().batches() - batchesBefore, peakQueued,
          hub.ingestStats().brokerWaits() - waitsBefore);
    }
  }

  /**
   * When {@code count} reaches {@code total}, polled every millisecond; fails rather than hangs
   * if the broker lost messages.
   */
  private static long awaitCount(LongSupplier count, long total, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_S);
    while (count.getAsLong() < total) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " " + count.getAsLong() + " of " + total
            + " events after " + MAX_WAIT_S + " s");
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
    return System.nanoTime();
  }

  /** The most messages waiting for the hub's writer (encoded or decoded) at any time. */
  private static final class QueuePeak {
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
        r -> new Thread(r, "bench-queue-peak"));
    private final AtomicInteger peak = new AtomicInteger();

    static QueuePeak watch(Hub hub) {
      QueuePeak p = new QueuePeak();
      p.sampler.scheduleAtFixedRate(
          () -> p.peak.accumulateAndGet(hub.ingestStats().queued(), Math::max),
          0, 1, TimeUnit.MILLISECONDS);
      return p;
    }

    int stop() throws InterruptedException {
      sampler.shutdown();
      sampler.awaitTermination(1, TimeUnit.SECONDS);
      return peak.get();
    }
  }

  private record Result(long total, long start, long published, long lastSeen, long committed,
      long batches, int peakQueued, long brokerWaits) {
    double publishS() {
      return (published - start) / 1e9;
    }

    double seenS() {
      return (lastSeen - start) / 1e9;
    }

    double committedS() {
      return (committed - start) / 1e9;
    }

    double ratio() {
      return seenS() / committedS();
    }

    double ratioToPubacks() {
      return publishS() / committedS();
    }
  }

  private static List<MqttAsyncClient> connect(Hub hub, int terminals, boolean tls)
      throws MqttException {
    String url = tls ? "ssl://127.0.0.1:" + hub.mqttTlsPort() : hub.mqttUrl();
    List<MqttAsyncClient> clients = new ArrayList<>();
    for (int i = 0; i < terminals; i++) {
      org.redvest.protocol.fleet.Provisioning login = org.redvest.hub.FleetLogins.of(hub,
          station(i).value(), terminal(i).value());
      MqttConnectOptions options = org.redvest.hub.FleetLogins.options(login, url);
      options.setMaxInflight(MAX_INFLIGHT);
      options.setCleanSession(true);
      MqttAsyncClient c = new MqttAsyncClient(url,
          login.account().clientId(org.redvest.protocol.fleet.TerminalAccount.Link.EVENTS),
          new MemoryPersistence());
      c.connect(options).waitForCompletion();
      clients.add(c);
    }
    return clients;
  }

  private static StationId station(int index) {
    return StationId.of("BENCH-" + (index / 10));
  }

  private static TerminalId terminal(int index) {
    return TerminalId.of("kiosk-" + index);
  }

  /**
   * Each terminal's {@code count} signed events from {@code firstSeq}, hash-chained as the
   * terminal's outbox chains them (docs/protocol.md §4, {@code prevHash}), continuing from
   * {@code lastHashes} (updated).
   */
  private static List<List<byte[]>> payloads(Hub hub, int terminals, int firstSeq, int count,
      String[] lastHashes) {
    OffsetDateTime base = OffsetDateTime.parse("2026-11-23T08:00:00+08:00");
    List<List<byte[]>> all = new ArrayList<>();
    for (int index = 0; index < terminals; index++) {
      StationId station = station(index);
      TerminalId terminal = terminal(index);
      org.redvest.protocol.fleet.Provisioning login =
          org.redvest.hub.FleetLogins.of(hub, station.value(), terminal.value());
      List<byte[]> mine = new ArrayList<>();
      for (int seq = firstSeq; seq < firstSeq + count; seq++) {
        AttendanceEvent e = AttendanceEvent.of(UUID.randomUUID(), station, terminal, seq,
            VolunteerId.of("V-" + index + "-" + (seq % 25)),
            (seq / 25) % 2 == 0 ? EventKind.CHECK_IN : EventKind.CHECK_OUT, CheckInMethod.QR,
            base.plusMinutes(seq)).withEvidence(org.redvest.protocol.Evidence.NONE.withPrevHash(
                seq == 1 ? org.redvest.protocol.EventChain.GENESIS : lastHashes[index]));
        byte[] body = WireCodec.encodeEvent(e);
        lastHashes[index] = org.redvest.protocol.EventChain.hashOfBody(body);
        mine.add(org.redvest.hub.FleetLogins.sign(login, body));
      }
      all.add(mine);
    }
    return all;
  }

  private static void publishAll(List<MqttAsyncClient> clients, List<List<byte[]>> payloads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> new Thread(r, "bench-publisher"));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        int index = i;
        done.add(pool.submit(() -> {
          publishTerminal(clients.get(index), index, payloads.get(index));
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

  private static void publishTerminal(MqttAsyncClient client, int index, List<byte[]> payloads)
      throws MqttException {
    String topic = Topics.defaults().events(station(index), terminal(index));
    Deque<IMqttDeliveryToken> inflight = new ArrayDeque<>();
    for (byte[] payload : payloads) {
      MqttMessage message = new MqttMessage(payload);
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

  private static void print(
      int terminals, int warmUp, Result cold, int perTerminal, Result warm) {
    System.out.printf(Locale.ROOT, "%n%d terminals; warm-up round %d events each, then measured"
        + " round %d events each (QoS 1); ingest queue bound %d MiB%n%n", terminals, warmUp,
        perTerminal, IngestQueue.DEFAULT_MAX_BYTES / (1024 * 1024));
    System.out.println("| measure | warm-up s | warm-up events/s | measured s | measured events/s |");
    System.out.println("|---|---:|---:|---:|---:|");
    row("all PUBACKs received by publishers", cold.publishS(), cold.total(), warm.publishS(),
        warm.total());
    row("no-op interceptor saw every event (baseline)", cold.seenS(), cold.total(),
        warm.seenS(), warm.total());
    row("hub committed every event", cold.committedS(), cold.total(), warm.committedS(),
        warm.total());
    System.out.printf(Locale.ROOT, "| **ratio hub / baseline** | | **%.2f** | | **%.2f** |%n",
        cold.ratio(), warm.ratio());
    System.out.printf(Locale.ROOT, "| ratio hub / PUBACKs | | %.2f | | %.2f |%n",
        cold.ratioToPubacks(), warm.ratioToPubacks());
    System.out.printf(Locale.ROOT, "| batches; peak queued; broker waits | | %d; %d; %d | |"
        + " %d; %d; %d |%n", cold.batches(), cold.peakQueued(), cold.brokerWaits(),
        warm.batches(), warm.peakQueued(), warm.brokerWaits());
    if (cold.brokerWaits() + warm.brokerWaits() > 0) {
      System.out.println("\nThe ingest queue reached its memory bound: the hub's interceptor waited"
          + " on the interceptor thread it shares with the baseline, so the baseline is too slow"
          + " and the ratio flatters the hub.");
    }
  }

  private static void row(String measure, double coldS, long coldTotal, double warmS,
      long warmTotal) {
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.2f | %.0f |%n", measure, coldS,
        coldTotal / coldS, warmS, warmTotal / warmS);
  }
}
