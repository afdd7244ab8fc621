package org.redvest.hub.domain.fleet;

import org.redvest.protocol.fleet.TlsPin;

/**
 * How terminals reach the hub, as provisioning hands it out and the fleet page shows it.
 *
 * @param pin the hub's TLS key, or null without TLS
 * @param mqttTlsPort the embedded broker's MQTT-over-TLS port, 0 for none
 * @param httpsPort the HTTPS port, 0 for none
 * @param plainMqtt where plain MQTT is served ({@code host:port}), or null for nowhere
 * @param plainExposed whether that plain listener is reachable from other machines
 * @param plainHttpExposed where plain HTTP is served to other machines ({@code host:port},
 *     {@code insecure-plain-http}), or null when it stays on this machine
 */
public record FleetTransport(TlsPin pin, int mqttTlsPort, int httpsPort, String plainMqtt,
    boolean plainExposed, String plainHttpExposed) {
  /** Nothing known yet (an external broker, or before start). */
  public static final FleetTransport UNKNOWN = new FleetTransport(null, 0, 0, null, false, null);
}
