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

  /**
   * Joins {@code dataDir} to this hub's fleet as {@code station/terminal}: a claim code from the
   * admin API (the hub's own API token), then the kiosk's signed claim. Returns its broker login.
   */
  org.redvest.terminal.mqtt.MqttLogin join(Path kioskData, org.redvest.protocol.StationId station,
      String terminal) {
    org.redvest.protocol.fleet.TerminalAccount account =
        new org.redvest.protocol.fleet.TerminalAccount(station, org.redvest.protocol.TerminalId.of(terminal));
    return org.redvest.terminal.FleetJoin.join(URI.create("http://127.0.0.1:" + httpPort),
        () -> claim(account), kioskData, account);
  }

  private String claim(org.redvest.protocol.fleet.TerminalAccount account) {
    try {
      String token = java.nio.file.Files.readString(dataDir.resolve("api-token")).strip();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + httpPort + "/api/fleet/claims"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"stationId\":\"" + account.station()
              + "\",\"terminalId\":\"" + account.terminal() + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new AssertionError("claim code refused: " + r.statusCode() + " " + r.body());
      }
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("code").asText();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
        "--mqtt-port", Integer.toString(mqttPort), "--data-dir", dataDir.toString(),
        // Plain MQTT on loopback, as the fault suite's proxies expect; TLS has its own tests.
        "--mqtt-host", "127.0.0.1", "--mqtt-tls-port", "off", "--https-port", "off"));
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
