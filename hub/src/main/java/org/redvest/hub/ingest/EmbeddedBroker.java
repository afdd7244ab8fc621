package org.redvest.hub.ingest;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.redvest.hub.link.HubSigner;
import org.redvest.hub.store.TerminalRef;
import org.redvest.protocol.Ack;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette running in the hub's JVM. Published messages are taken straight from the broker by an
 * interceptor (no client hop) and acks are published with {@link Server#internalPublish}.
 *
 * <p>Moquette 0.17's contract: each interceptor gets its own retained duplicate of the message and
 * must release it; {@link AbstractInterceptHandler#onPublish} does that release, so overrides copy
 * the bytes and then call it. {@code internalPublish} releases the payload it is given.
 *
 * <p>Every CONNECT, PUBLISH and SUBSCRIBE is judged by a {@link BrokerGate} handed in as an
 * instance (never a class name Moquette would load, and fall back to "allow all" when it
 * cannot); anonymous and empty client ids are refused (docs/security.md).
 */
public final class EmbeddedBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String HUB_CLIENT_ID = "redvest-hub";
  private static final int SESSION_QUEUE_SIZE = 32_768;

  private final Server server;
  private final Topics topics;
  private final Listeners listeners;
  private final HubSigner signer;
  private boolean closed;

  /**
   * Where the broker listens: plain MQTT on {@code plainPort} and MQTT over TLS on {@code
   * tlsPort}, both on {@code host} (Moquette binds one address for all its listeners); port 0
   * picks a free one, {@link #OFF} none. {@code tls} serves the TLS listener.
   */
  public record Listeners(String host, int plainPort, int tlsPort, SslContext tls) {
    public static final int OFF = -1;

    public Listeners {
      if (plainPort == OFF && tlsPort == OFF) {
        throw new IllegalArgumentException("the embedded broker needs a listener");
      }
      if (tlsPort != OFF && tls == null) {
        throw new IllegalArgumentException("a TLS listener needs the hub's TLS key");
      }
    }

    /** Plain MQTT only, on {@code host:port}. */
    public static Listeners plain(String host, int port) {
      return new Listeners(host, port, OFF, null);
    }

    /** The address the hub's own connections use: loopback when the broker binds everywhere. */
    String localHost() {
      return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
  }

  private EmbeddedBroker(Server server, Topics topics, Listeners listeners, HubSigner signer) {
    this.signer = signer;
    this.server = server;
    this.topics = topics;
    this.listeners = listeners;
  }

  /**
   * Starts the broker on {@code listeners} with its session store under {@code storeDir},
   * handing every published message to {@code sink}. A TLS listener that cannot start stops the
   * start: the broker never falls back to plain text.
   */
  public static EmbeddedBroker start(Listeners listeners, Path storeDir, Topics topics,
      Consumer<InboundMessage> sink, Clock clock, BrokerGate gate, HubSigner signer) {
    java.util.Objects.requireNonNull(gate, "the embedded broker never starts without its gate");
    Server server = new Server();
    String host = listeners.host();
    int[] ports = choosePorts(host, listeners.plainPort(), listeners.tlsPort());
    Listeners bound = new Listeners(host, ports[0], ports[1], listeners.tls());
    GateAdapter adapter = new GateAdapter(gate);
    try {
      server.startServer(new MemoryConfig(properties(bound, storeDir)),
          List.of(new Interception("redvest-ingest", sink, clock)), listeners::tls, adapter,
          adapter);
    } catch (IOException e) {
      throw new UncheckedIOException("starting the embedded MQTT broker on " + bound, e);
    }
    EmbeddedBroker broker = new EmbeddedBroker(server, topics, bound, signer);
    if (bound.tlsPort() != Listeners.OFF) {
      requireListening(broker, bound.localHost(), bound.tlsPort());
    }
    LOG.info("embedded MQTT broker listening on {}: plain MQTT {}, MQTT over TLS {}", host,
        bound.plainPort() == Listeners.OFF ? "off" : bound.plainPort(),
        bound.tlsPort() == Listeners.OFF ? "off" : bound.tlsPort() + " (" + tlsEngine(listeners.tls()) + ")");
    return broker;
  }

  /** Which TLS implementation serves the listener: BoringSSL, or the JDK's where it does not load. */
  static String tlsEngine(SslContext tls) {
    return tls == null ? "none" : tls instanceof io.netty.handler.ssl.OpenSslContext
        ? io.netty.handler.ssl.OpenSsl.versionString() : "JDK TLS";
  }

  /** Moquette logs and carries on when a listener fails to bind; the hub does not. */
  private static void requireListening(EmbeddedBroker broker, String host, int port) {
    try (java.net.Socket probe = new java.net.Socket()) {
      probe.connect(new java.net.InetSocketAddress(host, port), 5_000);
    } catch (IOException e) {
      broker.close();
      throw new IllegalStateException("the embedded broker's TLS listener on " + host + ":" + port
          + " did not start: " + e.getMessage());
    }
  }

  /**
   * Free ports for each {@code requested == 0}. Moquette 0.17 records the port it bound from a netty
   * listener on another thread into a plain map, so {@code getPort()} can read 0 after binding
   * to port 0; asking the OS for a free port first is the reliable way to know it.
   */
  private static int[] choosePorts(String host, int... requested) {
    // All probes stay open until every port is chosen, so two listeners never get the same one.
    java.util.List<ServerSocket> probes = new java.util.ArrayList<>();
    try {
      int[] chosen = new int[requested.length];
      for (int i = 0; i < requested.length; i++) {
        if (requested[i] != 0) {
          chosen[i] = requested[i];
          continue;
        }
        ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host));
        probes.add(probe);
        chosen[i] = probe.getLocalPort();
      }
      return chosen;
    } catch (IOException e) {
      throw new UncheckedIOException("finding free ports for the embedded MQTT broker", e);
    } finally {
      for (ServerSocket probe : probes) {
        try {
          probe.close();
        } catch (IOException e) {
          LOG.debug("closing a port probe: {}", e.toString());
        }
      }
    }
  }


  /**
   * Adds another in-process subscriber to every published message (diagnostics and the ingest
   * benchmark's baseline). It runs on the broker's interceptor thread, so it must be quick.
   */
  public void addPublishListener(String id, Consumer<InboundMessage> listener, Clock clock) {
    server.addInterceptHandler(new Interception(id, listener, clock));
  }

  /**
   * Drops the connections with these client ids and purges their sessions (subscriptions and
   * queued messages), e.g. of a terminal just revoked.
   */
  public void disconnect(List<String> clientIds) {
    for (String clientId : clientIds) {
      if (server.disconnectAndPurgeClientState(clientId)) {
        LOG.info("dropped MQTT client {}", clientId);
      }
    }
  }

  @Override
  public void publishAck(TerminalRef terminal, Ack ack) {
    server.internalPublish(MqttMessageBuilders.publish()
        .topicName(topics.ack(terminal.stationId(), terminal.terminalId()))
        .retained(true)
        .qos(MqttQoS.AT_LEAST_ONCE)
        .payload(Unpooled.wrappedBuffer(signer.sign(WireCodec.encodeAck(ack))))
        .build(), HUB_CLIENT_ID);
  }

  @Override
  public String mode() {
    return "embedded";
  }

  /**
   * Where the hub's own connections reach this broker: plain on loopback when it serves plain
   * MQTT, else over TLS (pinned to the hub's own key).
   */
  @Override
  public String mqttUrl() {
    return listeners.plainPort() != Listeners.OFF
        ? "tcp://" + listeners.localHost() + ":" + listeners.plainPort()
        : "ssl://" + listeners.localHost() + ":" + listeners.tlsPort();
  }

  /** The plain MQTT port, or {@link Listeners#OFF}. */
  @Override
  public int port() {
    return listeners.plainPort();
  }

  /** The MQTT-over-TLS port, or {@link Listeners#OFF}. */
  public int tlsPort() {
    return listeners.tlsPort();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stopServer();
    }
  }

  private static Properties properties(Listeners listeners, Path storeDir) {
    Properties p = new Properties();
    p.setProperty("host", listeners.host());
    p.setProperty("port", listeners.plainPort() == Listeners.OFF ? "disabled"
        : Integer.toString(listeners.plainPort()));
    if (listeners.tlsPort() != Listeners.OFF) {
      p.setProperty("ssl_port", Integer.toString(listeners.tlsPort()));
    }
    p.setProperty("allow_anonymous", "false");
    p.setProperty("allow_zero_byte_client_id", "false");
    p.setProperty("persistence_enabled", "true");
    p.setProperty("data_path", storeDir.toAbsolutePath() + "/");
    // One interceptor thread keeps each terminal's messages in order.
    p.setProperty("intercept.thread_pool.size", "1");
    // Moquette fails (never PUBACKs) a publish that finds its session loop's command queue full,
    // 1,024 by default; a burst from hundreds of terminals overflows that and stalls them.
    p.setProperty("session_queue_size", Integer.toString(SESSION_QUEUE_SIZE));
    p.setProperty("netty.mqtt.message_size", Integer.toString(64 * 1024));
    p.setProperty("telemetry_enabled", "false");
    return p;
  }

  /** Moquette's two security interfaces, answered by the gate. */
  private record GateAdapter(BrokerGate gate) implements IAuthenticator, IAuthorizatorPolicy {
    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
      return gate.login(clientId, username, password);
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
      return gate.mayPublish(client, user, topic.toString());
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
      return gate.maySubscribe(client, user, topic.toString());
    }
  }

  /** Copies topic and payload into the ingest queue, then releases the payload. */
  private static final class Interception extends AbstractInterceptHandler {
    private final String id;
    private final Consumer<InboundMessage> sink;
    private final Clock clock;

    Interception(String id, Consumer<InboundMessage> sink, Clock clock) {
      this.id = id;
      this.sink = sink;
      this.clock = clock;
    }

    @Override
    public String getID() {
      return id;
    }

    @Override
    public void onPublish(InterceptPublishMessage msg) {
      try {
        byte[] payload = ByteBufUtil.getBytes(msg.getPayload());
        sink.accept(new InboundMessage(msg.getTopicName(), payload, clock.instant()));
      } finally {
        super.onPublish(msg);
      }
    }

    @Override
    public void onSessionLoopError(Throwable error) {
      LOG.error("embedded broker session loop error", error);
    }
  }
}
