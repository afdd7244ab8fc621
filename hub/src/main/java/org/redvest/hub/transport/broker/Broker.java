package org.redvest.hub.transport.broker;

import org.redvest.hub.transport.ingest.AckPublisher;

/** The MQTT side of the hub: feeds the ingest queue and carries acks back to terminals. */
public interface Broker extends AckPublisher, AutoCloseable {
  /** {@code embedded} or {@code external}. */
  String mode();

  /** Where terminals connect, e.g. {@code tcp://127.0.0.1:1883}. */
  String mqttUrl();

  /** The MQTT port: the bound port of the embedded broker, or the external broker's port. */
  int port();

  @Override
  void close();
}
