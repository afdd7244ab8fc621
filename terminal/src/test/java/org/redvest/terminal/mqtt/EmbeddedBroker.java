package org.redvest.terminal.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Predicate;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * A real Moquette broker in this JVM, in memory, on a free port; it can be stopped and started
 * again on the same port (like Moquette's own ServerIntegrationRestartTest), losing its sessions
 * and retained messages as a broker that lost its store would.
 */
final class EmbeddedBroker implements AutoCloseable {
  private final int port;
  private final Predicate<String> refusedWrites;
  private final boolean closeOnRefusal;
  private Server server;

  private EmbeddedBroker(int port, Predicate<String> refusedWrites, boolean closeOnRefusal) {
    this.port = port;
    this.refusedWrites = refusedWrites;
    this.closeOnRefusal = closeOnRefusal;
  }

  /** A broker on a free port, running. */
  static EmbeddedBroker start() {
    return start(topic -> false);
  }

  /**
   * A broker whose ACL refuses publishes on the topics {@code refusedWrites} matches, as a
   * misconfigured Mosquitto ACL file would: Moquette drops such a QoS 1 publish without a PUBACK.
   */
  static EmbeddedBroker start(Predicate<String> refusedWrites) {
    return start(refusedWrites, false);
  }

  /**
   * A broker that refuses publishes on the topics {@code refusedWrites} matches and then closes
   * the client's connection, as the hub's embedded broker (HiveMQ) and Mosquitto with
   * {@code max_queued_messages 0} do to an MQTT 3.1.1 client.
   */
  static EmbeddedBroker startClosingOnRefusal(Predicate<String> refusedWrites) {
    return start(refusedWrites, true);
  }

  private static EmbeddedBroker start(Predicate<String> refusedWrites, boolean closeOnRefusal) {
    EmbeddedBroker broker = new EmbeddedBroker(0, refusedWrites, closeOnRefusal);
    Server server = broker.launch(0);
    // Moquette records the bound port when Netty's bind completes, a moment after startServer.
    await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5))
        .until(() -> server.getPort() > 0);
    EmbeddedBroker bound = new EmbeddedBroker(server.getPort(), refusedWrites, closeOnRefusal);
    bound.server = server;
    return bound;
  }

  /** A broker that will listen on {@code port} once {@link #restart()} is called. */
  static EmbeddedBroker stoppedOn(int port) {
    return new EmbeddedBroker(port, topic -> false, false);
  }

  int port() {
    return port;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  synchronized void stop() {
    if (server != null) {
      server.stopServer();
      server = null;
    }
  }

  synchronized void restart() {
    stop();
    server = launch(port);
  }

  @Override
  public void close() {
    stop();
  }

  private Server launch(int port) {
    Properties props = new Properties();
    props.setProperty("host", "127.0.0.1");
    props.setProperty("port", Integer.toString(port));
    props.setProperty("allow_anonymous", "true");
    props.setProperty("persistence_enabled", "false");
    props.setProperty("telemetry_enabled", "false");
    Server server = new Server();
    try {
      server.startServer(new MemoryConfig(props), null, null, null, new IAuthorizatorPolicy() {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
          if (!refusedWrites.test(topic.toString())) {
            return true;
          }
          if (closeOnRefusal) {
            // Not on the session loop that is asking: dropping the session there would wait on it.
            java.util.concurrent.CompletableFuture.runAsync(
                () -> server.disconnectAndPurgeClientState(client));
          }
          return false;
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
          return true;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Moquette on port " + port, e);
    }
    return server;
  }
}
