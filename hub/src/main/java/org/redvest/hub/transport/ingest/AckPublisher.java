package org.redvest.hub.transport.ingest;

import org.redvest.hub.store.TerminalRef;
import org.redvest.protocol.Ack;

/** Publishes a retained QoS 1 ack to one terminal. Called only after the commit it reports. */
public interface AckPublisher {
  void publishAck(TerminalRef terminal, Ack ack);
}
