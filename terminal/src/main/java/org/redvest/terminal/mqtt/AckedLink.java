package org.redvest.terminal.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One acknowledged delivery loop on a connection and a thread of its own: every record its
 * {@link Owed} still holds is published (QoS 1) on each tick and after each reconnect, until the
 * hub's retained contiguous ack (docs/protocol.md) covers it; the broker's PUBACK releases
 * nothing. Other retained topics the link listens to go to their handlers. Face enrolment records
 * ({@link PahoEnrolmentRelay}) and refused attempts ({@link PahoCredentialRelay}) travel this way;
 * each is only a description of its topics and its table.
 */
final class AckedLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AckedLink.class);
  private static final int QOS_1 = 1;
  private static final long TIMEOUT_MS = 2_000;

  /** What a link delivers: the payloads not yet acknowledged, oldest first, and the hub's ack. */
  interface Owed {
    List<byte[]> unacked();

    void acknowledge(long committedSeq);
  }

  /**
   * A link: its {@code name} (in its thread's name and its log lines), its client id, the topic
   * it publishes to and the hub's ack topic, and what it does with other retained topics.
   */
  record Route(String name, String clientId, String publishTopic, String ackTopic,
      Map<String, Consumer<byte[]>> inbound) {}

  private final Route route;
  private final Owed owed;
  private final MqttAsyncClient client;
  private final MqttLogin login;
  private final ScheduledThreadPoolExecutor loop;
  private final AtomicBoolean closed = new AtomicBoolean();

  private AckedLink(Route route, Owed owed, MqttAsyncClient client, MqttLogin login,
      ScheduledThreadPoolExecutor loop) {
    this.route = route;
    this.owed = owed;
    this.client = client;
    this.login = login;
    this.loop = loop;
  }

  /** Starts delivering; {@code every} is both the reconnect and the re-publish interval. */
  static AckedLink start(String brokerUrl, MqttLogin login, Route route, Owed owed, Duration every) {
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(brokerUrl, route.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("brokerUrl: " + e.getMessage(), e);
    }
    ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "redvest-" + route.name() + "-relay");
      thread.setDaemon(true);
      return thread;
    });
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    AckedLink link = new AckedLink(route, owed, client, login, loop);
    client.setCallback(link.new Inbound());
    loop.scheduleWithFixedDelay(link::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return link;
  }

  /** Publishes what is owed now; cheap, any thread. */
  void nudge() {
    if (!closed.get()) {
      loop.execute(this::tick);
    }
  }

  boolean isConnected() {
    return client.isConnected();
  }

  private void tick() {
    try {
      if (!client.isConnected()) {
        client.connect(options()).waitForCompletion(TIMEOUT_MS);
        String[] topics = java.util.stream.Stream.concat(java.util.stream.Stream.of(route.ackTopic()),
            route.inbound().keySet().stream()).toArray(String[]::new);
        int[] qos = new int[topics.length];
        java.util.Arrays.fill(qos, QOS_1);
        client.subscribe(topics, qos).waitForCompletion(TIMEOUT_MS);
      }
      for (byte[] payload : owed.unacked()) {
        client.publish(route.publishTopic(), MqttLogin.seal(login, payload), QOS_1, false);
      }
    } catch (MqttException | RuntimeException e) {
      LOG.debug("{} link not through yet ({}); retrying", route.name(), e.getMessage());
    }
  }

  private MqttConnectOptions options() {
    MqttConnectOptions options = MqttLogin.apply(login, client.getServerURI(), new MqttConnectOptions());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(false);
    options.setConnectionTimeout(5);
    options.setAutomaticReconnect(false);
    return options;
  }

  /** Applies the ack or the other topic's message before returning; never throws into Paho. */
  private final class Inbound implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        byte[] payload = MqttLogin.open(login, message.getPayload());
        if (topic.equals(route.ackTopic())) {
          owed.acknowledge(WireCodec.decodeAck(payload).committedSeq());
        } else if (route.inbound().containsKey(topic)) {
          route.inbound().get(topic).accept(payload);
        }
      } catch (RuntimeException e) {
        LOG.warn("{} link ignores a bad message on {}: {}", route.name(), topic, e.getMessage());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.info("{} link lost its connection: {}", route.name(), cause == null ? "-" : cause.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // the hub's ack, not the broker's PUBACK, is what releases a record
    }
  }

  /** Stops the thread and disconnects; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    loop.shutdownNow();
    try {
      loop.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (client.isConnected()) {
        client.disconnect(TIMEOUT_MS).waitForCompletion(TIMEOUT_MS);
      }
    } catch (MqttException e) {
      LOG.debug("{} link disconnect failed: {}", route.name(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("closing the {} MQTT client failed", route.name(), e);
      }
    }
  }
}
