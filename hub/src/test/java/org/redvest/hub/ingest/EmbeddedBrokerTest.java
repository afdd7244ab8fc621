package org.redvest.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.Topics;
import org.redvest.testsupport.MqttClients;

/** The embedded broker on its own, with a gate that lets every named login do anything. */
class EmbeddedBrokerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  /** Lets in any login with a username; everything else allowed. */
  private static final class OpenGate implements BrokerGate {
    @Override
    public boolean login(String clientId, String username, byte[] password, Peer peer) {
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

  private static MqttConnectOptions options() {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName("anyone");
    options.setPassword("x".toCharArray());
    options.setCleanSession(true);
    return options;
  }
}
