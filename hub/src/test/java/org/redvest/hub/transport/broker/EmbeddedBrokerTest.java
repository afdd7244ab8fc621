package org.redvest.hub.transport.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.domain.fleet.HubTls;
import org.redvest.hub.transport.ingest.InboundMessage;
import org.redvest.hub.transport.ingest.IngestQueue;
import org.redvest.protocol.Topics;
import org.redvest.testsupport.MqttClients;

/**
 * The embedded broker on its own, with a gate that lets every named login do anything: its ingest
 * queue, and its TLS on BoringSSL before it or on the JDK's engine inside it.
 */
class EmbeddedBrokerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  /** Lets in any login with a username; everything else allowed. Remembers who asked. */
  private static final class OpenGate implements BrokerGate {
    final List<String> logins = new CopyOnWriteArrayList<>();
    final List<Peer> peers = new CopyOnWriteArrayList<>();

    @Override
    public boolean login(String clientId, String username, byte[] password, Peer peer) {
      logins.add(clientId);
      peers.add(peer);
      return username != null;
    }

    @Override
    public boolean mayPublish(String clientId, String username, String topic) {
      return true;
    }

    @Override
    public boolean maySubscribe(String clientId, String username, String filter) {
      return true;
    }
  }

  @Test
  @Timeout(120) // a broker whose threads wait on the queue hangs here instead of failing
  void fullIngestQueue_publishesWaitForRoom_inOrder_whileOtherClientsStillLogInAndSubscribe()
      throws Exception {
    // Room for two of the ten messages: the other eight wait, their PUBACKs with them.
    IngestQueue queue = new IngestQueue(2 * (400 + 200));
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Listeners.plain("127.0.0.1", 0),
        dir, Topics.defaults(), queue, Clock.systemUTC(), new OpenGate(), null)) {
      MqttAsyncClient publisher = new MqttAsyncClient(broker.mqttUrl(), "publisher", new MemoryPersistence());
      MqttConnectOptions options = options();
      options.setMaxInflight(20);
      publisher.connect(options).waitForCompletion(WAIT.toMillis());
      for (int i = 0; i < 10; i++) {
        byte[] payload = new byte[400];
        payload[0] = (byte) i;
        publisher.publish("t/events", payload, 1, false);
      }
      await().atMost(WAIT).until(() -> queue.size() == 2 && queue.brokerWaits() >= 1);

      // The broker's extension threads are not held: other clients log in and subscribe (several,
      // so that some share the publisher's extension thread, which HiveMQ picks by client id).
      List<MqttClient> others = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        MqttClient other = new MqttClient(broker.mqttUrl(), "other-" + i, new MemoryPersistence());
        MqttConnectOptions quick = options();
        quick.setConnectionTimeout(5);
        MqttClients.connect(other, quick, () -> other.subscribe("t/#", 1));
        others.add(other);
      }
      assertThat(others).allMatch(MqttClient::isConnected);

      List<Integer> seen = new ArrayList<>();
      await().atMost(WAIT).until(() -> {
        queue.drain(100, 10).forEach(m -> seen.add((int) m.payload()[0]));
        return seen.size() == 10;
      });
      assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      await().atMost(WAIT).until(() -> publisher.getPendingDeliveryTokens().length == 0);
      for (MqttClient other : others) {
        other.disconnect();
        other.close();
      }
      publisher.disconnect().waitForCompletion(WAIT.toMillis());
      publisher.close();
    }
  }

  @Test
  void tlsFront_relaysBothWays_gateSeesTheTerminalsAddressOverTls_relayAddressesReleased()
      throws Exception {
    HubTls tls = tls();
    IngestQueue queue = new IngestQueue(4 * 1024 * 1024);
    OpenGate gate = new OpenGate();
    try (EmbeddedBroker broker = tlsOnly(tls, queue, gate)) {
      assumeTrue(System.getProperty("os.name").startsWith("Linux"),
          "the BoringSSL front runs on Linux (netty-tcnative, 127.0.0.0/8 on loopback)");
      assertThat(broker.tlsEngine()).as("netty-tcnative loads on this machine").isEqualTo("BoringSSL");
      String url = "ssl://127.0.0.1:" + broker.tlsPort();
      MqttClient publisher = new MqttClient(url, "publisher", new MemoryPersistence());
      MqttClient subscriber = new MqttClient(url, "subscriber", new MemoryPersistence());
      subscriber.connect(tlsOptions(tls));
      List<byte[]> received = new CopyOnWriteArrayList<>();
      subscriber.subscribe("t/#", 1, (topic, message) -> received.add(message.getPayload()));
      publisher.connect(tlsOptions(tls));
      assertThat(gate.peers).containsExactly(
          new BrokerGate.Peer("127.0.0.1", true), new BrokerGate.Peer("127.0.0.1", true));
      assertThat(broker.relayAddresses()).hasSize(2);

      // Messages larger than a TLS record and than a socket buffer's worth, in both directions.
      List<byte[]> sent = new ArrayList<>();
      java.util.Random random = new java.util.Random(7);
      for (int size : new int[] {1, 1_000, 17_000, 60_000, 60_000, 60_000}) {
        byte[] payload = new byte[size];
        random.nextBytes(payload);
        sent.add(payload);
        publisher.publish("t/events", payload, 1, false);
      }
      await().atMost(WAIT).until(() -> received.size() == sent.size());
      assertThat(received).zipSatisfy(sent, (got, want) -> assertThat(got).isEqualTo(want));
      assertThat(queue.drain(100, 100)).extracting(InboundMessage::payload)
          .zipSatisfy(sent, (got, want) -> assertThat(got).isEqualTo(want));

      publisher.disconnect();
      publisher.close();
      subscriber.disconnect();
      subscriber.close();
      await().atMost(WAIT).until(() -> broker.relayAddresses().isEmpty());
    }
  }

  @Test
  void relayListener_connectionTheFrontDidNotMake_refusedWithoutAskingTheGate() throws Exception {
    HubTls tls = tls();
    OpenGate gate = new OpenGate();
    try (EmbeddedBroker broker = tlsOnly(tls, new IngestQueue(1024 * 1024), gate)) {
      // Another process on the hub's machine goes round the TLS port to the relay listener: it
      // would pass as a TLS terminal if the broker took the front's word for every connection.
      MqttClient sneak = new MqttClient("tcp://127.0.0.1:" + broker.relayPort(), "sneak",
          new MemoryPersistence());
      assertThatThrownBy(() -> sneak.connect(options()))
          .isInstanceOf(MqttException.class)
          .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
              .isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
      sneak.close();
      assertThat(gate.logins).isEmpty();
    }
  }

  @Test
  void relayAddressOfALiveTerminal_anotherConnectionFromIt_refusedWithoutAskingTheGate()
      throws Exception {
    HubTls tls = tls();
    OpenGate gate = new OpenGate();
    try (EmbeddedBroker broker = tlsOnly(tls, new IngestQueue(1024 * 1024), gate)) {
      MqttClient terminal = new MqttClient("ssl://127.0.0.1:" + broker.tlsPort(), "terminal",
          new MemoryPersistence());
      terminal.connect(tlsOptions(tls));
      assertThat(broker.relayAddresses()).hasSize(1);
      // A process on the hub's machine binds the terminal's relay address (Linux lets any user
      // bind 127.x) to pass for a TLS terminal at that terminal's address: the entry was claimed.
      java.net.InetAddress relayAddress = broker.relayAddresses().iterator().next();
      try (java.net.Socket spoof = new java.net.Socket()) {
        spoof.bind(new java.net.InetSocketAddress(relayAddress, 0));
        spoof.connect(new java.net.InetSocketAddress("127.0.0.1", broker.relayPort()), 5_000);
        spoof.setSoTimeout(10_000);
        spoof.getOutputStream().write(TlsFront.connectPacket("spoof"));
        byte[] connack = spoof.getInputStream().readNBytes(4);
        assertThat(connack).as("CONNACK, return code 5: not authorized")
            .containsExactly(0x20, 0x02, 0x00, 0x05);
      }
      assertThat(gate.logins).containsExactly("terminal");
      assertThat(terminal.isConnected()).isTrue();
      terminal.disconnect();
      terminal.close();
    }
  }

  @Test
  void relayPortTakenByAnotherProcess_startFails_brokerStopped() throws Exception {
    HubTls tls = tls();
    int plainPort = freePort();
    // It accepts connections and says nothing: a listener that would read terminals' logins.
    try (java.net.ServerSocket thief = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> startOn(tls, plainPort, 0, thief.getLocalPort()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is not the broker's");
    }
    assertFree(plainPort);
  }

  @Test
  void tlsPortTaken_startFails_brokerStopped() throws Exception {
    HubTls tls = tls();
    int plainPort = freePort();
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> startOn(tls, plainPort, taken.getLocalPort(), 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(String.valueOf(taken.getLocalPort()));
    }
    assertFree(plainPort);
  }

  /** A key and self-signed certificate for the broker's TLS, as the hub makes at first start. */
  private HubTls tls() {
    return HubTls.generated(dir.resolve("tls"), List.of(), Clock.systemUTC());
  }

  /** The broker with MQTT over TLS only, on the engine this machine runs (AUTO). */
  private EmbeddedBroker tlsOnly(HubTls tls, IngestQueue queue, BrokerGate gate) {
    return EmbeddedBroker.start(
        new EmbeddedBroker.Listeners("127.0.0.1", EmbeddedBroker.Listeners.OFF, 0, tls.brokerKey()),
        dir.resolve("broker"), Topics.defaults(), queue, Clock.systemUTC(), gate, null);
  }

  /** The broker on these ports (0: a free one), its TLS front relaying to {@code relayPort}. */
  private EmbeddedBroker startOn(HubTls tls, int plainPort, int tlsPort, int relayPort) {
    return EmbeddedBroker.start(
        new EmbeddedBroker.Listeners("127.0.0.1", plainPort, tlsPort, tls.brokerKey()), relayPort,
        dir.resolve("broker"), Topics.defaults(), new IngestQueue(1024 * 1024), Clock.systemUTC(),
        new OpenGate(), null);
  }

  /** Binds {@code port}, which only works once the broker that had it stopped. */
  private static void assertFree(int port) throws java.io.IOException {
    try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).as("the broker stopped: its port is free").isEqualTo(port);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  @Test
  void jdkEngine_brokerServesTlsItself_gateSeesTls() throws Exception {
    HubTls tls = tls();
    OpenGate gate = new OpenGate();
    try (EmbeddedBroker broker = EmbeddedBroker.start(
        new EmbeddedBroker.Listeners("127.0.0.1", 0, 0, tls.brokerKey())
            .withEngine(EmbeddedBroker.TlsEngine.JDK),
        dir.resolve("broker"), Topics.defaults(), new IngestQueue(1024 * 1024), Clock.systemUTC(),
        gate, null)) {
      assertThat(broker.tlsEngine()).isEqualTo("JDK");
      assertThat(broker.relayPort()).isEqualTo(EmbeddedBroker.Listeners.OFF);
      MqttClient overTls = new MqttClient("ssl://127.0.0.1:" + broker.tlsPort(), "tls-client",
          new MemoryPersistence());
      overTls.connect(tlsOptions(tls));
      MqttClient plain = new MqttClient(broker.mqttUrl(), "plain-client", new MemoryPersistence());
      plain.connect(options());
      assertThat(gate.peers).containsExactly(
          new BrokerGate.Peer("127.0.0.1", true), new BrokerGate.Peer("127.0.0.1", false));
      overTls.disconnect();
      overTls.close();
      plain.disconnect();
      plain.close();
    }
  }

  private static MqttConnectOptions tlsOptions(HubTls tls) {
    MqttConnectOptions options = options();
    options.setSocketFactory(tls.pin().socketFactory());
    options.setHttpsHostnameVerificationEnabled(false);
    options.setConnectionTimeout(10);
    return options;
  }

  private static MqttConnectOptions options() {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName("anyone");
    options.setPassword("x".toCharArray());
    options.setCleanSession(true);
    return options;
  }
}
