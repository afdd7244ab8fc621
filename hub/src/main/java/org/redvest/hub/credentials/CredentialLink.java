package org.redvest.hub.credentials;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redvest.protocol.Ack;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.credential.RefusalRecord;
import org.redvest.protocol.credential.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential feature's MQTT client (HiveMQ, its own persistent session, embedded or external
 * broker alike): publishes the roster retained at start-up, after every reconnect and on every
 * change, and stores terminals' refused attempts, answering each terminal with a retained
 * {@code refusal-ack} {@code {"committedSeq": N}} after the commit. One owned thread.
 */
public final class CredentialLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialLink.class);
  private static final long TIMEOUT_S = 15;

  private final Mqtt3AsyncClient client;
  private final ExecutorService thread;
  private final CredentialTopics topics;
  private final Credentials credentials;
  private final Clock clock;
  private boolean closed;

  private CredentialLink(Mqtt3AsyncClient client, ExecutorService thread, CredentialTopics topics,
      Credentials credentials, Clock clock) {
    this.client = client;
    this.thread = thread;
    this.topics = topics;
    this.credentials = credentials;
    this.clock = clock;
  }

  public static CredentialLink start(URI brokerUrl, Topics topics, Credentials credentials, Clock clock) {
    Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3()
        .identifier("redvest-hub-credentials-" + topics.prefix().replaceAll("[^A-Za-z0-9]", "-"))
        .serverHost(brokerUrl.getHost()).serverPort(brokerUrl.getPort())
        .automaticReconnectWithDefaultConfig()
        .buildAsync();
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "credential-link"));
    CredentialLink link = new CredentialLink(client, thread, new CredentialTopics(topics), credentials, clock);
    client.publishes(MqttGlobalPublishFilter.ALL, link::onMessage, thread);
    credentials.onRosterChange(roster -> thread.execute(() -> link.publishRoster(roster)));
    try {
      client.connectWith().cleanSession(false).keepAlive(30).send().get(TIMEOUT_S, TimeUnit.SECONDS);
      client.subscribeWith().topicFilter(link.topics.allRefusals()).qos(MqttQos.AT_LEAST_ONCE).send()
          .get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      link.close();
      throw new IllegalStateException("credential link cannot connect to " + brokerUrl + ": " + e, e);
    } catch (InterruptedException e) {
      link.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted connecting to " + brokerUrl, e);
    }
    thread.execute(() -> link.publishRoster(credentials.roster()));
    return link;
  }

  private void publishRoster(Roster roster) {
    client.publishWith().topic(topics.roster()).qos(MqttQos.AT_LEAST_ONCE).retain(true)
        .payload(CredentialWire.encodeRoster(roster)).send()
        .whenComplete((ok, error) -> {
          if (error != null) {
            LOG.warn("roster version {} not published ({}); the next change or restart re-sends it",
                roster.version(), error.toString());
          } else {
            LOG.info("roster version {} published: {} key(s), {} revocation(s)", roster.version(),
                roster.keys().size(), roster.revoked().size());
          }
        });
  }

  /** Stores the refusal before acknowledging; never throws into the client. */
  private void onMessage(Mqtt3Publish publish) {
    String topic = publish.getTopic().toString();
    Optional<CredentialTopics.Sender> sender = topics.refusalSender(topic);
    if (sender.isEmpty()) {
      return;
    }
    byte[] payload = publish.getPayloadAsBytes();
    try {
      RefusalRecord record = CredentialWire.decodeRefusal(payload);
      if (!record.stationId().equals(sender.get().station()) || !record.terminalId().equals(sender.get().terminal())) {
        throw new ProtocolException("stationId", "body " + record.stationId() + "/" + record.terminalId()
            + " does not match topic " + sender.get().station() + "/" + sender.get().terminal());
      }
      credentials.store().insertRefusal(record, new String(payload, StandardCharsets.UTF_8), clock.instant());
      long committed = credentials.store().contiguousRefusals(record.stationId().value(), record.terminalId().value());
      client.publishWith().topic(topics.refusalAck(record.stationId(), record.terminalId()))
          .qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(WireCodec.encodeAck(new Ack(committed))).send();
    } catch (ProtocolException e) {
      LOG.warn("refused-attempt record on {} is malformed and was not stored: {}", topic, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("storing a refused attempt from {} failed; the terminal re-sends it", topic, e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (client.getState().isConnected()) {
        client.disconnect().get(5, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("credential link disconnect: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdownNow();
    }
  }
}
