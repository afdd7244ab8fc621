package org.redvest.terminal.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.face.enrolment.TemplateVault;

/**
 * Delivers face enrolment records (never templates) to the hub the way events are delivered, on
 * an {@link AckedLink}: each record stays in the {@link TemplateVault} until the hub's retained
 * {@code …/enrolment-ack} covers its {@code enrolmentSeq}, and is published again while it stays
 * unacknowledged and after each reconnect. A WITHDRAWN record is therefore the durable
 * confirmation to the hub that templates were deleted. Its own MQTT connection (client id {@code
 * rv-{station}-{terminal}-enrolments}) and thread keep it apart from event delivery; {@link
 * #nudge()} it after an enrolment or a withdrawal.
 */
public final class PahoEnrolmentRelay extends AckedLink {
  private final TemplateVault vault;

  private PahoEnrolmentRelay(String brokerUrl, MqttLogin login, Route route, TemplateVault vault) {
    super(brokerUrl, login, route, Clock.systemUTC());
    this.vault = vault;
  }

  /** Starts delivering; {@code every} is the re-publish interval. */
  public static PahoEnrolmentRelay start(String brokerUrl, MqttLogin login, Topics topics,
      StationId station, TerminalId terminal, TemplateVault vault, Duration every) {
    PahoEnrolmentRelay relay = new PahoEnrolmentRelay(brokerUrl, login, new Route("enrolment",
        new TerminalAccount(station, terminal).clientId(TerminalAccount.Link.ENROLMENTS),
        topics.enrolments(station, terminal), topics.enrolmentAck(station, terminal), List.of(),
        RelayConfig.DEFAULT_MAX_INFLIGHT, every), vault);
    relay.begin();
    return relay;
  }

  @Override
  List<Parcel> unacked(int limit) {
    return vault.unacked().stream().limit(limit)
        .map(record -> new Parcel(record.enrolmentSeq(), WireCodec.encodeEnrolment(record))).toList();
  }

  @Override
  void acknowledge(long committedSeq) {
    vault.acknowledge(committedSeq);
  }
}
