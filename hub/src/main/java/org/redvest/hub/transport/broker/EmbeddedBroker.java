package org.redvest.hub.transport.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.store.TerminalRef;
import org.redvest.hub.transport.ingest.InboundMessage;
import org.redvest.hub.transport.ingest.IngestQueue;
import org.redvest.hub.transport.link.HubSigner;
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
  private static final long START_TIMEOUT_S = 60;
  private static final int MAX_PACKET_BYTES = 64 * 1024;
  private static final int MAX_QUEUED_MESSAGES = 32_768;
  private static final Object START_LOCK = new Object();
  private static final String LOOPBACK = "127.0.0.1";
  /** The loopback-only listener the {@link TlsFront} relays terminals' connections to. */
  static final String RELAY_LISTENER = "tls-front";

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
  private final BrokerGatekeeper gatekeeper;
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
      HubSigner signer, BrokerGatekeeper gatekeeper, TlsFront front, int relayPort) {
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
    BrokerGatekeeper gatekeeper = new BrokerGatekeeper(gate, clock, sink);
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
        String probe = "redvest-relay-probe-" + HexFormat.of().formatHex(randomBytes());
        TlsFront.requireBrokerBehind(new java.net.InetSocketAddress(LOOPBACK, relayPort), probe,
            gatekeeper.expectProbe(probe));
        front = TlsFront.start(host, bound.tlsPort(), bound.tls(),
            new java.net.InetSocketAddress(LOOPBACK, relayPort));
      } catch (RuntimeException | Error e) {
        closeQuietly(hivemq);
        gatekeeper.stop();
        throw e;
      }
      gatekeeper.relayFor(front);
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
    gatekeeper.addListener(listener);
    LOG.debug("publish listener {} added", id);
  }

  /**
   * Drops the connections with these client ids, without their last wills, and removes their
   * sessions (subscriptions and queued messages), e.g. of a terminal just revoked.
   */
  public void disconnect(List<String> clientIds) {
    ClientService clients = gatekeeper.clients();
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
    gatekeeper.publisher().publish(Builders.publish()
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

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      if (front != null) {
        front.close();
      }
      closeQuietly(hivemq);
      gatekeeper.stop();
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
}
