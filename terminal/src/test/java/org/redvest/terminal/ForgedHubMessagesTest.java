package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.Ack;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.MqttLogin;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.testsupport.MqttClients;

/**
 * A hub message the hub did not sign never changes what a kiosk does (docs/security.md). The hub's
 * embedded broker refuses a provisioned kiosk's last will on another kiosk's ack topic at CONNECT;
 * a broker that does not judge wills (Moquette 0.17 did not), or one that is compromised, would
 * hand the forged ack to the victim, which must then ignore it.
 */
class ForgedHubMessagesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final StationId VICTIM = StationId.of("JX-RJ-0001");
  private static final StationId ATTACKER = StationId.of("JX-NC-0002");

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);

  @Test
  void forgedAckOnItsTopic_willRefusedByTheHub_andOneThatGetsThroughIsIgnored() throws Exception {
    TerminalId kiosk = TerminalId.of("kiosk-1");
    Path data = dir.resolve("victim");
    MqttLogin login = FleetJoin.join(local.hub(), data, VICTIM, kiosk);
    // The victim's one event is dated 1999: the hub dead-letters it, so it stays unacknowledged.
    Clock wrongYear = Clock.fixed(Instant.parse("1999-12-31T08:00:00Z"), ZoneId.of("Asia/Shanghai"));
    String ackTopic = Topics.defaults().ack(VICTIM, kiosk);
    try (Outbox outbox = Outbox.open(data, VICTIM, kiosk, wrongYear);
        PahoRelay relay = PahoRelay.start(RelayConfig.of(local.hub().mqttUrl(), VICTIM, kiosk, "test").withLogin(login)
            .withResendAfter(Duration.ofSeconds(1)), outbox, () -> CameraHealth.stopped("test"), wrongYear)) {
      new CheckIns(outbox).decide(VolunteerId.of("V-1"), CheckInMethod.QR, OffsetDateTime.now(wrongYear));
      await().atMost(WAIT).until(relay::isConnected);
      await().atMost(WAIT).until(() -> local.client().get("/api/dead-letters").size() >= 1);
      List<String> seenOnAckTopic = probe(login, kiosk, ackTopic);

      byte[] forged = WireCodec.encodeAck(new Ack(1));
      assertThatThrownBy(() -> connectWithWill(ackTopic, forged))
          .as("the hub's broker refuses a will outside the attacker's own topics")
          .isInstanceOf(MqttException.class);
      // What a broker that passes such a will (or a compromised one) would deliver.
      publishAsTheBroker(ackTopic, forged);

      await().atMost(WAIT).until(() -> seenOnAckTopic.contains("{\"committedSeq\":1}"));
      await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> outbox.depth() == 1);
      assertThat(outbox.committedSeq()).as("the forged ack was not applied").isZero();
    }
  }

  /** A second connection of the victim (its credentials link's client id) that records its acks. */
  private List<String> probe(MqttLogin login, TerminalId kiosk, String ackTopic) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    MqttClient probe = new MqttClient(local.hub().mqttUrl(),
        new TerminalAccount(VICTIM, kiosk).clientId(TerminalAccount.Link.CREDENTIALS), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(login.username());
    options.setPassword(login.password().toCharArray());
    MqttClients.connect(probe, options,
        () -> probe.subscribe(ackTopic, 1, (t, m) -> seen.add(new String(m.getPayload(), StandardCharsets.UTF_8))));
    return seen;
  }

  /** The attacker: a provisioned kiosk whose last will is the forged ack. */
  private void connectWithWill(String victimAckTopic, byte[] forged) throws Exception {
    TerminalId terminal = TerminalId.of("kiosk-9");
    MqttLogin login = FleetJoin.join(local.hub(), dir.resolve("attacker"), ATTACKER, terminal);
    MqttAsyncClient attacker = new MqttAsyncClient(local.hub().mqttUrl(),
        new TerminalAccount(ATTACKER, terminal).clientId(TerminalAccount.Link.EVENTS), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(login.username());
    options.setPassword(login.password().toCharArray());
    options.setWill(victimAckTopic, forged, 1, false);
    try {
      attacker.connect(options).waitForCompletion(WAIT.toMillis());
      attacker.disconnectForcibly(0, 0, false);
    } finally {
      attacker.close();
    }
  }

  /** The forged ack delivered as a broker would: published with the hub's own broker login. */
  private void publishAsTheBroker(String topic, byte[] payload) throws Exception {
    MqttClient broker = new MqttClient(local.hub().mqttUrl(), "redvest-hub-test", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(local.hub().fleet().hubLogin().username());
    options.setPassword(local.hub().fleet().hubLogin().password().toCharArray());
    MqttClients.connect(broker, options, () -> broker.publish(topic, payload, 1, false));
    broker.disconnect();
    broker.close();
  }
}
