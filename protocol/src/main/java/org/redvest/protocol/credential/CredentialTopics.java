package org.redvest.protocol.credential;

import java.util.Optional;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;

/**
 * Topics of the credential feature (docs/protocol.md §9 and §14), under the protocol prefix:
 *
 * <pre>
 * {prefix}/roster/_all                                         hub → terminals, retained
 * {prefix}/stations/{stationId}/terminals/{terminalId}/refusals      terminal → hub
 * {prefix}/stations/{stationId}/terminals/{terminalId}/refusal-ack   hub → terminal, retained
 * </pre>
 *
 * {@code _all} cannot be a station id (ids start with a letter or digit), so a per-station roster
 * can be added later beside it.
 */
public final class CredentialTopics {
  public static final String GLOBAL_ROSTER = "_all";
  public static final String REFUSALS = "refusals";
  public static final String REFUSAL_ACK = "refusal-ack";

  private final Topics topics;

  public CredentialTopics(Topics topics) {
    this.topics = topics;
  }

  public String roster() {
    return topics.prefix() + "/roster/" + GLOBAL_ROSTER;
  }

  public String refusals(StationId station, TerminalId terminal) {
    return terminal(station, terminal) + REFUSALS;
  }

  public String refusalAck(StationId station, TerminalId terminal) {
    return terminal(station, terminal) + REFUSAL_ACK;
  }

  /** Subscription filter for every terminal's refusals. */
  public String allRefusals() {
    return topics.prefix() + "/stations/+/terminals/+/" + REFUSALS;
  }

  /** Whether {@code topic} belongs to this feature (so event ingest leaves it alone). */
  public boolean owns(String topic) {
    return topic.equals(roster()) || topic.startsWith(topics.prefix() + "/roster/")
        || topic.endsWith("/" + REFUSALS) || topic.endsWith("/" + REFUSAL_ACK);
  }

  /** The terminal a {@code …/refusals} topic names, or empty. */
  public Optional<Sender> refusalSender(String topic) {
    String head = topics.prefix() + "/stations/";
    if (!topic.startsWith(head) || !topic.endsWith("/" + REFUSALS)) {
      return Optional.empty();
    }
    String[] parts = topic.substring(head.length(), topic.length() - REFUSALS.length() - 1).split("/", -1);
    if (parts.length != 3 || !parts[1].equals("terminals")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Sender(StationId.of(parts[0]), TerminalId.of(parts[2])));
    } catch (ProtocolException e) {
      return Optional.empty();
    }
  }

  /** A terminal, as named by its topic. */
  public record Sender(StationId station, TerminalId terminal) {}

  private String terminal(StationId station, TerminalId terminal) {
    return topics.prefix() + "/stations/" + station + "/terminals/" + terminal + "/";
  }
}
