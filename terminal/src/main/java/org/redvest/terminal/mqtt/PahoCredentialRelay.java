package org.redvest.terminal.mqtt;

import java.time.Duration;
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
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.terminal.credential.CodeReader;
import org.redvest.terminal.credential.RefusalLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's credential link to the hub, on its own MQTT connection (client id {@code
 * rv-{station}-{terminal}-credentials}) and one named thread: takes the retained roster into the
 * {@link CodeReader}, and delivers refused attempts like events (each kept in the {@link
 * RefusalLog} until the hub's retained {@code refusal-ack} covers it, re-published every tick and
 * after each reconnect).
 */
public final class PahoCredentialRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PahoCredentialRelay.class);
  private static final String THREAD_NAME = "redvest-credential-relay";
  private static final int QOS_1 = 1;
  private static final long TIMEOUT_MS = 2_000;

  private final MqttAsyncClient client;
  private final CodeReader reader;
  private final RefusalLog refusals;
  private final String rosterTopic;
  private final String refusalTopic;
  private final String ackTopic;
  private final ScheduledThreadPoolExecutor loop;
  private final MqttLogin login;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PahoCredentialRelay(MqttAsyncClient client, CodeReader reader, RefusalLog refusals,
      CredentialTopics topics, StationId station, TerminalId terminal, ScheduledThreadPoolExecutor loop,
      MqttLogin login) {
    this.login = login;
    this.client = client;
    this.reader = reader;
    this.refusals = refusals;
    this.rosterTopic = topics.roster();
    this.refusalTopic = topics.refusals(station, terminal);
    this.ackTopic = topics.refusalAck(station, terminal);
    this.loop = loop;
  }

  /** Starts the link; {@code every} is both the reconnect and the re-publish interval. */
  public static PahoCredentialRelay start(String brokerUrl, MqttLogin login, Topics topics,
      StationId station, TerminalId terminal, CodeReader reader, RefusalLog refusals,
      Duration every) {
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(brokerUrl,
          new TerminalAccount(station, terminal).clientId(TerminalAccount.Link.CREDENTIALS),
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
    PahoCredentialRelay relay = new PahoCredentialRelay(client, reader, refusals, new CredentialTopics(topics),
        station, terminal, loop, login);
    client.setCallback(relay.new Inbound());
    refusals.onAppend(relay::nudge);
    loop.scheduleWithFixedDelay(relay::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return relay;
  }

  /** Publishes owed refusals now; cheap, any thread. */
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
        client.connect(options()).waitForCompletion(TIMEOUT_MS);
        client.subscribe(new String[] {rosterTopic, ackTopic}, new int[] {QOS_1, QOS_1}).waitForCompletion(TIMEOUT_MS);
      }
      for (byte[] payload : refusals.unacked()) {
        client.publish(refusalTopic, MqttLogin.seal(login, payload), QOS_1, false);
      }
    } catch (MqttException | RuntimeException e) {
      LOG.debug("credential link not through yet ({}); retrying", e.getMessage());
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

  /** Applies the roster or the ack before returning; never throws into Paho. */
  private final class Inbound implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        if (topic.equals(rosterTopic)) {
          reader.accept(CredentialWire.decodeRoster(MqttLogin.open(login, message.getPayload())));
        } else if (topic.equals(ackTopic)) {
          refusals.acknowledge(WireCodec.decodeAck(MqttLogin.open(login, message.getPayload())).committedSeq());
        }
      } catch (RuntimeException e) {
        LOG.warn("ignoring a bad message on {}: {}", topic, e.getMessage());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.info("credential link lost its connection: {}", cause == null ? "-" : cause.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // the hub's refusal-ack, not the broker's PUBACK, releases a refusal
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
      LOG.debug("credential link disconnect failed: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("closing the credential MQTT client failed", e);
      }
    }
  }
}
