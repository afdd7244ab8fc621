package org.redvest.terminal.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * rv-{station}-{terminal}-credentials}) and thread, an {@link AckedLink}: takes the retained roster into the
 * {@link CodeReader}, and delivers refused attempts like events (each kept in the {@link
 * RefusalLog} until the hub's retained {@code refusal-ack} covers it, re-published every tick and
 * after each reconnect).
 */
public final class PahoCredentialRelay implements AutoCloseable {
  private final AckedLink link;

  private PahoCredentialRelay(AckedLink link) {
    this.link = link;
  }

  /** Starts the link; {@code every} is both the reconnect and the re-publish interval. */
  public static PahoCredentialRelay start(String brokerUrl, MqttLogin login, Topics topics,
      StationId station, TerminalId terminal, CodeReader reader, RefusalLog refusals,
      Duration every) {
    CredentialTopics credentials = new CredentialTopics(topics);
    AckedLink.Route route = new AckedLink.Route("credential",
        new TerminalAccount(station, terminal).clientId(TerminalAccount.Link.CREDENTIALS),
        credentials.refusals(station, terminal), credentials.refusalAck(station, terminal),
        Map.of(credentials.roster(), payload -> reader.accept(CredentialWire.decodeRoster(payload))));
    PahoCredentialRelay relay = new PahoCredentialRelay(AckedLink.start(brokerUrl, login, route,
        new AckedLink.Owed() {
          @Override
          public List<byte[]> unacked() {
            return refusals.unacked();
          }

          @Override
          public void acknowledge(long committedSeq) {
            refusals.acknowledge(committedSeq);
          }
        }, every));
    refusals.onAppend(relay::nudge);
    return relay;
  }

  /** Publishes owed refusals now; cheap, any thread. */
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
