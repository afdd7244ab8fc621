package org.redvest.terminal.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.WireCodec;
import org.redvest.terminal.face.enrolment.TemplateVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers face enrolment records (never templates) to the hub the way events are delivered:
 * each record stays in the {@link TemplateVault} until the hub's retained
 * {@code …/enrolment-ack} covers its {@code enrolmentSeq}, and every unacknowledged record is
 * published again on each tick and after each reconnect. A WITHDRAWN record is therefore the
 * durable confirmation to the hub that templates were deleted. Its own MQTT connection (client id
 * {@code rv-{station}-{terminal}-enrolments}) and one named thread keep it apart from event
 * delivery.
 */
public final class PahoEnrolmentRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PahoEnrolmentRelay.class);
  private static final String THREAD_NAME = "redvest-enrolment-relay";
  private static final int QOS_1 = 1;
  private static final long CLOSE_TIMEOUT_MS = 2_000;

  private final TemplateVault vault;
  private final MqttAsyncClient client;
  private final String recordTopic;
  private final String ackTopic;
  private final ScheduledThreadPoolExecutor loop;
  private final MqttLogin login;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PahoEnrolmentRelay(TemplateVault vault, MqttAsyncClient client, Topics topics, StationId station,
      TerminalId terminal, ScheduledThreadPoolExecutor loop, MqttLogin login) {
    this.login = login;
    this.vault = vault;
    this.client = client;
    this.recordTopic = topics.enrolments(station, terminal);
    this.ackTopic = topics.enrolmentAck(station, terminal);
    this.loop = loop;
  }

  /** Starts delivering; {@code every} is both the reconnect and the re-publish interval. */
  public static PahoEnrolmentRelay start(String brokerUrl, MqttLogin login, Topics topics,
      StationId station, TerminalId terminal, TemplateVault vault, Duration every) {
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(brokerUrl,
          new TerminalAccount(station, terminal).clientId(TerminalAccount.Link.ENROLMENTS),
          new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("brokerUrl: " + e.getMessage(), e);
    }
    ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    PahoEnrolmentRelay relay = new PahoEnrolmentRelay(vault, client, topics, station, terminal, loop, login);
    client.setCallback(relay.new Acks());
    loop.scheduleWithFixedDelay(relay::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return relay;
  }

  /** Publishes owed records now (after an enrolment or a withdrawal); cheap, any thread. */
  public void nudge() {
    if (!closed.get()) {
      loop.execute(this::tick);
    }
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  private void tick() {
    try {
      if (!client.isConnected()) {
        client.connect(options()).waitForCompletion(CLOSE_TIMEOUT_MS);
        client.subscribe(ackTopic, QOS_1).waitForCompletion(CLOSE_TIMEOUT_MS);
      }
      List<EnrolmentRecord> owed = vault.unacked();
      for (EnrolmentRecord record : owed) {
        client.publish(recordTopic, MqttLogin.seal(login, WireCodec.encodeEnrolment(record)), QOS_1, false);
      }
    } catch (MqttException | RuntimeException e) {
      LOG.debug("enrolment records not delivered yet ({}); retrying", e.getMessage());
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

  /** Stores the hub's acknowledgement before returning; never throws into Paho. */
  private final class Acks implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        vault.acknowledge(WireCodec.decodeAck(MqttLogin.open(login, message.getPayload())).committedSeq());
      } catch (ProtocolException | IllegalStateException e) {
        LOG.warn("ignoring enrolment ack on {}: {}", topic, e.getMessage());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.info("enrolment relay lost its connection: {}", cause == null ? "-" : cause.getMessage());
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
      loop.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (client.isConnected()) {
        client.disconnect(CLOSE_TIMEOUT_MS).waitForCompletion(CLOSE_TIMEOUT_MS);
      }
    } catch (MqttException e) {
      LOG.debug("enrolment relay disconnect failed: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("closing the enrolment MQTT client failed", e);
      }
    }
  }
}
