package org.redvest.hub.transport.link;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub feature's own MQTT client (HiveMQ, a persistent session under a fixed client id, the
 * embedded or an external broker alike) for low-volume records that do not go through event
 * ingest: each message on a {@link RecordInbox}'s filter is stored synchronously on the link's
 * one named thread, then the inbox's retained acknowledgement is published. Messages queued in
 * the session while the hub was away arrive after reconnecting, because the handler is
 * registered before connecting.
 */
public final class HubLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubLink.class);
  private static final long TIMEOUT_S = 15;

  private final Mqtt3AsyncClient client;
  private final ExecutorService thread;
  private final List<RecordInbox> inboxes;
  private final String name;
  private final HubSigner signer;

  private HubLink(Mqtt3AsyncClient client, ExecutorService thread, List<RecordInbox> inboxes, String name,
      HubSigner signer) {
    this.signer = signer;
    this.client = client;
    this.thread = thread;
    this.inboxes = inboxes;
    this.name = name;
  }

  /**
   * Connects as {@code clientId} (clean session off), logged in with {@code login} (null for an
   * external broker that takes the hub without one), and subscribes at QoS 1 to every inbox's
   * filter; {@code name} names the thread and the log lines.
   *
   * @throws IllegalStateException when the broker cannot be reached within 15 s
   */
  public static HubLink start(URI brokerUrl, BrokerLogin login, HubSigner signer, String clientId,
      String name, List<RecordInbox> inboxes) {
    Mqtt3AsyncClient client = BrokerClients.builder(brokerUrl, login, clientId).buildAsync();
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
    HubLink link = new HubLink(client, thread, List.copyOf(inboxes), name, signer);
    client.publishes(MqttGlobalPublishFilter.ALL, link::onMessage, thread);
    try {
      client.connectWith().cleanSession(false).keepAlive(30).send().get(TIMEOUT_S, TimeUnit.SECONDS);
      for (RecordInbox inbox : link.inboxes) {
        client.subscribeWith().topicFilter(inbox.topicFilter()).qos(MqttQos.AT_LEAST_ONCE).send()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      link.close();
      throw new IllegalStateException(name + " cannot connect to " + brokerUrl + ": " + e, e);
    } catch (InterruptedException e) {
      link.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted connecting " + name + " to " + brokerUrl, e);
    }
    return link;
  }

  /** Runs {@code task} on the link's thread, after the messages already being handled. */
  public void execute(Runnable task) {
    thread.execute(task);
  }

  /**
   * Publishes {@code body} signed by the hub (docs/protocol.md §16), retained at QoS 1; completes
   * when the broker has it.
   */
  public CompletableFuture<?> publishRetained(String topic, byte[] body) {
    return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true)
        .payload(signer.sign(body)).send();
  }

  /** Removes the retained message of {@code topic} (an empty retained publish). */
  public CompletableFuture<?> clearRetained(String topic) {
    return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
  }

  /** Stores through the inbox that owns the topic, then acknowledges; never throws into the client. */
  private void onMessage(Mqtt3Publish publish) {
    String topic = publish.getTopic().toString();
    for (RecordInbox inbox : inboxes) {
      if (!MqttTopicFilter.of(inbox.topicFilter()).matches(publish.getTopic())) {
        continue;
      }
      try {
        inbox.accept(topic, publish.getPayloadAsBytes()).ifPresent(reply ->
            publishRetained(reply.topic(), reply.payload()).whenComplete((ok, error) -> {
              if (error != null) {
                LOG.warn("{}: ack on {} not published ({}); the terminal's re-send brings another",
                    name, reply.topic(), error.toString());
              }
            }));
      } catch (RuntimeException e) {
        LOG.error("{}: storing the message on {} failed; the terminal re-sends it", name, topic, e);
      }
      return;
    }
  }

  /** Disconnects; later calls do nothing. */
  @Override
  public void close() {
    try {
      BrokerClients.disconnect(client, name);
    } finally {
      thread.shutdownNow();
    }
  }
}
