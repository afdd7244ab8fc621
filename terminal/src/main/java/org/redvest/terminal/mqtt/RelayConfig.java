package org.redvest.terminal.mqtt;

import java.time.Duration;
import java.util.Objects;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * How {@link PahoRelay} reaches the hub.
 *
 * @param brokerUrl e.g. {@code tcp://hub.local:1883}
 * @param topics the topic prefix ({@link Topics#defaults()} is {@code redvest/v1})
 * @param resendAfter re-publish an event the hub has not acknowledged for this long
 * @param heartbeatInterval time between heartbeats
 * @param maxInflight events published but not yet acknowledged by the hub, at most
 * @param software this terminal's software version, reported in status and heartbeats
 * @param login the broker login from provisioning, or null to connect anonymously (only a broker
 *     that allows it, such as a test fixture, lets such a terminal in)
 */
public record RelayConfig(
    String brokerUrl,
    Topics topics,
    StationId station,
    TerminalId terminal,
    Duration resendAfter,
    Duration heartbeatInterval,
    int maxInflight,
    String software,
    MqttLogin login) {

  public static final Duration DEFAULT_RESEND_AFTER = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_INFLIGHT = 500;

  public RelayConfig {
    if (brokerUrl == null || !brokerUrl.matches("(tcp|ssl|ws|wss)://.+")) {
      throw new IllegalArgumentException(
          "brokerUrl: must look like tcp://host:1883 (or ssl/ws/wss), was \"" + brokerUrl + "\"");
    }
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(terminal, "terminal");
    requirePositive(resendAfter, "resendAfter");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    if (maxInflight < 1 || maxInflight > 10_000) {
      throw new IllegalArgumentException("maxInflight: must be 1..10000, was " + maxInflight);
    }
    if (software == null || software.isBlank()) {
      throw new IllegalArgumentException("software: is required");
    }
  }

  /** A config with the default prefix, resend delay, heartbeat interval and in-flight window. */
  public static RelayConfig of(
      String brokerUrl, StationId station, TerminalId terminal, String software) {
    return new RelayConfig(brokerUrl, Topics.defaults(), station, terminal, DEFAULT_RESEND_AFTER,
        DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_MAX_INFLIGHT, software, null);
  }

  public RelayConfig withTopics(Topics newTopics) {
    return new RelayConfig(brokerUrl, newTopics, station, terminal, resendAfter,
        heartbeatInterval, maxInflight, software, login);
  }

  public RelayConfig withResendAfter(Duration newResendAfter) {
    return new RelayConfig(brokerUrl, topics, station, terminal, newResendAfter,
        heartbeatInterval, maxInflight, software, login);
  }

  public RelayConfig withHeartbeatInterval(Duration newHeartbeatInterval) {
    return new RelayConfig(brokerUrl, topics, station, terminal, resendAfter,
        newHeartbeatInterval, maxInflight, software, login);
  }

  public RelayConfig withMaxInflight(int newMaxInflight) {
    return new RelayConfig(brokerUrl, topics, station, terminal, resendAfter,
        heartbeatInterval, newMaxInflight, software, login);
  }

  public RelayConfig withLogin(MqttLogin newLogin) {
    return new RelayConfig(brokerUrl, topics, station, terminal, resendAfter,
        heartbeatInterval, maxInflight, software, newLogin);
  }

  /**
   * The MQTT client id: stable per terminal, so the broker keeps its session across restarts, and
   * tied to the terminal's login ({@code rv/{station}/{terminal}}).
   */
  public String clientId() {
    return new TerminalAccount(station, terminal).clientId(TerminalAccount.Link.EVENTS);
  }

  private static void requirePositive(Duration d, String field) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": must be a positive duration, was " + d);
    }
  }
}
