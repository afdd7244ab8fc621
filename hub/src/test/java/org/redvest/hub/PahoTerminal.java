package org.redvest.hub;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.testsupport.MqttClients;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;

/** Publishes as a terminal would (Paho, QoS 1) and remembers the last ack it received. */
public final class PahoTerminal implements AutoCloseable {
  public final StationId station;
  public final TerminalId terminal;
  private final Topics topics;
  private final MqttClient client;
  private final Provisioning login;
  private final MqttConnectOptions options;
  private final AtomicReference<Long> lastAck = new AtomicReference<>();

  /** A terminal provisioned at {@code hub} (once per data directory) and logged in as itself. */
  public PahoTerminal(Hub hub, String station, String terminal) throws MqttException {
    this(hub.mqttUrl(), hub.config().topics(), FleetLogins.of(hub, station, terminal));
  }

  public PahoTerminal(String brokerUrl, Topics topics, Provisioning login) throws MqttException {
    this.login = login;
    this.station = login.account().station();
    this.terminal = login.account().terminal();
    this.topics = topics;
    client = new MqttClient(brokerUrl, login.account().clientId(TerminalAccount.Link.EVENTS),
        new MemoryPersistence());
    // Paho can leave the token of a publish whose connection the broker closes meanwhile
    // unanswered: no call here waits for ever.
    client.setTimeToWait(TimeUnit.SECONDS.toMillis(20));
    options = FleetLogins.options(login, brokerUrl);
    options.setCleanSession(true);
    connect();
  }

  private void connect() throws MqttException {
    MqttClients.connect(client, options, () ->
        client.subscribe(topics.ack(this.station, this.terminal), 1, (topic, message) ->
            lastAck.set(WireCodec.decodeAck(message.getPayload()).committedSeq())));
  }

  public AttendanceEvent event(long seq, String volunteer, EventKind kind, String occurredAt) {
    return AttendanceEvent.of(UUID.randomUUID(), station, terminal, seq, VolunteerId.of(volunteer),
        kind, CheckInMethod.QR, OffsetDateTime.parse(occurredAt));
  }

  public void publish(AttendanceEvent event) throws MqttException {
    publishRaw(topics.events(station, terminal), WireCodec.encodeEvent(event));
  }

  /** Publishes {@code payload} signed by this terminal's key when it can be (a {@code {…}} text). */
  public void publishRaw(String topic, String payload) throws MqttException {
    publishRaw(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes {@code payload} signed by this terminal's key when it can be (a {@code {…}} text). */
  public void publishRaw(String topic, byte[] payload) throws MqttException {
    boolean object = payload.length > 2 && payload[0] == '{' && payload[payload.length - 1] == '}';
    publishUnsigned(topic, object ? FleetLogins.sign(login, payload) : payload);
  }

  /** Publishes {@code payload} as it is, without the terminal's signature. */
  public void publishUnsigned(String topic, byte[] payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    client.publish(topic, message);
  }

  /**
   * Publishes a message the broker is expected to refuse and waits until the broker has closed
   * the connection, as it does to an MQTT 3.1.1 client whose publish it refuses; then logs in
   * again, so the terminal can go on. QoS 0, as a refused publish is never acknowledged.
   */
  public void publishRefused(String topic, byte[] payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(0);
    try {
      client.publish(topic, message);
    } catch (MqttException e) {
      // The broker's refusal closed the connection before Paho finished with the publish.
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> !client.isConnected());
    connect();
  }

  /** The committedSeq of the last ack received, or null. */
  public Long lastAck() {
    return lastAck.get();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
