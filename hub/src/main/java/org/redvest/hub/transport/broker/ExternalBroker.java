package org.redvest.hub.transport.broker;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.redvest.hub.store.TerminalRef;
import org.redvest.hub.transport.ingest.InboundMessage;
import org.redvest.hub.transport.link.BrokerClients;
import org.redvest.hub.transport.link.BrokerLogin;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.Ack;
import org.redvest.protocol.TerminalTopic;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone broker (Mosquitto, EMQX) reached with the HiveMQ client: a persistent session
 * (fixed client id, clean session off) subscribed at QoS 1 to every terminal's events, status and
 * heartbeat. Messages are handed to the ingest queue on one owned thread; when the queue is full
 * that thread waits, and the client stops reading, which is the back-pressure.
 */
public final class ExternalBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalBroker.class);
  private static final long CONNECT_TIMEOUT_S = 15;

  private final Mqtt3AsyncClient client;
  private final ExecutorService inbound;
  private final Topics topics;
  private final URI url;
  private final HubSigner signer;

  private ExternalBroker(Mqtt3AsyncClient client, ExecutorService inbound, Topics topics, URI url,
      HubSigner signer) {
    this.signer = signer;
    this.client = client;
    this.inbound = inbound;
    this.topics = topics;
    this.url = url;
  }

  /**
   * Connects to {@code url} ({@code tcp://host:port} or {@code ssl://host:port}) and subscribes, logged in with {@code login}
   * (null for a broker that takes the hub without one).
   */
  public static ExternalBroker connect(URI url, BrokerLogin login, Topics topics,
      Consumer<InboundMessage> sink, Clock clock, HubSigner signer) {
    Mqtt3AsyncClient client = BrokerClients.builder(url, login, clientId(topics))
        .buildAsync();
    ExecutorService inbound =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "mqtt-inbound"));
    // Registered before connecting so messages queued in the persistent session are not missed.
    client.publishes(MqttGlobalPublishFilter.ALL, publish -> sink.accept(new InboundMessage(
        publish.getTopic().toString(), publish.getPayloadAsBytes(), clock.instant())), inbound);
    ExternalBroker broker = new ExternalBroker(client, inbound, topics, url, signer);
    try {
      client.connectWith().cleanSession(false).keepAlive(30).send()
          .get(CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
      for (TerminalTopic.Kind kind : new TerminalTopic.Kind[] {
          TerminalTopic.Kind.EVENTS, TerminalTopic.Kind.STATUS, TerminalTopic.Kind.HEARTBEAT}) {
        client.subscribeWith().topicFilter(topics.allTerminals(kind)).qos(MqttQos.AT_LEAST_ONCE)
            .send().get(CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      broker.close();
      throw new IllegalStateException("cannot connect to MQTT broker " + url + ": " + e, e);
    } catch (InterruptedException e) {
      broker.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted connecting to " + url, e);
    }
    LOG.info("connected to external MQTT broker {} as {}", url, clientId(topics));
    return broker;
  }

  /** One fixed id per topic prefix, so the broker keeps the hub's session across restarts. */
  static String clientId(Topics topics) {
    return "redvest-hub-" + topics.prefix().replaceAll("[^A-Za-z0-9]", "-");
  }

  @Override
  public void publishAck(TerminalRef terminal, Ack ack) {
    client.publishWith()
        .topic(topics.ack(terminal.stationId(), terminal.terminalId()))
        .qos(MqttQos.AT_LEAST_ONCE)
        .retain(true)
        .payload(signer.sign(WireCodec.encodeAck(ack)))
        .send()
        .whenComplete((published, error) -> {
          if (error != null) {
            LOG.warn("ack {} to {} not published ({}); the next batch or restart re-sends it",
                ack.committedSeq(), terminal, error.toString());
          }
        });
  }

  @Override
  public String mode() {
    return "external";
  }

  @Override
  public String mqttUrl() {
    return url.toString();
  }

  @Override
  public int port() {
    return url.getPort();
  }

  /** Disconnects; later calls do nothing. */
  @Override
  public void close() {
    try {
      BrokerClients.disconnect(client, "external broker " + url);
    } finally {
      inbound.shutdownNow();
    }
  }
}
