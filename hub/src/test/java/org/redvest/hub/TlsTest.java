package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.domain.fleet.HubTls;
import org.redvest.hub.transport.broker.EmbeddedBroker;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.fleet.TlsPin;

/**
 * MQTT over TLS and HTTPS (docs/security.md, "TLS") on a real hub: terminals reach it over TLS
 * pinned to the key provisioning named; another key is refused by the terminal; plain MQTT is
 * not served off loopback; a key that does not fit its certificate stops the start.
 */
class TlsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  /** The fleet page in English, as the hub's API token sees it. */
  private static String fleetPage(Hub hub) {
    return HubHttp.api(hub).get("/ui/fleet?lang=en").text();
  }

  /** The production listeners (every interface, plain MQTT off) on free ports. */
  private HubConfig everyInterface(Path dataDir) {
    return HubConfig.local(dataDir)
        .withTransport(TransportConfig.defaults().withMqttTlsPort(0).withHttpsPort(0));
  }

  @Test
  void defaults_noPlainMqttOffLoopback_terminalsReportOverPinnedTls() throws Exception {
    try (Hub hub = Hub.start(everyInterface(dir))) {
      assertThat(hub.mqttPort()).as("no plain listener").isEqualTo(EmbeddedBroker.Listeners.OFF);
      assertThat(hub.mqttUrl()).as("the hub's own links use TLS too")
          .startsWith("ssl://127.0.0.1:" + hub.mqttTlsPort());
      Provisioning login = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-1");
      assertThat(login.tlsPin()).isEqualTo(hub.tls().orElseThrow().pin().toString());
      assertThat(login.mqttTlsPort()).isEqualTo(hub.mqttTlsPort());

      HubHttp http = HubHttp.api(hub);
      try (PahoTerminal kiosk = new PahoTerminal("ssl://127.0.0.1:" + login.mqttTlsPort(),
          hub.config().topics(), login)) {
        kiosk.publish(kiosk.event(1, "V-360781-000001", EventKind.CHECK_IN, "2026-12-07T09:00:00+08:00"));
        kiosk.publish(kiosk.event(2, "V-360781-000001", EventKind.CHECK_OUT, "2026-12-07T10:30:00+08:00"));
        await().atMost(WAIT).until(() -> Long.valueOf(2).equals(kiosk.lastAck()));
      }
      assertThat(http.json("/api/volunteers/V-360781-000001/hours").path("totalMinutes").asLong())
          .isEqualTo(90);
    }
  }

  @Test
  void fleet_showsPerTerminalWhetherItsLastLoginCameOverTlsOrPlainMqtt() throws Exception {
    try (Hub hub = Hub.start(HubConfig.local(dir))) {
      HubHttp http = HubHttp.api(hub);
      Provisioning overTls = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-1");
      Provisioning plain = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-2");
      try (PahoTerminal a = new PahoTerminal("ssl://127.0.0.1:" + hub.mqttTlsPort(),
              hub.config().topics(), overTls);
          PahoTerminal b = new PahoTerminal("tcp://127.0.0.1:" + hub.mqttPort(),
              hub.config().topics(), plain)) {
        assertThat(List.of(a.terminal.value(), b.terminal.value())).containsExactly("kiosk-1", "kiosk-2");
        com.fasterxml.jackson.databind.JsonNode terminals = http.json("/api/fleet/terminals").path("terminals");
        assertThat(terminals).anySatisfy(t -> {
          assertThat(t.path("terminalId").asText()).isEqualTo("kiosk-1");
          assertThat(t.path("lastLogin").path("tls").asBoolean()).isTrue();
          assertThat(t.path("lastLogin").path("address").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(terminals).anySatisfy(t -> {
          assertThat(t.path("terminalId").asText()).isEqualTo("kiosk-2");
          assertThat(t.path("lastLogin").path("tls").isBoolean()).isTrue();
          assertThat(t.path("lastLogin").path("tls").asBoolean()).isFalse();
        });
        assertThat(fleetPage(hub)).contains("<span class=\"pill ok transport\"").contains(">TLS</span>")
            .contains("<span class=\"pill warn transport\"");
      }
    }
  }

  @Test
  void tls_serverWithAnotherKey_refusedByThePinnedTerminal() throws Exception {
    try (Hub hub = Hub.start(HubConfig.local(dir.resolve("real")));
        Hub impostor = Hub.start(HubConfig.local(dir.resolve("impostor")))) {
      Provisioning login = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-1");
      // The kiosk is pointed at another hub's TLS listener (a spoofed address): it must not log in.
      String spoofed = "ssl://127.0.0.1:" + impostor.mqttTlsPort();
      MqttClient client = new MqttClient(spoofed,
          login.account().clientId(TerminalAccount.Link.EVENTS), new MemoryPersistence());
      MqttConnectOptions options = FleetLogins.options(login, spoofed);
      options.setConnectionTimeout(5);
      assertThatThrownBy(() -> client.connect(options))
          .isInstanceOf(MqttException.class)
          .rootCause().hasMessageContaining("is not the pinned hub key " + login.tlsPin());
      client.close();
      assertThat(impostor.fleet().refusals()).as("the password never reached the impostor").isEmpty();
    }
  }

  @Test
  void https_pinnedClientReachesTheHub_anotherPinIsRefused() throws Exception {
    try (Hub hub = Hub.start(HubConfig.local(dir))) {
      TlsPin pin = hub.tls().orElseThrow().pin();
      URI health = URI.create("https://127.0.0.1:" + hub.httpsPort() + "/health");
      HttpResponse<String> ok = HttpClient.newBuilder().sslContext(pin.clientContext()).build()
          .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);

      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      TlsPin other = TlsPin.of(ec.generateKeyPair().getPublic());
      HttpClient wrong = HttpClient.newBuilder().sslContext(other.clientContext()).build();
      assertThatThrownBy(() -> wrong.send(HttpRequest.newBuilder(health).build(),
          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void generatedKey_keptAcrossRestarts_certificateRenewedForNewNamesWithTheSamePin() {
    Path fleet = dir.resolve("fleet");
    HubTls first = HubTls.generated(fleet, List.of(), Clock.systemUTC());
    HubTls again = HubTls.generated(fleet, List.of(), Clock.systemUTC());
    assertThat(again.pin()).isEqualTo(first.pin());
    assertThat(again.certificate()).isEqualTo(first.certificate());

    HubTls renamed = HubTls.generated(fleet, List.of("hub.example.org", "10.9.8.7"), Clock.systemUTC());
    assertThat(renamed.pin()).as("same key, so terminals keep their pin").isEqualTo(first.pin());
    assertThat(renamed.certificate()).isNotEqualTo(first.certificate());
    assertThat(HubTls.generatedPin(fleet)).contains(first.pin());
  }

  @Test
  void configuredKeyOfAnotherCertificate_hubDoesNotStart() throws Exception {
    HubTls a = HubTls.generated(dir.resolve("a"), List.of(), Clock.systemUTC());
    HubTls.generated(dir.resolve("b"), List.of(), Clock.systemUTC());
    assertThat(a.pin()).isNotNull();
    Path cert = dir.resolve("a/tls-cert.pem");
    Path foreignKey = dir.resolve("b/tls-key.pem");
    HubConfig config = HubConfig.local(dir.resolve("hub")).withTransport(
        TransportConfig.local().withTlsFiles(cert, foreignKey));
    assertThatThrownBy(() -> Hub.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(foreignKey.toString()).hasMessageContaining(cert.toString());
    Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    HubConfig broken = HubConfig.local(dir.resolve("hub")).withTransport(
        TransportConfig.local().withTlsFiles(dir.resolve("garbage.pem"), foreignKey));
    assertThatThrownBy(() -> Hub.start(broken)).hasMessageContaining("garbage.pem");
  }

  @Test
  void plainOffLoopback_onlyWithTheInsecureFlag() throws Exception {
    TransportConfig everywhere = TransportConfig.defaults().withMqttTlsPort(0).withHttpsPort(0);
    assertThat(everywhere.plainMqtt()).isFalse();
    assertThat(everywhere.withInsecurePlainMqtt(true).plainMqtt()).isTrue();
    assertThat(TransportConfig.local().plainMqtt()).as("loopback never leaves the machine").isTrue();
    assertThatThrownBy(() -> HubConfig.defaults(dir).withTransport(everywhere.withMqttTlsPort(-1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no listener");

    try (Hub hub = Hub.start(everyInterface(dir).withTransport(everywhere.withInsecurePlainMqtt(true)))) {
      assertThat(hub.mqttPort()).isPositive();
      try (Socket plain = new Socket("127.0.0.1", hub.mqttPort())) {
        assertThat(plain.isConnected()).isTrue();
      }
      assertThat(hub.fleet().transport().plainExposed()).isTrue();
      assertThat(fleetPage(hub)).as("the fleet page warns").contains("id=\"plain-mqtt-warning\"")
          .contains("0.0.0.0:" + hub.mqttPort());
    }
    try (Hub hub = Hub.start(everyInterface(dir))) {
      assertThat(hub.fleet().transport().plainExposed()).isFalse();
      assertThat(hub.fleet().transport().pin()).isEqualTo(hub.tls().orElseThrow().pin());
    }
  }

  @Test
  void plainHttp_onLoopbackOnly_otherMachinesUseHttps_unlessTheInsecureFlag() throws Exception {
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--http-host", "0.0.0.0"}, java.util.Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http-host")
        .hasMessageContaining("clear text");
    assertThat(HubConfig.parse(new String[] {"--http-host", "0.0.0.0", "--insecure-plain-http", "true"},
        java.util.Map.of()).transport().plainHttpExposed()).isTrue();
    java.net.InetAddress other = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
        .stream().flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst()
        .orElseThrow(() -> new AssertionError("this test needs an IPv4 address besides loopback"));

    try (Hub hub = Hub.start(everyInterface(dir))) {
      assertThatThrownBy(() -> new Socket(other, hub.httpPort()).close())
          .as("plain HTTP is not served on " + other).isInstanceOf(java.net.ConnectException.class);
      try (Socket https = new Socket(other, hub.httpsPort())) {
        assertThat(https.isConnected()).as("HTTPS is").isTrue();
      }
      assertThat(hub.fleet().transport().plainHttpExposed()).isNull();
    }
    try (Hub hub = Hub.start(HubConfig.local(dir).withTransport(TransportConfig.defaults().withMqttTlsPort(0)
        .withHttpsPort(0).withHttpHost("0.0.0.0", true)))) {
      try (Socket plain = new Socket(other, hub.httpPort())) {
        assertThat(plain.isConnected()).isTrue();
      }
      assertThat(fleetPage(hub)).as("the fleet page warns").contains("id=\"plain-http-warning\"")
          .contains("0.0.0.0:" + hub.httpPort());
    }
  }

  @Test
  void parse_tlsOptions() {
    HubConfig c = HubConfig.parse(new String[] {"--mqtt-host", "127.0.0.1", "--mqtt-tls-port", "off",
        "--https-port", "9443", "--tls-names", "hub.example.org, 10.0.0.5"}, java.util.Map.of());
    assertThat(c.transport().mqttTls()).isFalse();
    assertThat(c.transport().httpsPort()).isEqualTo(9443);
    assertThat(c.transport().tlsNames()).containsExactly("hub.example.org", "10.0.0.5");
    assertThat(HubConfig.parse(new String[0], java.util.Map.of()).transport())
        .isEqualTo(TransportConfig.defaults());
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--tls-key", "k.pem"}, java.util.Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("both or neither");
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--insecure-plain-mqtt", "maybe"},
        java.util.Map.of())).hasMessageContaining("--insecure-plain-mqtt");
  }

  @Test
  void parse_mqttTlsEngine_autoByDefault_jdkOnRequest_otherValuesRefusedByName() {
    assertThat(HubConfig.parse(new String[0], java.util.Map.of()).transport().mqttTlsEngine())
        .isEqualTo(EmbeddedBroker.TlsEngine.AUTO);
    assertThat(HubConfig.parse(new String[] {"--mqtt-tls-engine", "jdk"}, java.util.Map.of())
        .transport().mqttTlsEngine()).isEqualTo(EmbeddedBroker.TlsEngine.JDK);
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--mqtt-tls-engine", "openssl"},
        java.util.Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--mqtt-tls-engine").hasMessageContaining("auto or jdk");
  }

  @Test
  void jdkEngine_hubServesMqttOverTlsInsideTheBroker_terminalsStillReportOverPinnedTls()
      throws Exception {
    HubConfig config = HubConfig.local(dir);
    config = config.withTransport(config.transport().withMqttTlsEngine(EmbeddedBroker.TlsEngine.JDK));
    try (Hub hub = Hub.start(config)) {
      assertThat(hub.embeddedBroker().orElseThrow().tlsEngine()).isEqualTo("JDK");
      Provisioning login = FleetLogins.of(hub, "JX-RJ-0001", "kiosk-1");
      try (PahoTerminal kiosk = new PahoTerminal("ssl://127.0.0.1:" + hub.mqttTlsPort(),
          hub.config().topics(), login)) {
        kiosk.publish(kiosk.event(1, "V-360781-000001", EventKind.CHECK_IN, "2026-12-07T09:00:00+08:00"));
        await().atMost(WAIT).until(() -> Long.valueOf(1).equals(kiosk.lastAck()));
      }
      HubHttp http = HubHttp.api(hub);
      assertThat(http.json("/api/fleet/terminals").path("terminals")).singleElement()
          .satisfies(t -> assertThat(t.path("lastLogin").path("tls").asBoolean()).isTrue());
    }
  }
}
