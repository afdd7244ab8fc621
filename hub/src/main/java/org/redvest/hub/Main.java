package org.redvest.hub;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar redvest-hub.jar [--http-port 8080] [--mqtt-port 1883] [--data-dir data]
 * [--broker-url tcp://host:1883] [--topic-prefix redvest/v1] [--max-session 12h]
 * [--zone Asia/Shanghai] [--mosquitto-dir DIR] [--mosquitto-reload CMD] [--config hub.properties]}.
 * Exit code 2 for a bad configuration, 1 when the hub cannot start.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(usage());
      return;
    }
    if (args.length > 0 && args[0].equals("claim")) {
      System.exit(ClaimCommand.run(args, System.getenv()));
      return;
    }
    if (args.length > 0 && args[0].equals("rotate-signing-key")) {
      System.exit(rotateSigningKey(args));
      return;
    }
    if (args.length > 0 && args[0].equals("audit")) {
      System.exit(AuditCommand.run(args, System.getenv(), System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("mosquitto-config")) {
      System.exit(MosquittoConfigCommand.run(MosquittoConfigCommand.rest(args), System.getenv()));
      return;
    }
    HubConfig config;
    try {
      config = HubConfig.parse(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("redvest-hub: bad configuration: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Hub hub = Hub.start(config)) {
      // The JVM exits once shutdown hooks return, so the hook closes the hub itself.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(hub, stopped), "hub-shutdown"));
      stopped.await();
    } catch (RuntimeException e) {
      System.err.println("redvest-hub: cannot start: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void shutDown(Hub hub, CountDownLatch stopped) {
    hub.close();
    stopped.countDown();
  }

  /** {@code rotate-signing-key [--data-dir DIR]} (docs/security.md, "Rotation"). */
  static int rotateSigningKey(String[] args) {
    java.nio.file.Path dataDir = java.nio.file.Path.of(
        System.getenv().getOrDefault("REDVEST_HUB_DATA_DIR", "data"));
    if (args.length == 3 && args[1].equals("--data-dir")) {
      dataDir = java.nio.file.Path.of(args[2]);
    } else if (args.length != 1) {
      System.err.println("usage: java -jar redvest-hub.jar " + ROTATE_USAGE);
      return 2;
    }
    try {
      String next = org.redvest.hub.link.HubSigner.prepareRotation(dataDir);
      System.out.println("next signing key " + next + ": the hub switches to it at its next start,"
          + " and terminals follow the signed hand-over it publishes (restart the hub now)");
      return 0;
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      System.err.println("redvest-hub rotate-signing-key: " + e.getMessage());
      return 1;
    }
  }

  static final String ROTATE_USAGE = "rotate-signing-key [--data-dir data]";

  private static String usage() {
    return "usage: java -jar redvest-hub.jar [--http-port 8080] [--mqtt-port 1883]"
        + " [--data-dir data] [--broker-url tcp://host:1883] [--topic-prefix redvest/v1]"
        + " [--max-session 12h] [--zone Asia/Shanghai] [--mosquitto-dir DIR]"
        + " [--mosquitto-reload CMD] [--mosquitto-tls-port 8883|off] [--config hub.properties]\n"
        + "  listeners: [--mqtt-host 0.0.0.0] [--mqtt-tls-port 8883|off] [--https-port 8443|off]"
        + " [--insecure-plain-mqtt false] [--tls-certificate PEM --tls-key PEM]"
        + " [--tls-names hub.example.org,10.0.0.5] [--http-host 127.0.0.1]"
        + " [--insecure-plain-http false] [--mqtt-tls-engine auto|jdk]; plain MQTT (--mqtt-port)"
        + " only on a loopback"
        + " --mqtt-host unless insecure-plain-mqtt, plain HTTP only on a loopback --http-host"
        + " unless insecure-plain-http\n"
        + "  environment: REDVEST_HUB_HTTP_PORT, REDVEST_HUB_MQTT_PORT, REDVEST_HUB_DATA_DIR,"
        + " REDVEST_HUB_BROKER_URL, REDVEST_HUB_TOPIC_PREFIX, REDVEST_HUB_MAX_SESSION,"
        + " REDVEST_HUB_ZONE, REDVEST_HUB_MOSQUITTO_DIR, REDVEST_HUB_MOSQUITTO_RELOAD,"
        + " REDVEST_HUB_CONFIG (flags win)\n"
        + "  " + ClaimCommand.USAGE + "\n"
        + "    prints a one-time code a kiosk uses to join the fleet (docs/security.md)\n"
        + "  " + ROTATE_USAGE + "\n"
        + "    makes the hub's next signing key; the next start hands over to it\n"
        + "  " + AuditCommand.USAGE + "\n"
        + "    re-verifies every stored event's signature and chain; exit 0 clean, 1 failures\n"
        + "  " + MosquittoConfigCommand.USAGE + "\n"
        + "    writes an external Mosquitto's password and ACL files (docs/security.md)";
  }
}
