package org.redvest.terminal.mqtt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.protocol.Ack;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.Heartbeat;
import org.redvest.protocol.TerminalStatus;
import org.redvest.protocol.TerminalTopic;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;

/**
 * A tiny hub over a real MQTT connection: stores each event once by {@code terminalSeq}, publishes
 * the retained ack for the contiguous prefix it holds, and records statuses and heartbeats. It can
 * drop a delivery (as if its database write failed) to test re-publishing.
 */
final class RecordingHub implements AutoCloseable {
  private static final long WAIT_MS = 5_000;

  private final Topics topics;
  private final MqttAsyncClient client;
  private final Map<Long, AttendanceEvent> stored = new ConcurrentSkipListMap<>();
  private final Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final Set<Long> dropOnce = ConcurrentHashMap.newKeySet();
  private final List<TerminalStatus> statuses = new CopyOnWriteArrayList<>();
  private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
  private volatile boolean acking = true;

  private RecordingHub(Topics topics, MqttAsyncClient client) {
    this.topics = topics;
    this.client = client;
  }

  static RecordingHub connect(String brokerUrl, Topics topics) throws MqttException {
    MqttAsyncClient client =
        new MqttAsyncClient(brokerUrl, "test-hub", new MemoryPersistence());
    RecordingHub hub = new RecordingHub(topics, client);
    client.setCallback(hub.new Callbacks());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(500);
    options.setMaxInflight(1_000); // one ack per event, published from the callback
    client.connect(options).waitForCompletion(WAIT_MS);
    return hub;
  }

  /** Stop (or resume) publishing acks. */
  void acking(boolean on) {
    acking = on;
  }

  /** Drop the next delivery of {@code seq} without storing it. */
  void dropNextDeliveryOf(long seq) {
    dropOnce.add(seq);
  }

  Set<Long> storedSeqs() {
    return Set.copyOf(stored.keySet());
  }

  int deliveriesOf(long seq) {
    AtomicInteger count = deliveries.get(seq);
    return count == null ? 0 : count.get();
  }

  List<TerminalStatus.State> states() {
    return statuses.stream().map(TerminalStatus::state).toList();
  }

  List<Heartbeat> heartbeats() {
    return List.copyOf(heartbeats);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(WAIT_MS);
    }
    client.close(true);
  }

  private void subscribe() throws MqttException {
    client.subscribe(
        new String[] {
          topics.allTerminals(TerminalTopic.Kind.EVENTS),
          topics.allTerminals(TerminalTopic.Kind.STATUS),
          topics.allTerminals(TerminalTopic.Kind.HEARTBEAT)
        },
        new int[] {1, 1, 1});
  }

  private void onEvent(TerminalTopic topic, byte[] payload) {
    AttendanceEvent event = WireCodec.decodeEvent(payload);
    deliveries.computeIfAbsent(event.terminalSeq(), seq -> new AtomicInteger()).incrementAndGet();
    if (dropOnce.remove(event.terminalSeq())) {
      return;
    }
    stored.putIfAbsent(event.terminalSeq(), event);
    if (acking) {
      byte[] ack = WireCodec.encodeAck(new Ack(contiguousPrefix()));
      try {
        client.publish(topics.ack(topic.stationId(), topic.terminalId()), ack, 1, true);
      } catch (MqttException e) {
        // Not thrown on: that would kill the connection. The next event's ack covers this one.
      }
    }
  }

  private long contiguousPrefix() {
    long committed = 0;
    while (stored.containsKey(committed + 1)) {
      committed++;
    }
    return committed;
  }

  private final class Callbacks implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      try {
        subscribe();
      } catch (MqttException e) {
        throw new IllegalStateException("test hub cannot subscribe", e);
      }
    }

    @Override
    public void connectionLost(Throwable cause) {}

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      TerminalTopic parsed = topics.parse(topic).orElseThrow();
      switch (parsed.kind()) {
        case EVENTS -> onEvent(parsed, message.getPayload());
        case STATUS -> statuses.add(WireCodec.decodeStatus(message.getPayload()));
        case HEARTBEAT -> heartbeats.add(WireCodec.decodeHeartbeat(message.getPayload()));
        case ACK -> { }
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
