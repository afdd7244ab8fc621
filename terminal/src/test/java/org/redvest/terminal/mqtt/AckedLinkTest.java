package org.redvest.terminal.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.Ack;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.SignedPayload;

/**
 * The delivery loop every terminal link shares, against a real embedded broker: a tiny link over
 * an in-memory table that notes each hook it hears, in order.
 */
class AckedLinkTest {
  private static final String RECORDS = "test/records";
  private static final String ACK = "test/records-ack";
  private static final String NOTES = "test/notes";
  private static final String THREAD = "redvest-ledger-relay";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void connected_eachConnect_runsBeforeTheBacklogGoesOutAgain() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        Ledger link = Ledger.start(broker.url(), null, List.of(), records(3))) {
      await().atMost(PATIENCE).until(() -> link.moments.contains("sent [1, 2, 3]"));

      broker.restart();

      await().atMost(PATIENCE).until(() -> link.moments.contains("disconnected")
          && link.moments.lastIndexOf("sent [1, 2, 3]") > link.moments.indexOf("disconnected"));
      assertThat(link.moments).containsSubsequence(
          "connected", "sent [1, 2, 3]", "disconnected", "connected", "sent [1, 2, 3]");
    }
  }

  @Test
  void received_retainedNoteAndAck_noteReachesTheLinkAsPublishedAndAckReleases() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      MqttClient hub = hub(broker);
      hub.publish(NOTES, "hello".getBytes(UTF_8), 1, true);
      hub.publish(ACK, WireCodec.encodeAck(new Ack(2)), 1, true);

      try (Ledger link = Ledger.start(broker.url(), null, List.of(NOTES), records(3))) {
        await().atMost(PATIENCE).until(() -> link.owed.keySet().equals(Set.of(3L))
            && link.moments.contains("received test/notes hello"));
        assertThat(link.moments).noneMatch(moment -> moment.contains(ACK));
      } finally {
        hub.disconnect();
        hub.close();
      }
    }
  }

  @Test
  void publish_oneRecordSignedAlreadyOneNot_bothGoOutSignedByTheTerminalOnce() throws Exception {
    KeyPair terminal = Ed25519.generate();
    byte[] signedAtRecording = SignedPayload.sign("{\"n\":1}".getBytes(UTF_8), terminal.getPrivate());
    MqttLogin login = new MqttLogin("JX-RJ-0001/kiosk-1", "a-password-of-the-kiosk", null, terminal.getPrivate());
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      MqttClient hub = hub(broker);
      List<byte[]> published = new CopyOnWriteArrayList<>();
      hub.subscribe(RECORDS, 1, (topic, message) -> published.add(message.getPayload()));

      try (Ledger link = Ledger.start(broker.url(), login, List.of(),
          Map.of(1L, signedAtRecording, 2L, "{\"n\":2}".getBytes(UTF_8)))) {
        await().atMost(PATIENCE).until(() -> published.size() >= 2);
        assertThat(published).anySatisfy(payload -> assertThat(payload).isEqualTo(signedAtRecording));
        assertThat(published).extracting(payload -> new String(SignedPayload.verify(payload, terminal.getPublic()), UTF_8))
            .containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
        assertThat(link.owed).as("the broker's PUBACK releases nothing").hasSize(2);
      } finally {
        hub.disconnect();
        hub.close();
      }
    }
  }

  @Test
  void close_calledTwice_saysLastWordsOnceAndStopsItsThread() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      Ledger link = Ledger.start(broker.url(), null, List.of(), Map.of());
      List<String> threads = new CopyOnWriteArrayList<>();
      link.every(Duration.ofMillis(20), () -> threads.add(Thread.currentThread().getName()));
      await().atMost(PATIENCE).until(() -> link.isConnected() && !threads.isEmpty());

      link.close();
      link.close();

      assertThat(link.isConnected()).isFalse();
      assertThat(link.moments).containsOnlyOnce("closing");
      assertThat(threads).containsOnly(THREAD);
      await().atMost(PATIENCE).until(() -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(thread -> thread.getName().equals(THREAD) && thread.isAlive()));
      link.nudge(); // harmless after close
    }
  }

  private static Map<Long, byte[]> records(int n) {
    Map<Long, byte[]> records = new HashMap<>();
    for (long seq = 1; seq <= n; seq++) {
      records.put(seq, ("{\"n\":" + seq + "}").getBytes(UTF_8));
    }
    return records;
  }

  private static MqttClient hub(EmbeddedBroker broker) throws Exception {
    MqttClient hub = new MqttClient(broker.url(), "test-hub", new MemoryPersistence());
    hub.connect();
    return hub;
  }

  /** A link over an in-memory table of records; resends only after a reconnect. */
  private static final class Ledger extends AckedLink {
    final NavigableMap<Long, byte[]> owed = new ConcurrentSkipListMap<>();
    final List<String> moments = new CopyOnWriteArrayList<>();

    private Ledger(String brokerUrl, MqttLogin login, List<String> inbound) {
      super(brokerUrl, login, new Route("ledger", "test-ledger", RECORDS, ACK, inbound, 100,
          Duration.ofMinutes(10)), Clock.systemUTC());
    }

    static Ledger start(String brokerUrl, MqttLogin login, List<String> inbound, Map<Long, byte[]> records) {
      Ledger link = new Ledger(brokerUrl, login, inbound);
      link.owed.putAll(records);
      link.begin();
      return link;
    }

    @Override
    List<Parcel> unacked(int limit) {
      return owed.entrySet().stream().limit(limit).map(record -> new Parcel(record.getKey(), record.getValue())).toList();
    }

    @Override
    void acknowledge(long committedSeq) {
      owed.headMap(committedSeq, true).clear();
    }

    @Override
    void sent(List<Long> seqs, Instant at) {
      if (!seqs.isEmpty()) {
        moments.add("sent " + seqs);
      }
    }

    @Override
    void received(String topic, byte[] payload) {
      moments.add("received " + topic + " " + new String(payload, UTF_8));
    }

    @Override
    void connected() {
      moments.add("connected");
    }

    @Override
    void disconnected(Throwable cause) {
      moments.add("disconnected");
    }

    @Override
    void closing() {
      moments.add("closing");
    }
  }
}
