package org.redvest.protocol;

import java.util.Optional;

/**
 * Topic names of the protocol under a configurable prefix (default {@value #DEFAULT_PREFIX}).
 *
 * <pre>
 * {prefix}/stations/{stationId}/terminals/{terminalId}/events|status|heartbeat|ack
 * {prefix}/stations/{stationId}/terminals/{terminalId}/enrolments|enrolment-ack
 * {prefix}/stations/{stationId}/config
 * {prefix}/roster/{stationId}
 * {prefix}/fleet/hub-key
 * </pre>
 */
public final class Topics {
  public static final String DEFAULT_PREFIX = "redvest/v1";

  private final String prefix;

  private Topics(String prefix) {
    this.prefix = prefix;
  }

  /** Topics under {@code prefix}, which must be non-empty and free of wildcards. */
  public static Topics of(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new ProtocolException(
          "topicPrefix", "must be non-empty without leading or trailing '/', was \"" + prefix + "\"");
    }
    if (prefix.contains("+") || prefix.contains("#")) {
      throw new ProtocolException("topicPrefix", "must not contain wildcards, was \"" + prefix + "\"");
    }
    return new Topics(prefix);
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX);
  }

  public String prefix() {
    return prefix;
  }

  public String terminal(StationId station, TerminalId terminal, TerminalTopic.Kind kind) {
    return prefix + "/stations/" + station + "/terminals/" + terminal + "/" + kind.wireName();
  }

  public String events(StationId station, TerminalId terminal) {
    return terminal(station, terminal, TerminalTopic.Kind.EVENTS);
  }

  public String status(StationId station, TerminalId terminal) {
    return terminal(station, terminal, TerminalTopic.Kind.STATUS);
  }

  public String heartbeat(StationId station, TerminalId terminal) {
    return terminal(station, terminal, TerminalTopic.Kind.HEARTBEAT);
  }

  public String ack(StationId station, TerminalId terminal) {
    return terminal(station, terminal, TerminalTopic.Kind.ACK);
  }

  /** Face enrolment records, terminal to hub (never templates). */
  public String enrolments(StationId station, TerminalId terminal) {
    return terminal(station, terminal, TerminalTopic.Kind.ENROLMENTS);
  }

  /** The hub's retained acknowledgement of enrolment records, hub to terminal. */
  public String enrolmentAck(StationId station, TerminalId terminal) {
    return terminal(station, terminal, TerminalTopic.Kind.ENROLMENT_ACK);
  }

  /** The hub's retained request that the terminal replace its key, hub to terminal. */
  public String rotate(StationId station, TerminalId terminal) {
    return terminal(station, terminal, TerminalTopic.Kind.ROTATE);
  }

  public String config(StationId station) {
    return prefix + "/stations/" + station + "/config";
  }

  public String roster(StationId station) {
    return prefix + "/roster/" + station;
  }

  /**
   * Where the hub keeps, retained, the chain of its signing keys (docs/protocol.md §16, "The hub's
   * signing key"): every terminal reads it.
   */
  public String hubKeys() {
    return prefix + "/fleet/hub-key";
  }

  /** Subscription filter for one kind of terminal topic across all stations and terminals. */
  public String allTerminals(TerminalTopic.Kind kind) {
    return prefix + "/stations/+/terminals/+/" + kind.wireName();
  }

  /**
   * The station, terminal and kind named by a terminal topic, or empty when {@code topic} is not
   * one (another prefix, another shape, or an id that is not valid).
   */
  public Optional<TerminalTopic> parse(String topic) {
    if (topic == null || !topic.startsWith(prefix + "/")) {
      return Optional.empty();
    }
    String[] parts = topic.substring(prefix.length() + 1).split("/", -1);
    if (parts.length != 5 || !parts[0].equals("stations") || !parts[2].equals("terminals")) {
      return Optional.empty();
    }
    Optional<TerminalTopic.Kind> kind = TerminalTopic.Kind.fromWireName(parts[4]);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new TerminalTopic(StationId.of(parts[1]), TerminalId.of(parts[3]), kind.get()));
    } catch (ProtocolException e) {
      return Optional.empty();
    }
  }
}
