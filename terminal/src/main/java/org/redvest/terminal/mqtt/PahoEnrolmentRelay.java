package org.redvest.terminal.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.face.enrolment.TemplateVault;

/**
 * Delivers face enrolment records (never templates) to the hub the way events are delivered, on
 * an {@link AckedLink}: each record stays in the {@link TemplateVault} until the hub's retained
 * {@code …/enrolment-ack} covers its {@code enrolmentSeq}, and every unacknowledged record is
 * published again on each tick and after each reconnect. A WITHDRAWN record is therefore the
 * durable confirmation to the hub that templates were deleted. Its own MQTT connection (client id
 * {@code rv-{station}-{terminal}-enrolments}) and thread keep it apart from event delivery.
 */
public final class PahoEnrolmentRelay implements AutoCloseable {
  private final AckedLink link;

  private PahoEnrolmentRelay(AckedLink link) {
    this.link = link;
  }

  /** Starts delivering; {@code every} is both the reconnect and the re-publish interval. */
  public static PahoEnrolmentRelay start(String brokerUrl, MqttLogin login, Topics topics,
      StationId station, TerminalId terminal, TemplateVault vault, Duration every) {
    AckedLink.Route route = new AckedLink.Route("enrolment",
        new TerminalAccount(station, terminal).clientId(TerminalAccount.Link.ENROLMENTS),
        topics.enrolments(station, terminal), topics.enrolmentAck(station, terminal), Map.of());
    return new PahoEnrolmentRelay(AckedLink.start(brokerUrl, login, route, new AckedLink.Owed() {
      @Override
      public List<byte[]> unacked() {
        return vault.unacked().stream().map(WireCodec::encodeEnrolment).toList();
      }

      @Override
      public void acknowledge(long committedSeq) {
        vault.acknowledge(committedSeq);
      }
    }, every));
  }

  /** Publishes owed records now (after an enrolment or a withdrawal); cheap, any thread. */
  public void nudge() {
    link.nudge();
  }

  public boolean isConnected() {
    return link.isConnected();
  }

  /** Stops the thread and disconnects; later calls do nothing. */
  @Override
  public void close() {
    link.close();
  }
}
