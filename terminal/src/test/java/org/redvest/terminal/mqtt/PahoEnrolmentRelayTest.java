package org.redvest.terminal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.Ack;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.enrolment.Consent;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.terminal.face.enrolment.Enrolments;
import org.redvest.terminal.face.enrolment.TemplateKey;
import org.redvest.terminal.face.enrolment.TemplateVault;

/**
 * Enrolment records reach the hub through an embedded broker that is down while the volunteer
 * enrols and withdraws: nothing is lost, the payloads carry no template, and the hub's ack
 * releases them.
 */
class PahoEnrolmentRelayTest {
  static final StationId STATION = StationId.of("JX-RJ-0001");
  static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  static final VolunteerId ZHANG = VolunteerId.of("V-1");
  static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");

  @TempDir Path dir;

  @Test
  void relay_brokerDownDuringEnrolAndWithdraw_deliversBothOnceItIsBackAndTheAckReleasesThem() throws Exception {
    int port;
    try (EmbeddedBroker probe = EmbeddedBroker.start()) {
      port = probe.port();
    }
    try (EmbeddedBroker broker = EmbeddedBroker.stoppedOn(port);
        TemplateVault vault = TemplateVault.open(dir, TemplateKey.openOrCreate(dir.resolve("k")), STATION, KIOSK);
        PahoEnrolmentRelay relay = PahoEnrolmentRelay.start(broker.url(), null, Topics.defaults(), STATION, KIOSK, vault,
            Duration.ofMillis(200))) {
      Gallery gallery = new Gallery(8);
      Enrolments enrolments = new Enrolments(vault, gallery, relay::nudge);
      EnrolmentSession session = new EnrolmentSession(ZHANG, "张三", new Consent("c-1", "v1", AT, "manager-1"), 2, 0.4);
      session.offer(new org.redvest.terminal.face.FaceObservation(box(), org.redvest.terminal.face.Quality.OK, template(1, 0), null));
      session.offer(new org.redvest.terminal.face.FaceObservation(box(), org.redvest.terminal.face.Quality.OK, template(1, 0.6f), null));
      enrolments.enrol(session);
      enrolments.withdraw(ZHANG, AT.plusHours(1), "manager-1");
      assertThat(gallery.size()).isZero();

      broker.restart();
      List<String> received = new CopyOnWriteArrayList<>();
      MqttClient hub = actingHub(broker.url(), received);
      try {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(vault.unacked()).isEmpty());
      } finally {
        hub.disconnect();
        hub.close();
      }
      assertThat(received).anySatisfy(p -> assertThat(p).contains("\"state\":\"WITHDRAWN\""));
      assertThat(received).allSatisfy(p -> assertThat(p).doesNotContain("template").doesNotContain("sealed"));
    }
  }

  /** A hub stand-in: stores what arrives and acks the highest enrolmentSeq, retained. */
  private static MqttClient actingHub(String url, List<String> received) throws Exception {
    MqttClient hub = new MqttClient(url, "hub-test", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    hub.connect(options);
    Topics topics = Topics.defaults();
    hub.subscribe(topics.enrolments(STATION, KIOSK), 1, (topic, message) -> {
      String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
      received.add(payload);
      EnrolmentRecord r = WireCodec.decodeEnrolment(message.getPayload());
      new Thread(() -> {
        try {
          hub.publish(topics.enrolmentAck(STATION, KIOSK), WireCodec.encodeAck(new Ack(r.enrolmentSeq())), 1, true);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "hub-test-ack").start();
    });
    return hub;
  }

  private static org.redvest.terminal.face.FaceBox box() {
    return new org.redvest.terminal.face.FaceBox(0, 0, 100, 100, new float[10], 1f);
  }

  private static Embedding template(long seed, float nudge) {
    Random random = new Random(seed);
    float[] v = new float[8];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    v[0] += nudge;
    return Embedding.of(v);
  }
}
