package org.redvest.hub.transport.link;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the hub's own MQTT connections (ingest from an external broker, the credential and
 * enrolment links) are set up: MQTT 3.1.1, reconnecting, logged in, and for an {@code ssl://} URL
 * over TLS trusting what the login names.
 */
public final class BrokerClients {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerClients.class);
  private static final long DISCONNECT_SECONDS = 5;

  private BrokerClients() {}

  /**
   * A client builder for {@code brokerUrl} ({@code tcp://} or {@code ssl://}) as {@code clientId},
   * logged in with {@code login} (null for a broker that takes the hub without one).
   */
  public static Mqtt3ClientBuilder builder(URI brokerUrl, BrokerLogin login, String clientId) {
    Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3()
        .identifier(clientId)
        .serverHost(brokerUrl.getHost()).serverPort(brokerUrl.getPort())
        .automaticReconnectWithDefaultConfig();
    if ("ssl".equals(brokerUrl.getScheme())) {
      var tls = builder.sslConfig();
      if (login != null && login.trust() != null) {
        // The anchor is the hub's own certificate, whatever names it carries.
        tls = tls.trustManagerFactory(login.trust()).hostnameVerifier((host, session) -> true);
      }
      builder = tls.applySslConfig();
    }
    if (login != null) {
      builder = builder.simpleAuth().username(login.username())
          .password(login.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
    }
    return builder;
  }

  /**
   * Disconnects {@code client} if it is connected, waiting up to {@value #DISCONNECT_SECONDS} s; a
   * broker that does not answer in time is logged under {@code name}, not thrown. Calling it again
   * does nothing.
   */
  public static void disconnect(Mqtt3AsyncClient client, String name) {
    try {
      if (client.getState().isConnected()) {
        client.disconnect().get(DISCONNECT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("{} disconnect: {}", name, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
