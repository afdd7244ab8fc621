package org.redvest.terminal.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

/**
 * A real Moquette broker in this JVM, in memory, on a free port; it can be stopped and started
 * again on the same port (like Moquette's own ServerIntegrationRestartTest), losing its sessions
 * and retained messages as a broker that lost its store would.
 */
final class EmbeddedBroker implements AutoCloseable {
  private final int port;
  private Server server;

  private EmbeddedBroker(int port) {
    this.port = port;
  }

  /** A broker on a free port, running. */
  static EmbeddedBroker start() {
    Server server = launch(0);
    // Moquette records the bound port when Netty's bind completes, a moment after startServer.
    await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5))
        .until(() -> server.getPort() > 0);
    EmbeddedBroker broker = new EmbeddedBroker(server.getPort());
    broker.server = server;
    return broker;
  }

  /** A broker that will listen on {@code port} once {@link #restart()} is called. */
  static EmbeddedBroker stoppedOn(int port) {
    return new EmbeddedBroker(port);
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

  private static Server launch(int port) {
    Properties props = new Properties();
    props.setProperty("host", "127.0.0.1");
    props.setProperty("port", Integer.toString(port));
    props.setProperty("allow_anonymous", "true");
    props.setProperty("persistence_enabled", "false");
    props.setProperty("telemetry_enabled", "false");
    Server server = new Server();
    try {
      server.startServer(new MemoryConfig(props));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Moquette on port " + port, e);
    }
    return server;
  }
}
