package org.redvest.hub.ingest;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.redvest.hub.link.HubSigner;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.store.TerminalRef;
import org.redvest.protocol.Ack;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition running in the hub's JVM. Every CONNECT (anonymous ones included),
 * every PUBLISH, every SUBSCRIBE and every last-will message is judged by a {@link BrokerGate}
 * handed in as an instance: the broker never runs without it (docs/security.md, "The embedded
 * broker"). A publish the gate lets through is copied into the ingest queue by the same
 * authorizer call, so ingest only ever sees what the gate allowed; acks go out through HiveMQ's
 * publish service, without a client hop.
 *
 * <p>HiveMQ's extension {@link Services} are static: each broker keeps the services of its own
 * start, so several hubs (tests) can run in one JVM.
 */
public final class EmbeddedBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String USERNAME = "redvest.username";
  private static final long START_TIMEOUT_S = 60;
  private static final int MAX_PACKET_BYTES = 64 * 1024;
  private static final int MAX_QUEUED_MESSAGES = 32_768;
  private static final Object START_LOCK = new Object();
  private static final String LOOPBACK = "127.0.0.1";
  /** How long a publish may wait for room in a full ingest queue before it is refused. */
  private static final Duration QUEUE_WAIT = Duration.ofSeconds(60);
  /** The loopback-only listener the {@link TlsFront} relays terminals' connections to. */
  private static final String RELAY_LISTENER = "tls-front";

  static {
    // Sessions live in memory and die with the broker: HiveMQ need not wait 2 s at every stop
    // for in-memory writes nobody will read (a JVM-wide setting, the same for every broker).
    com.hivemq.configuration.service.InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC
        .set(100);
  }

  private final EmbeddedHiveMQ hivemq;
  private final Topics topics;
  private final Listeners listeners;
  private final HubSigner signer;
  private final Gatekeeper gatekeeper;
  private final TlsFront front;
  private final int relayPort;
  private boolean closed;

  /**
   * Where the broker listens: plain MQTT on {@code plainPort} and MQTT over TLS on {@code
   * tlsPort}, both on {@code host}; port 0 picks a free one, {@link #OFF} none. {@code tls} is
   * the key and certificate chain the TLS listener serves, on {@code engine}.
   */
  public record Listeners(String host, int plainPort, int tlsPort, TlsKey tls, TlsEngine engine) {
    public static final int OFF = -1;

    public Listeners {
      if (plainPort == OFF && tlsPort == OFF) {
        throw new IllegalArgumentException("the embedded broker needs a listener");
      }
      if (tlsPort != OFF && tls == null) {
        throw new IllegalArgumentException("a TLS listener needs the hub's TLS key");
      }
      Objects.requireNonNull(engine, "engine");
    }

    /** The listeners with TLS on BoringSSL where this machine can run it. */
    public Listeners(String host, int plainPort, int tlsPort, TlsKey tls) {
      this(host, plainPort, tlsPort, tls, TlsEngine.AUTO);
    }

    /** The same listeners with TLS on {@code engine}. */
    public Listeners withEngine(TlsEngine engine) {
      return new Listeners(host, plainPort, tlsPort, tls, engine);
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

  /** What serves the broker's MQTT over TLS. */
  public enum TlsEngine {
    /**
     * BoringSSL in a {@link TlsFront} before the broker where netty-tcnative loads and loopback
     * addresses can be bound (Linux x86_64 and aarch64), else {@link #JDK}.
     */
    AUTO,
    /** HiveMQ's own TLS listener, on the JDK's engine. */
    JDK
  }

  /** The private key and certificate chain the TLS listener serves. */
  public record TlsKey(PrivateKey key, List<X509Certificate> chain) {
    public TlsKey {
      Objects.requireNonNull(key, "key");
      chain = List.copyOf(chain);
    }
  }

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, Topics topics, Listeners listeners,
      HubSigner signer, Gatekeeper gatekeeper, TlsFront front, int relayPort) {
    this.hivemq = hivemq;
    this.front = front;
    this.relayPort = relayPort;
    this.topics = topics;
    this.listeners = listeners;
    this.signer = signer;
    this.gatekeeper = gatekeeper;
  }

  /**
   * Starts the broker on {@code listeners}, with its configuration under {@code storeDir},
   * handing every publish the gate allows to {@code sink}. A listener that cannot start, a TLS key
   * that cannot be served or a gate that is missing stops the start: the broker never runs open or
   * falls back to plain text.
   */
  public static EmbeddedBroker start(Listeners listeners, Path storeDir, Topics topics,
      IngestQueue sink, Clock clock, BrokerGate gate, HubSigner signer) {
    return start(listeners, 0, storeDir, topics, sink, clock, gate, signer);
  }

  /** {@link #start}, with the TLS front's relay listener on {@code relayPort} (0: a free one). */
  static EmbeddedBroker start(Listeners listeners, int relayPort, Path storeDir, Topics topics,
      IngestQueue sink, Clock clock, BrokerGate gate, HubSigner signer) {
    Objects.requireNonNull(gate, "the embedded broker never starts without its gate");
    // HiveMQ hands an embedded extension its services through static fields: two brokers
    // starting at once in one JVM (tests) could swap them, so starts take turns.
    synchronized (START_LOCK) {
      return startAlone(listeners, relayPort, storeDir, topics, sink, clock, gate, signer);
    }
  }

  private static EmbeddedBroker startAlone(Listeners listeners, int requestedRelayPort,
      Path storeDir, Topics topics, IngestQueue sink, Clock clock, BrokerGate gate,
      HubSigner signer) {
    String host = listeners.host();
    int[] ports = choosePorts(host, listeners.plainPort(), listeners.tlsPort());
    Listeners bound = new Listeners(host, ports[0], ports[1], listeners.tls(), listeners.engine());
    boolean fronted = bound.tlsPort() != Listeners.OFF && bound.engine() == TlsEngine.AUTO
        && TlsFront.available();
    int relayPort = fronted ? choosePorts(LOOPBACK, requestedRelayPort)[0] : Listeners.OFF;
    Gatekeeper gatekeeper = new Gatekeeper(gate, clock, sink);
    EmbeddedHiveMQ hivemq;
    try {
      Path conf = Files.createDirectories(storeDir.resolve("conf"));
      Path data = Files.createDirectories(storeDir.resolve("data"));
      Path extensions = Files.createDirectories(storeDir.resolve("extensions"));
      writeConfig(conf, bound, relayPort);
      hivemq = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(data)
          .withExtensionsFolder(extensions)
          .withoutLoggingBootstrap()
          .withEmbeddedExtension(EmbeddedExtension.builder()
              .withId("redvest-gate")
              .withName("RedVest fleet gate")
              .withVersion("1")
              .withAuthor("RedVest")
              .withPriority(Integer.MAX_VALUE)
              .withStartPriority(Integer.MAX_VALUE)
              .withExtensionMain(gatekeeper)
              .build())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("preparing the embedded MQTT broker under " + storeDir, e);
    }
    try {
      hivemq.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hivemq);
      throw new IllegalStateException("the embedded MQTT broker did not start on " + bound + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(hivemq);
      throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
    }
    TlsFront front = null;
    if (fronted) {
      try {
        requireRelayIsTheBrokers(gatekeeper, relayPort);
        front = TlsFront.start(host, bound.tlsPort(), bound.tls(),
            new java.net.InetSocketAddress(LOOPBACK, relayPort));
      } catch (RuntimeException | Error e) {
        closeQuietly(hivemq);
        gatekeeper.handoff.shutdownNow();
        throw e;
      }
      gatekeeper.front = front;
    }
    EmbeddedBroker broker =
        new EmbeddedBroker(hivemq, topics, bound, signer, gatekeeper, front, relayPort);
    if (!gatekeeper.started()) {
      broker.close();
      throw new IllegalStateException("the embedded MQTT broker started without its gate");
    }
    for (int port : new int[] {bound.plainPort(), bound.tlsPort()}) {
      if (port != Listeners.OFF) {
        requireListening(broker, bound.localHost(), port);
      }
    }
    if (fronted) {
      requireListening(broker, LOOPBACK, relayPort);
    }
    LOG.info("embedded MQTT broker (HiveMQ CE) listening on {}: plain MQTT {}, MQTT over TLS {}",
        host, bound.plainPort() == Listeners.OFF ? "off" : bound.plainPort(),
        bound.tlsPort() == Listeners.OFF ? "off" : bound.tlsPort() + " on " + broker.tlsEngine());
    return broker;
  }

  /**
   * The relay listener's port was free when it was chosen, but another process on this machine
   * could have bound it before HiveMQ did (HiveMQ then logs and carries on), and would be handed
   * every terminal's decrypted login. So a CONNECT with a client id made for this start is sent
   * to it: only the broker's own gate can say it saw that id.
   */
  private static void requireRelayIsTheBrokers(Gatekeeper gatekeeper, int relayPort) {
    String probe = "redvest-relay-probe-" + HexFormat.of().formatHex(randomBytes());
    java.util.concurrent.CountDownLatch seen = gatekeeper.expectProbe(probe);
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(LOOPBACK, relayPort), 5_000);
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(connectPacket(probe));
      socket.getInputStream().read(); // the refusal's CONNACK, or the end of the stream
      if (seen.await(5, TimeUnit.SECONDS)) {
        return;
      }
    } catch (IOException e) {
      LOG.debug("probing the relay listener: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("the embedded broker's relay listener " + LOOPBACK + ":"
        + relayPort + " is not the broker's (another process took the port?): MQTT over TLS is"
        + " not started");
  }

  /** An MQTT 3.1.1 CONNECT of {@code clientId}: clean session, no login, keep-alive 60 s. */
  static byte[] connectPacket(String clientId) {
    byte[] id = clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (id.length > 100) {
      throw new IllegalArgumentException("clientId: too long for this packet");
    }
    ByteBuffer packet = ByteBuffer.allocate(2 + 12 + id.length);
    packet.put((byte) 0x10).put((byte) (12 + id.length))
        .putShort((short) 4).put("MQTT".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .put((byte) 4).put((byte) 0x02).putShort((short) 60)
        .putShort((short) id.length).put(id);
    return packet.array();
  }

  /** HiveMQ logs and carries on when a listener fails to bind; the hub does not. */
  private static void requireListening(EmbeddedBroker broker, String host, int port) {
    try (java.net.Socket probe = new java.net.Socket()) {
      probe.connect(new java.net.InetSocketAddress(host, port), 5_000);
    } catch (IOException e) {
      broker.close();
      throw new IllegalStateException("the embedded broker's listener on " + host + ":" + port
          + " did not start: " + e.getMessage());
    }
  }

  /**
   * HiveMQ's configuration: the listeners, sessions in memory (the kiosks re-subscribe on every
   * connect and resend what the hub has not acknowledged), 64 KiB packets, no usage statistics. The TLS key is written as a PKCS#12 file with a password made for this
   * start, both readable by the hub's user only.
   */
  private static void writeConfig(Path conf, Listeners listeners, int relayPort)
      throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<hivemq>\n  <listeners>\n");
    if (listeners.plainPort() != Listeners.OFF) {
      xml.append("    <tcp-listener><port>").append(listeners.plainPort())
          .append("</port><bind-address>").append(xmlText(listeners.host()))
          .append("</bind-address><name>plain</name></tcp-listener>\n");
    }
    if (relayPort != Listeners.OFF) {
      // The TLS front's connections only: loopback, and refused unless the front made them.
      xml.append("    <tcp-listener><port>").append(relayPort).append("</port><bind-address>")
          .append(LOOPBACK).append("</bind-address><name>").append(RELAY_LISTENER)
          .append("</name></tcp-listener>\n");
    } else if (listeners.tlsPort() != Listeners.OFF) {
      String password = HexFormat.of().formatHex(randomBytes());
      Path keystore = conf.resolve("hub-tls.p12");
      writeKeyStore(keystore, listeners.tls(), password.toCharArray());
      xml.append("    <tls-tcp-listener><port>").append(listeners.tlsPort())
          .append("</port><bind-address>").append(xmlText(listeners.host()))
          .append("</bind-address><name>tls</name><tls><keystore><path>")
          .append(xmlText(keystore.toAbsolutePath().toString())).append("</path><password>")
          .append(password).append("</password><private-key-password>").append(password)
          .append("</private-key-password></keystore><protocols><protocol>TLSv1.3</protocol>"
              + "<protocol>TLSv1.2</protocol></protocols>"
              + "<client-authentication-mode>NONE</client-authentication-mode></tls>"
              + "</tls-tcp-listener>\n");
    }
    xml.append("  </listeners>\n  <mqtt>\n    <queued-messages><max-queue-size>")
        .append(MAX_QUEUED_MESSAGES).append("</max-queue-size></queued-messages>\n")
        .append("    <packets><max-packet-size>").append(MAX_PACKET_BYTES)
        .append("</max-packet-size></packets>\n  </mqtt>\n")
        // An empty client id gets one made by the broker and then meets the gate like any other
        // (which lets in only a terminal's own ids and the hub's): refused there, it is counted.
        .append("  <security><allow-empty-client-id><enabled>true</enabled>"
            + "</allow-empty-client-id></security>\n")
        .append("  <persistence><mode>in-memory</mode></persistence>\n")
        .append("  <anonymous-usage-statistics><enabled>false</enabled>"
            + "</anonymous-usage-statistics>\n</hivemq>\n");
    AtomicFiles.write(conf.resolve("config.xml"), xml.toString(), "rw-------");
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static void writeKeyStore(Path file, TlsKey tls, char[] password) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("hub", tls.key(), password, tls.chain().toArray(X509Certificate[]::new));
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      store.store(bytes, password);
      AtomicFiles.write(file, bytes.toByteArray(), "rw-------");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the hub's TLS key cannot serve MQTT over TLS", e);
    }
  }

  private static String xmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Free ports for each {@code requested == 0}: the broker is told the port to bind, so the hub
   * knows it without asking the broker afterwards.
   */
  private static int[] choosePorts(String host, int... requested) {
    // All probes stay open until every port is chosen, so two listeners never get the same one.
    List<ServerSocket> probes = new ArrayList<>();
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
   * Adds another in-process receiver of every publish the gate lets through (diagnostics and the
   * ingest benchmark's baseline). It runs on the broker's extension threads, so it must be quick.
   */
  public void addPublishListener(String id, Consumer<InboundMessage> listener, Clock clock) {
    gatekeeper.listeners.add(listener);
    LOG.debug("publish listener {} added", id);
  }

  /**
   * Drops the connections with these client ids, without their last wills, and removes their
   * sessions (subscriptions and queued messages), e.g. of a terminal just revoked.
   */
  public void disconnect(List<String> clientIds) {
    ClientService clients = gatekeeper.clients;
    for (String clientId : clientIds) {
      clients.disconnectClient(clientId, true).thenCompose(dropped -> {
        if (dropped) {
          LOG.info("dropped MQTT client {}", clientId);
        }
        return clients.invalidateSession(clientId);
      }).exceptionally(e -> {
        LOG.debug("removing the session of {}: {}", clientId, e.toString());
        return false;
      });
    }
  }

  @Override
  public void publishAck(TerminalRef terminal, Ack ack) {
    gatekeeper.publisher.publish(Builders.publish()
        .topic(topics.ack(terminal.stationId(), terminal.terminalId()))
        .retain(true)
        .qos(Qos.AT_LEAST_ONCE)
        .payload(ByteBuffer.wrap(signer.sign(WireCodec.encodeAck(ack))))
        .build()).exceptionally(e -> {
          LOG.warn("publishing an ack to {}: {}", terminal, e.toString());
          return null;
        });
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

  /**
   * What serves MQTT over TLS here: "BoringSSL" (the front), "JDK" (HiveMQ's own listener), or
   * "off".
   */
  public String tlsEngine() {
    return listeners.tlsPort() == Listeners.OFF ? "off" : front != null ? "BoringSSL" : "JDK";
  }

  /** The loopback port the BoringSSL front relays to, or {@link Listeners#OFF} without one. */
  int relayPort() {
    return relayPort;
  }

  /** The relay addresses of the terminal connections the BoringSSL front relays now. */
  java.util.Set<InetAddress> relayAddresses() {
    return front == null ? java.util.Set.of() : front.relayAddresses();
  }

  /** How many terminal connections the BoringSSL front relays now (0 without one). */
  int relayedConnections() {
    return front == null ? 0 : front.relaying();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      if (front != null) {
        front.close();
      }
      closeQuietly(hivemq);
      gatekeeper.handoff.shutdownNow();
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (ExecutionException e) {
      LOG.warn("stopping the embedded MQTT broker: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The broker's extension: authenticates every CONNECT, authorizes every PUBLISH, last will
   * and SUBSCRIBE through the gate, and hands allowed publishes to the listeners.
   */
  private static final class Gatekeeper implements ExtensionMain, SimpleAuthenticator,
      PublishAuthorizer, SubscriptionAuthorizer {
    private final BrokerGate gate;
    private final Clock clock;
    private final IngestQueue queue;
    private final List<Consumer<InboundMessage>> listeners = new CopyOnWriteArrayList<>();
    /** Waits for room in a full queue, in arrival order, off HiveMQ's extension threads. */
    private final ExecutorService handoff =
        Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "broker-ingest-handoff");
          t.setDaemon(true);
          return t;
        });
    private final AtomicInteger waiting =
        new AtomicInteger();
    private volatile boolean registered;
    private volatile PublishService publisher;
    private volatile ClientService clients;
    private volatile ScheduledExecutorService executor;
    /** Set once, before any connection can reach the relay listener it serves. */
    private volatile TlsFront front;
    private volatile String probe;
    private final java.util.concurrent.CountDownLatch probeSeen =
        new java.util.concurrent.CountDownLatch(1);

    Gatekeeper(BrokerGate gate, Clock clock, IngestQueue queue) {
      this.gate = gate;
      this.clock = clock;
      this.queue = queue;
    }

    java.util.concurrent.CountDownLatch expectProbe(String clientId) {
      probe = clientId;
      return probeSeen;
    }

    boolean started() {
      return registered && publisher != null && clients != null && executor != null;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
      // Services are static and belong to the broker started last: keep this one's own.
      publisher = Services.publishService();
      clients = Services.clientService();
      executor = Services.extensionExecutorService();
      Services.securityRegistry().setAuthenticatorProvider(in -> this);
      Services.securityRegistry().setAuthorizerProvider(in -> this);
      registered = true;
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
      // Nothing to release: the broker stops with the hub.
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
      var connect = input.getConnectPacket();
      String username = connect.getUserName().orElse(null);
      byte[] password = connect.getPassword().map(EmbeddedBroker::bytes).orElse(null);
      var connection = input.getConnectionInformation();
      BrokerGate.Peer peer = peer(connection);
      if (peer == null && connect.getClientId().equals(probe)) {
        probeSeen.countDown();
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
        return;
      }
      if (peer == null) {
        // Something on this machine reached the relay listener without the front.
        LOG.warn("refused a connection to the broker's TLS relay listener that the TLS front did"
            + " not make (from {}, client id {})", connection.getInetAddress().orElse(null),
            connect.getClientId());
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
        return;
      }
      if (!gate.login(connect.getClientId(), username, password, peer)) {
        Duration delay = gate.refusalDelay(peer);
        if (delay.isZero()) {
          output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "not authorized");
          return;
        }
        // A tarpit for an address that keeps failing: the answer comes later, no thread waits.
        Async<SimpleAuthOutput> async = output.async(delay.plusSeconds(10),
            TimeoutFallback.FAILURE, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "not authorized");
        executor.schedule(() -> {
          async.getOutput().failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
              "not authorized");
          async.resume();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      input.getConnectionInformation().getConnectionAttributeStore()
          .putAsString(USERNAME, username);
      output.authenticateSuccessfully();
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
      var packet = input.getPublishPacket();
      String clientId = input.getClientInformation().getClientId();
      if (!gate.mayPublish(clientId, username(input.getConnectionInformation()),
          packet.getTopic())) {
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not authorized");
        return;
      }
      if (packet instanceof WillPublishPacket) {
        output.authorizeSuccessfully();
        return;
      }
      InboundMessage message = new InboundMessage(packet.getTopic(),
          packet.getPayload().map(EmbeddedBroker::bytes).orElse(new byte[0]), clock.instant());
      for (Consumer<InboundMessage> listener : listeners) {
        listener.accept(message);
      }
      // While anything waits for room, everything queues behind it: each client's order holds.
      if (waiting.get() == 0 && queue.offer(message)) {
        output.authorizeSuccessfully();
        return;
      }
      waiting.incrementAndGet();
      Async<PublishAuthorizerOutput> async = output.async(QUEUE_WAIT, TimeoutFallback.FAILURE);
      try {
        handoff.execute(() -> {
          try {
            queue.accept(message);
            async.getOutput().authorizeSuccessfully();
          } finally {
            waiting.decrementAndGet();
            async.resume();
          }
        });
      } catch (RejectedExecutionException e) {
        waiting.decrementAndGet();
        // Closing: the publish is refused and the terminal sends it again to the next broker.
        async.getOutput().failAuthorization();
        async.resume();
      }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input,
        SubscriptionAuthorizerOutput output) {
      if (gate.maySubscribe(input.getClientInformation().getClientId(),
          username(input.getConnectionInformation()),
          input.getSubscription().getTopicFilter())) {
        output.authorizeSuccessfully();
      } else {
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized");
      }
    }

    /**
     * Where a connection comes from: a relayed one is the terminal behind the front, or null when
     * the front did not make it.
     */
    private BrokerGate.Peer peer(ConnectionInformation connection) {
      var listener = connection.getListener();
      if (listener.isPresent() && listener.get().getName().equals(RELAY_LISTENER)) {
        TlsFront relay = front;
        return relay == null ? null : relay.claim(connection.getInetAddress().orElse(null));
      }
      return new BrokerGate.Peer(
          connection.getInetAddress().map(InetAddress::getHostAddress).orElse("?"),
          listener.map(l -> l.getListenerType() == ListenerType.TLS_TCP_LISTENER).orElse(false));
    }

    private static String username(ConnectionInformation connection) {
      return connection.getConnectionAttributeStore().getAsString(USERNAME).orElse(null);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
