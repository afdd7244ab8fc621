package org.redvest.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.redvest.hub.transport.broker.EmbeddedBroker.TlsEngine;

/**
 * Where the hub listens and how it protects its listeners (docs/security.md, "TLS").
 *
 * @param mqttHost the address the embedded broker binds, {@value #DEFAULT_MQTT_HOST} by default
 * @param mqttTlsPort the embedded broker's MQTT-over-TLS port (0 picks a free one, -1 none)
 * @param insecurePlainMqtt serve plain MQTT on {@code mqttHost} even when it is not a loopback
 *     address: logins and events then cross the network in clear text, and the dashboard says so
 * @param httpsPort the HTTPS port of the web side (0 picks a free one, -1 none)
 * @param tlsCertificate a PEM certificate chain to serve, or null to make and keep a self-signed
 *     one under {@code <data-dir>/fleet/}
 * @param tlsKey the PEM private key of {@code tlsCertificate} (both or neither)
 * @param tlsNames extra DNS names or addresses the generated certificate names, besides
 *     localhost and this machine's own name and addresses
 * @param httpHost the address plain HTTP binds, {@value #DEFAULT_HTTP_HOST} by default (HTTPS
 *     binds every interface)
 * @param insecurePlainHttp allow {@code httpHost} to be reachable from other machines: sign-ins,
 *     API tokens and claim answers then cross the network in clear text, and the dashboard says so
 * @param mqttTlsEngine what serves the embedded broker's MQTT over TLS: BoringSSL before the
 *     broker where it runs ({@code auto}, the default), or the JDK's engine inside it ({@code jdk})
 */
public record TransportConfig(
    String mqttHost,
    int mqttTlsPort,
    boolean insecurePlainMqtt,
    int httpsPort,
    Path tlsCertificate,
    Path tlsKey,
    List<String> tlsNames,
    String httpHost,
    boolean insecurePlainHttp,
    TlsEngine mqttTlsEngine) {

  public static final String DEFAULT_MQTT_HOST = "0.0.0.0";
  public static final int DEFAULT_MQTT_TLS_PORT = 8883;
  public static final int DEFAULT_HTTPS_PORT = 8443;
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
  /** A port value that turns a TLS listener off. */
  public static final int OFF = -1;

  public TransportConfig {
    if (mqttHost == null || mqttHost.isBlank()) {
      throw new ConfigException("mqtt-host", "is required");
    }
    checkPort(mqttTlsPort, "mqtt-tls-port");
    checkPort(httpsPort, "https-port");
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new ConfigException(tlsCertificate == null ? "tls-certificate" : "tls-key",
          "tls-certificate and tls-key go together: give both or neither");
    }
    tlsNames = tlsNames == null ? List.of() : List.copyOf(tlsNames);
    if (mqttTlsEngine == null) {
      throw new ConfigException("mqtt-tls-engine", "is required");
    }
    if (httpHost == null || httpHost.isBlank()) {
      throw new ConfigException("http-host", "is required");
    }
    if (!insecurePlainHttp && !loopback(httpHost)) {
      throw new ConfigException("http-host", "plain HTTP on " + httpHost + " would carry sign-ins,"
          + " API tokens and claim answers across the network in clear text: keep it on a loopback"
          + " address (other machines use HTTPS, --https-port, or a reverse proxy on this machine),"
          + " or set insecure-plain-http to true on a network you trust");
    }
  }

  /** Every interface: TLS on 8883 and HTTPS on 8443; plain MQTT nowhere. */
  public static TransportConfig defaults() {
    return new TransportConfig(DEFAULT_MQTT_HOST, DEFAULT_MQTT_TLS_PORT, false, DEFAULT_HTTPS_PORT,
        null, null, List.of(), DEFAULT_HTTP_HOST, false, TlsEngine.AUTO);
  }

  /**
   * Loopback only, every listener on a free port: plain MQTT (which never leaves the machine),
   * MQTT over TLS and HTTPS. For a hub and its terminals on one machine, such as tests and demos.
   */
  public static TransportConfig local() {
    return new TransportConfig("127.0.0.1", 0, false, 0, null, null, List.of(), DEFAULT_HTTP_HOST,
        false, TlsEngine.AUTO);
  }

  /** Plain MQTT is served only on a loopback address, unless asked for insecurely. */
  public boolean plainMqtt() {
    return insecurePlainMqtt || loopback(mqttHost);
  }

  public boolean mqttTls() {
    return mqttTlsPort != OFF;
  }

  public boolean https() {
    return httpsPort != OFF;
  }

  /** Whether the hub needs a TLS key at all. */
  public boolean tls() {
    return mqttTls() || https();
  }

  public TransportConfig withMqttHost(String host) {
    return new TransportConfig(host, mqttTlsPort, insecurePlainMqtt, httpsPort, tlsCertificate,
        tlsKey, tlsNames, httpHost, insecurePlainHttp, mqttTlsEngine);
  }

  public TransportConfig withMqttTlsPort(int port) {
    return new TransportConfig(mqttHost, port, insecurePlainMqtt, httpsPort, tlsCertificate,
        tlsKey, tlsNames, httpHost, insecurePlainHttp, mqttTlsEngine);
  }

  public TransportConfig withInsecurePlainMqtt(boolean insecure) {
    return new TransportConfig(mqttHost, mqttTlsPort, insecure, httpsPort, tlsCertificate, tlsKey,
        tlsNames, httpHost, insecurePlainHttp, mqttTlsEngine);
  }

  public TransportConfig withHttpsPort(int port) {
    return new TransportConfig(mqttHost, mqttTlsPort, insecurePlainMqtt, port, tlsCertificate,
        tlsKey, tlsNames, httpHost, insecurePlainHttp, mqttTlsEngine);
  }

  public TransportConfig withTlsFiles(Path certificate, Path key) {
    return new TransportConfig(mqttHost, mqttTlsPort, insecurePlainMqtt, httpsPort, certificate,
        key, tlsNames, httpHost, insecurePlainHttp, mqttTlsEngine);
  }

  /** Plain HTTP on {@code host}; one that other machines can reach needs {@code insecure}. */
  public TransportConfig withHttpHost(String host, boolean insecure) {
    return new TransportConfig(mqttHost, mqttTlsPort, insecurePlainMqtt, httpsPort, tlsCertificate,
        tlsKey, tlsNames, host, insecure, mqttTlsEngine);
  }

  public TransportConfig withMqttTlsEngine(TlsEngine engine) {
    return new TransportConfig(mqttHost, mqttTlsPort, insecurePlainMqtt, httpsPort, tlsCertificate,
        tlsKey, tlsNames, httpHost, insecurePlainHttp, engine);
  }

  /** Whether plain HTTP can be reached from other machines. */
  public boolean plainHttpExposed() {
    return !loopback(httpHost);
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void checkPort(int port, String key) {
    if (port < OFF || port > 65535) {
      throw new ConfigException(key, "must be a port between 0 and 65535, or off, was " + port);
    }
  }
}
