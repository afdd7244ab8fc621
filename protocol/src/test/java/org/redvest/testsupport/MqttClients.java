package org.redvest.testsupport;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Test clients of a real broker, connected the way a terminal's relay would be. */
public final class MqttClients {
  private static final int ATTEMPTS = 3;

  private MqttClients() {}

  /** What to do once connected, typically subscribing. */
  public interface Connected {
    void run() throws MqttException;
  }

  /**
   * Connects {@code client} and runs {@code then}. The embedded broker (Moquette 0.17) now and then
   * drops a connection right after CONNACK on a loaded machine ("SUBSCRIBE received on already
   * closed connection"); a terminal reconnects, and so does this, a bounded number of times.
   */
  public static void connect(MqttClient client, MqttConnectOptions options, Connected then)
      throws MqttException {
    for (int attempt = 1; ; attempt++) {
      try {
        if (!client.isConnected()) {
          client.connect(options);
        }
        then.run();
        return;
      } catch (MqttException e) {
        if (attempt == ATTEMPTS || e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST
            && e.getReasonCode() != MqttException.REASON_CODE_CLIENT_NOT_CONNECTED) {
          throw e;
        }
      }
    }
  }
}
