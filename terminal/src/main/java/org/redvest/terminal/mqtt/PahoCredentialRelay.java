package org.redvest.terminal.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.credential.CodeReader;
import org.redvest.terminal.credential.RefusalLog;

/**
 * The kiosk's credential link to the hub, on its own MQTT connection (client id {@code
 * rv-{station}-{terminal}-credentials}) and thread, an {@link AckedLink}: takes the retained
 * roster into the {@link CodeReader}, and delivers refused attempts like events (each kept in the
 * {@link RefusalLog} until the hub's retained {@code refusal-ack} covers it, published again while
 * it stays unacknowledged and after each reconnect).
 */
public final class PahoCredentialRelay extends AckedLink {
  private final MqttLogin login;
  private final CodeReader reader;
  private final RefusalLog refusals;

  private PahoCredentialRelay(String brokerUrl, MqttLogin login, Route route, CodeReader reader,
      RefusalLog refusals) {
    super(brokerUrl, login, route, Clock.systemUTC());
    this.login = login;
    this.reader = reader;
    this.refusals = refusals;
  }

  /** Starts the link; {@code every} is the re-publish interval. */
  public static PahoCredentialRelay start(String brokerUrl, MqttLogin login, Topics topics,
      StationId station, TerminalId terminal, CodeReader reader, RefusalLog refusals,
      Duration every) {
    CredentialTopics credentials = new CredentialTopics(topics);
    PahoCredentialRelay relay = new PahoCredentialRelay(brokerUrl, login, new Route("credential",
        new TerminalAccount(station, terminal).clientId(TerminalAccount.Link.CREDENTIALS),
        credentials.refusals(station, terminal), credentials.refusalAck(station, terminal),
        List.of(credentials.roster()), RelayConfig.DEFAULT_MAX_INFLIGHT, every), reader, refusals);
    refusals.onAppend(relay::nudge);
    relay.begin();
    return relay;
  }

  @Override
  List<Parcel> unacked(int limit) {
    return refusals.unacked().stream().limit(limit)
        .map(payload -> new Parcel(CredentialWire.decodeRefusal(payload).refusalSeq(), payload)).toList();
  }

  @Override
  void acknowledge(long committedSeq) {
    refusals.acknowledge(committedSeq);
  }

  /** The roster, its only other topic. */
  @Override
  void received(String topic, byte[] payload) {
    reader.accept(CredentialWire.decodeRoster(MqttLogin.open(login, payload)));
  }
}
