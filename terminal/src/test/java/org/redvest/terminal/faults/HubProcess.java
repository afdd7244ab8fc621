package org.redvest.terminal.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.redvest.hub.Main;

/**
 * The hub as a child process ({@code org.redvest.hub.Main}) on fixed ports and one data dir, so
 * it can be killed with SIGKILL mid-write and started again where it was.
 */
final class HubProcess implements AutoCloseable {
  private final Path dataDir;
  private final Path log;
  private final int httpPort;
  private final int mqttPort;
  private final List<String> extra;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  private HubProcess(Path dataDir, List<String> extra) {
    this.dataDir = dataDir;
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    this.httpPort = Faults.freePort();
    this.mqttPort = Faults.freePort();
    this.extra = extra;
  }

  static HubProcess start(Path dataDir, String... extraArgs) {
    HubProcess hub = new HubProcess(dataDir, List.of(extraArgs));
    hub.launch();
    return hub;
  }

  String mqttUrl() {
    return "tcp://127.0.0.1:" + mqttPort;
  }

  int mqttPort() {
    return mqttPort;
  }

  Path database() {
    return dataDir.resolve("hub.db");
  }

  Path brokerStore() {
    return dataDir.resolve("broker");
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, nothing flushed. */
  void kill9() {
    if (process != null) {
      Faults.kill9(process);
      process = null;
    }
  }

  /** Starts a new hub process on the same ports and data dir; returns when it answers /health. */
  void launch() {
    List<String> args = new ArrayList<>(List.of("--http-port", Integer.toString(httpPort),
        "--mqtt-port", Integer.toString(mqttPort), "--data-dir", dataDir.toString()));
    args.addAll(extra);
    process = Faults.java(log, List.of(), Main.class, args);
    await("hub up on " + httpPort).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("hub exited with " + process.exitValue() + ", see " + log);
          }
          return healthy();
        });
  }

  private boolean healthy() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + httpPort + "/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
          Faults.kill9(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }
}
