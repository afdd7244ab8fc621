package org.redvest.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}) started by a test on a free loopback
 * port, with the settings a hub deployment needs (docs/api.md): no queue limit for persistent
 * sessions and a wide in-flight window. Stopped and restarted on demand, like Moquette's restart
 * tests. Where the binary is missing the test is skipped, or fails under
 * {@code REDVEST_REQUIRE_TESTDATA=1}; {@code scripts/install-test-deps.sh} installs it.
 */
public final class Mosquitto implements AutoCloseable {
  private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));

  private final Path binary;
  private final Path config;
  private final int port;
  private Process process;

  private Mosquitto(Path binary, Path dir, int port, List<String> security) throws IOException {
    this.binary = binary;
    this.port = port;
    this.config = dir.resolve("mosquitto.conf");
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(config, String.join("\n",
        "listener " + port + " 127.0.0.1",
        String.join("\n", security),
        "persistence true",
        "persistence_location " + dir.resolve("data") + "/",
        "max_queued_messages 0",
        "max_queued_bytes 0",
        "max_inflight_messages 1000",
        "log_dest file " + dir.resolve("mosquitto.log"),
        ""));
  }

  /** Starts a broker whose files live in {@code dir} and that lets anyone in. */
  public static Mosquitto start(Path dir) throws IOException {
    return start(dir, List.of("allow_anonymous true"));
  }

  /**
   * Starts a broker whose files live in {@code dir}, with {@code security} as its security lines
   * (e.g. {@code include_dir} of the files the hub writes).
   */
  public static Mosquitto start(Path dir, List<String> security) throws IOException {
    Path binary = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (binary == null) {
      String message = "mosquitto is not installed: run scripts/install-test-deps.sh (Debian package mosquitto)";
      if (SharedData.required()) {
        throw new AssertionError(message + " (REDVEST_REQUIRE_TESTDATA is set, so this fails)");
      }
      assumeTrue(false, message);
    }
    Mosquitto mosquitto = new Mosquitto(binary, dir, freePort(), security);
    mosquitto.startProcess();
    return mosquitto;
  }

  /** The broker's process id, e.g. for {@code kill -HUP} (a reload). */
  public long pid() {
    return process.pid();
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Stops the broker, as a crash would (SIGKILL): nothing is flushed. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts the broker again on the same port with the same persistence directory. */
  public void restart() throws IOException {
    kill();
    startProcess();
  }

  @Override
  public void close() {
    kill();
  }

  private void startProcess() throws IOException {
    process = new ProcessBuilder(binary.toString(), "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    Awaitility.await("mosquitto listening on " + port)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> process.isAlive() && accepts(port));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port free now, for a listener a broker's configuration names before it starts. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
