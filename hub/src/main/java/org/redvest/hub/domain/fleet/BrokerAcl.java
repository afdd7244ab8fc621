package org.redvest.hub.domain.fleet;

import java.util.List;
import org.redvest.hub.transport.broker.Broker;
import org.redvest.protocol.TerminalTopic;
import org.redvest.protocol.Topics;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * The topic rules of the broker (docs/security.md, "Broker ACL"), the same for the embedded broker
 * and the Mosquitto configuration the hub writes. A terminal may publish only its own reports and
 * read only what the hub writes for it; the hub may do anything. Filters are compared whole, so a
 * wildcard ({@code #}, {@code +}) never matches a terminal's allowance.
 */
public final class BrokerAcl {
  /** What a terminal reports: events, status (retained, also its will), heartbeats, records. */
  static final List<String> TERMINAL_WRITES = List.of(TerminalTopic.Kind.EVENTS.wireName(),
      TerminalTopic.Kind.STATUS.wireName(), TerminalTopic.Kind.HEARTBEAT.wireName(),
      TerminalTopic.Kind.ENROLMENTS.wireName(), CredentialTopics.REFUSALS);
  /** What the hub writes for one terminal. */
  static final List<String> TERMINAL_READS = List.of(TerminalTopic.Kind.ACK.wireName(),
      TerminalTopic.Kind.ENROLMENT_ACK.wireName(), CredentialTopics.REFUSAL_ACK,
      TerminalTopic.Kind.ROTATE.wireName());

  private final Topics topics;
  private final CredentialTopics credentialTopics;

  public BrokerAcl(Topics topics) {
    this.topics = topics;
    this.credentialTopics = new CredentialTopics(topics);
  }

  /** Whether {@code account} may publish on {@code topic}. */
  public boolean mayPublish(TerminalAccount account, String topic) {
    String own = ownPrefix(account);
    return topic.startsWith(own) && TERMINAL_WRITES.contains(topic.substring(own.length()));
  }

  /** Whether {@code account} may subscribe to {@code filter}. */
  public boolean maySubscribe(TerminalAccount account, String filter) {
    String own = ownPrefix(account);
    if (filter.startsWith(own)) {
      return TERMINAL_READS.contains(filter.substring(own.length()));
    }
    return filter.equals(credentialTopics.roster())
        || filter.equals(topics.roster(account.station()))
        || filter.equals(topics.config(account.station()))
        || filter.equals(topics.hubKeys());
  }

  /** The topics {@code account} may publish on, for the external broker's ACL file. */
  public List<String> writes(TerminalAccount account) {
    return TERMINAL_WRITES.stream().map(kind -> ownPrefix(account) + kind).toList();
  }

  /** The topics {@code account} may subscribe to, for the external broker's ACL file. */
  public List<String> reads(TerminalAccount account) {
    List<String> own = TERMINAL_READS.stream().map(kind -> ownPrefix(account) + kind).toList();
    return java.util.stream.Stream.concat(own.stream(), java.util.stream.Stream.of(
        credentialTopics.roster(), topics.roster(account.station()),
        topics.config(account.station()), topics.hubKeys())).toList();
  }

  /**
   * What a terminal revoked with a hold may publish (docs/security.md, "Salvage"): its events
   * (held for review), its status and heartbeat (they change no hours), so a refused QoS 1 publish
   * never stalls its in-flight window.
   */
  public List<String> heldWrites(TerminalAccount account) {
    return List.of(topics.events(account.station(), account.terminal()),
        topics.status(account.station(), account.terminal()),
        topics.heartbeat(account.station(), account.terminal()));
  }

  /** What a held terminal may read: its acks, so its outbox drains into the hold. */
  public List<String> heldReads(TerminalAccount account) {
    return List.of(topics.ack(account.station(), account.terminal()));
  }

  private String ownPrefix(TerminalAccount account) {
    return topics.prefix() + "/stations/" + account.station() + "/terminals/"
        + account.terminal() + "/";
  }
}
