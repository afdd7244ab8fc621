package org.redvest.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.hours.EvidenceRules;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.protocol.Topics;

/**
 * The hub's configuration, parsed once at start-up.
 *
 * @param httpPort REST API port; 0 picks a free one
 * @param mqttPort embedded broker port; 0 picks a free one (ignored with an external broker)
 * @param dataDir where the database and the embedded broker's store live
 * @param brokerUrl {@code tcp://host:port} of an external broker, or null to embed one
 * @param topicPrefix MQTT topic prefix, default {@value Topics#DEFAULT_PREFIX}
 * @param maxSession a session longer than this credits nothing and is flagged (default 12 h)
 * @param zone the zone whose calendar days split hours (default Asia/Shanghai)
 * @param evidence thresholds of the evidence and anomaly rules and the daily caps ({@code
 *     clock-tolerance}, {@code back-dated-after}, {@code replay-window}, {@code face-score-min},
 *     {@code caps})
 * @param transport the listeners' addresses and TLS ({@link TransportConfig})
 * @param mosquitto where to write an external Mosquitto's password and ACL files and how to make
 *     it reload them, or null when the hub does not manage the broker's security
 * @param map the boundary file drawn under the stations and its approval number, or null for
 *     dots only
 */
public record HubConfig(
    int httpPort,
    int mqttPort,
    Path dataDir,
    URI brokerUrl,
    String topicPrefix,
    Duration maxSession,
    ZoneId zone,
    EvidenceRules evidence,
    TransportConfig transport,
    Mosquitto mosquitto,
    MapFile map) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_MQTT_PORT = 1883;
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  public HubConfig {
    checkPort(httpPort, "http-port");
    checkPort(mqttPort, "mqtt-port");
    if (dataDir == null) {
      throw new ConfigException("data-dir", "is required");
    }
    if (brokerUrl != null && (!("tcp".equals(brokerUrl.getScheme()) || "ssl".equals(brokerUrl.getScheme()))
        || brokerUrl.getHost() == null
        || brokerUrl.getPort() < 1)) {
      throw new ConfigException("broker-url", "must look like tcp://host:1883 or ssl://host:8883,"
          + " was " + brokerUrl);
    }
    try {
      Topics.of(topicPrefix);
    } catch (RuntimeException e) {
      throw new ConfigException("topic-prefix", e.getMessage());
    }
    if (maxSession == null || maxSession.isNegative() || maxSession.isZero()) {
      throw new ConfigException("max-session", "must be a positive duration, was " + maxSession);
    }
    if (zone == null) {
      throw new ConfigException("zone", "is required");
    }
    if (evidence == null) {
      throw new ConfigException("evidence", "evidence rules are required");
    }
    if (transport == null) {
      throw new ConfigException("transport", "is required");
    }
    if (brokerUrl == null && !transport.plainMqtt() && !transport.mqttTls()) {
      throw new ConfigException("mqtt-tls-port", "is off and plain MQTT is served only on"
          + " loopback (mqtt-host " + transport.mqttHost() + "): the embedded broker would have"
          + " no listener");
    }
    if (mosquitto != null && brokerUrl == null) {
      throw new ConfigException("mosquitto-dir", "needs --broker-url: the embedded broker checks"
          + " logins itself, only an external Mosquitto reads these files");
    }
  }

  /**
   * The hub writes Mosquitto's security files into {@code dir} (docs/security.md, "External
   * brokers") and runs {@code reloadCommand} after each write.
   *
   * @param reloadCommand a shell command line such as {@code systemctl reload mosquitto}, or null
   *     when the operator reloads Mosquitto
   */
  /**
   * An external Mosquitto whose security files the hub writes.
   *
   * @param tlsPort the MQTT-over-TLS listener the files add, serving the hub's own TLS key (so
   *     terminals' pins hold), or {@link TransportConfig#OFF} for none
   */
  public record Mosquitto(Path dir, String reloadCommand, int tlsPort) {
    public static final int DEFAULT_TLS_PORT = 8883;

    public Mosquitto {
      if (dir == null) {
        throw new ConfigException("mosquitto-dir", "is required");
      }
      if (reloadCommand != null && reloadCommand.isBlank()) {
        reloadCommand = null;
      }
      if (tlsPort != TransportConfig.OFF && (tlsPort < 1 || tlsPort > 65535)) {
        throw new ConfigException("mosquitto-tls-port", "must be a port from 1 to 65535, or off,"
            + " was " + tlsPort);
      }
    }

    /** Files without a TLS listener. */
    public Mosquitto(Path dir, String reloadCommand) {
      this(dir, reloadCommand, TransportConfig.OFF);
    }
  }

  /**
   * The boundary file drawn under the stations ({@code map}), read when the hub starts.
   *
   * @param approval the base map's approval number (审图号) printed under it ({@code
   *     map-approval}), or null to take the file's own
   */
  public record MapFile(Path file, String approval) {
    public MapFile {
      if (file == null) {
        throw new ConfigException("map", "is required");
      }
      if (approval != null && approval.isBlank()) {
        approval = null;
      }
    }
  }

  /** A configuration on the default listeners ({@link TransportConfig#defaults()}). */
  public HubConfig(int httpPort, int mqttPort, Path dataDir, URI brokerUrl, String topicPrefix,
      Duration maxSession, ZoneId zone, EvidenceRules evidence) {
    this(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, zone, evidence,
        TransportConfig.defaults(), null, null);
  }

  /** A configuration with the default evidence rules. */
  public HubConfig(int httpPort, int mqttPort, Path dataDir, URI brokerUrl, String topicPrefix,
      Duration maxSession, ZoneId zone) {
    this(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, zone, EvidenceRules.defaults());
  }

  /**
   * A hub on loopback only, every listener on a free port ({@link TransportConfig#local()}):
   * one machine's hub, e.g. for tests and demos.
   */
  public static HubConfig local(Path dataDir) {
    return defaults(dataDir).withHttpPort(0).withMqttPort(0).withTransport(TransportConfig.local());
  }

  /** Embedded broker, default ports, data under {@code dataDir}. */
  public static HubConfig defaults(Path dataDir) {
    return new HubConfig(DEFAULT_HTTP_PORT, DEFAULT_MQTT_PORT, dataDir, null,
        Topics.DEFAULT_PREFIX, HoursCalculator.DEFAULT_MAX_SESSION, DEFAULT_ZONE);
  }

  /**
   * The configuration from command-line flags, then environment variables ({@code
   * REDVEST_HUB_HTTP_PORT}, ...), then a {@code --config} properties file, then defaults.
   *
   * @throws ConfigException naming the bad flag, variable or key
   */
  public static HubConfig parse(String[] args, Map<String, String> env) {
    return ConfigReader.read(HubOptions.flags(args), env);
  }

  /**
   * The configuration from flags picocli has already parsed ({@link HubOptions#values}), by
   * setting name, over the environment, the {@code --config} file and the defaults.
   *
   * @throws ConfigException naming the bad flag, variable or key
   */
  static HubConfig parse(Map<String, String> flags, Map<String, String> env) {
    return ConfigReader.read(flags, env);
  }

  public Optional<URI> externalBroker() {
    return Optional.ofNullable(brokerUrl);
  }

  public Topics topics() {
    return Topics.of(topicPrefix);
  }

  public HubConfig withHttpPort(int port) {
    return new HubConfig(port, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, zone, evidence, transport,
        mosquitto, map);
  }

  public HubConfig withMqttPort(int port) {
    return new HubConfig(httpPort, port, dataDir, brokerUrl, topicPrefix, maxSession, zone, evidence, transport,
        mosquitto, map);
  }

  public HubConfig withDataDir(Path dir) {
    return new HubConfig(httpPort, mqttPort, dir, brokerUrl, topicPrefix, maxSession, zone, evidence, transport,
        mosquitto, map);
  }

  public HubConfig withBrokerUrl(URI url) {
    return new HubConfig(httpPort, mqttPort, dataDir, url, topicPrefix, maxSession, zone, evidence, transport,
        mosquitto, map);
  }

  public HubConfig withTopicPrefix(String prefix) {
    return new HubConfig(httpPort, mqttPort, dataDir, brokerUrl, prefix, maxSession, zone, evidence, transport,
        mosquitto, map);
  }

  public HubConfig withMaxSession(Duration max) {
    return new HubConfig(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, max, zone, evidence, transport,
        mosquitto, map);
  }

  public HubConfig withZone(ZoneId newZone) {
    return new HubConfig(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, newZone, evidence, transport,
        mosquitto, map);
  }

  public HubConfig withEvidence(EvidenceRules rules) {
    return new HubConfig(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, zone, rules, transport,
        mosquitto, map);
  }

  public HubConfig withMosquitto(Mosquitto settings) {
    return new HubConfig(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, zone,
        evidence, transport, settings, map);
  }

  /** Where and how the hub keeps an external Mosquitto's security files, if it does. */
  public Optional<Mosquitto> mosquittoSecurity() {
    return Optional.ofNullable(mosquitto);
  }

  public HubConfig withTransport(TransportConfig newTransport) {
    return new HubConfig(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, zone,
        evidence, newTransport, mosquitto, map);
  }

  public HubConfig withMap(MapFile file) {
    return new HubConfig(httpPort, mqttPort, dataDir, brokerUrl, topicPrefix, maxSession, zone,
        evidence, transport, mosquitto, file);
  }

  private static void checkPort(int port, String key) {
    if (port < 0 || port > 65535) {
      throw new ConfigException(key, "must be a port between 0 and 65535, was " + port);
    }
  }
}
