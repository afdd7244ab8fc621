package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigTest {
  @TempDir Path dir;

  @Test
  void parse_noArguments_defaults() {
    HubConfig c = HubConfig.parse(new String[0], Map.of());

    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.mqttPort()).isEqualTo(1883);
    assertThat(c.externalBroker()).isEmpty();
    assertThat(c.topicPrefix()).isEqualTo("redvest/v1");
    assertThat(c.maxSession()).isEqualTo(Duration.ofHours(12));
    assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void parse_flagEnvAndFile_flagWinsThenEnvThenFile() throws IOException {
    Path file = dir.resolve("hub.properties");
    Files.writeString(file, "http-port=7000\nmqtt-port=7001\nzone=UTC\n");

    HubConfig c = HubConfig.parse(new String[] {"--config", file.toString(), "--http-port=9000"},
        Map.of("REDVEST_HUB_HTTP_PORT", "8000", "REDVEST_HUB_MQTT_PORT", "8001"));

    assertThat(c.httpPort()).isEqualTo(9000);
    assertThat(c.mqttPort()).isEqualTo(8001);
    assertThat(c.zone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void parse_maxSessionShortForm_parsed() {
    HubConfig c = HubConfig.parse(new String[] {"--max-session", "90m"}, Map.of());

    assertThat(c.maxSession()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void parse_badEnvPort_namesVariable() {
    assertThatThrownBy(() -> HubConfig.parse(new String[0], Map.of("REDVEST_HUB_HTTP_PORT", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDVEST_HUB_HTTP_PORT: must be a port number");
  }

  @Test
  void parse_flagGivenTwice_theLastWins() {
    assertThat(HubConfig.parse(new String[] {"--http-port", "8081", "--http-port=8082"}, Map.of())
        .httpPort()).isEqualTo(8082);
  }

  @Test
  void parse_unknownFlag_namesFlag() {
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--htp-port", "1"}, Map.of()))
        .hasMessageStartingWith("--htp-port: unknown option");
  }

  @Test
  void parse_mosquittoDirAndReloadFromEnvAndFlag_applied() {
    HubConfig config = HubConfig.parse(new String[] {"--broker-url", "tcp://127.0.0.1:1883",
        "--mosquitto-reload", "systemctl reload mosquitto"},
        Map.of("REDVEST_HUB_MOSQUITTO_DIR", "/etc/mosquitto/redvest"));

    assertThat(config.mosquittoSecurity()).contains(new HubConfig.Mosquitto(
        Path.of("/etc/mosquitto/redvest"), "systemctl reload mosquitto",
        HubConfig.Mosquitto.DEFAULT_TLS_PORT));
    assertThat(HubConfig.parse(new String[0], Map.of()).mosquittoSecurity()).isEmpty();
  }

  @Test
  void parse_mosquittoDirWithoutExternalBrokerOrReloadWithoutDir_namesKey() {
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--mosquitto-dir", "m"}, Map.of()))
        .hasMessageStartingWith("mosquitto-dir: needs --broker-url");
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--broker-url", "tcp://h:1883"},
        Map.of("REDVEST_HUB_MOSQUITTO_RELOAD", "kill -HUP 1")))
        .hasMessageStartingWith("REDVEST_HUB_MOSQUITTO_RELOAD: needs mosquitto-dir");
  }

  @Test
  void parse_mapAndApprovalFromFileEnvAndFlag_applied() throws IOException {
    Path file = dir.resolve("hub.properties");
    Files.writeString(file, "map=/etc/redvest/jiangxi.json\nmap-approval=GS(2020)0001号\n");

    assertThat(HubConfig.parse(new String[] {"--config", file.toString()}, Map.of()).map())
        .isEqualTo(new HubConfig.MapFile(Path.of("/etc/redvest/jiangxi.json"), "GS(2020)0001号"));
    assertThat(HubConfig.parse(new String[] {"--map-approval", " GS(2024)0650号 "},
        Map.of("REDVEST_HUB_MAP", "/srv/map.json")).map())
        .isEqualTo(new HubConfig.MapFile(Path.of("/srv/map.json"), "GS(2024)0650号"));
    assertThat(HubConfig.parse(new String[] {"--map", "map.json"}, Map.of()).map().approval())
        .as("the file's own, when it has one").isNull();
    assertThat(HubConfig.parse(new String[0], Map.of()).map()).isNull();
  }

  @Test
  void parse_mapApprovalWithoutMap_namesKey() {
    assertThatThrownBy(() -> HubConfig.parse(new String[0],
        Map.of("REDVEST_HUB_MAP_APPROVAL", "GS(2024)0650号")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDVEST_HUB_MAP_APPROVAL: needs map");
  }

  @Test
  void start_mapThatCannotBeDrawn_namesTheSettingAndTheFault_nothingCreated() throws IOException {
    Path data = dir.resolve("hub");
    Path line = dir.resolve("line.geojson");
    Files.writeString(line, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        + "\"properties\":{\"name\":\"界线\"},\"geometry\":{\"type\":\"LineString\","
        + "\"coordinates\":[[115,28],[116,28]]}}]}");

    assertThatThrownBy(() -> Hub.start(HubConfig.local(data)
        .withMap(new HubConfig.MapFile(line, null))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("map: " + line + ": features[0] (界线).geometry.type: must be Polygon or"
            + " MultiPolygon, was \"LineString\"");
    assertThat(data).as("stopped before anything was made").doesNotExist();
  }

  @Test
  void parse_badBrokerUrl_namesKey() {
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--broker-url", "http://x"}, Map.of()))
        .hasMessageStartingWith("broker-url: must look like tcp://host:1883");
  }

  @Test
  void parse_noEvidenceKeys_documentedDefaults() {
    HubConfig c = HubConfig.parse(new String[0], Map.of());

    assertThat(c.evidence().clockTolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.evidence().backDatedAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(c.evidence().replayWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.evidence().faceScoreMin()).isEqualTo(0.45);
    assertThat(c.evidence().caps().toString()).isEqualTo("8h:ORGANISATION,12h:HIGHER");
  }

  @Test
  void parse_evidenceKeysFromFileAndFlags_applied() throws IOException {
    Path file = dir.resolve("hub.properties");
    Files.writeString(file, "caps=6h:ORGANISATION,10h:HIGHER\nback-dated-after=2h\n");

    HubConfig c = HubConfig.parse(new String[] {"--config", file.toString(), "--clock-tolerance", "90s",
        "--replay-window=10m", "--face-score-min", "0.5"}, Map.of());

    assertThat(c.evidence().caps().toString()).isEqualTo("6h:ORGANISATION,10h:HIGHER");
    assertThat(c.evidence().backDatedAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(c.evidence().clockTolerance()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.evidence().replayWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.evidence().faceScoreMin()).isEqualTo(0.5);
  }

  @Test
  void parse_badCaps_namesKeyAndSaysWhy() {
    assertThatThrownBy(() -> HubConfig.parse(new String[0], Map.of("REDVEST_HUB_CAPS", "12h:HIGHER,8h:HIGHER")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDVEST_HUB_CAPS: must be like 8h:ORGANISATION,12h:HIGHER or none")
        .hasMessageContaining("thresholds must increase");
  }

  @Test
  void parse_negativeClockTolerance_namesFlag() {
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--clock-tolerance", "-PT5M"}, Map.of()))
        .hasMessageStartingWith("--clock-tolerance: must be a duration >= 0");
  }

  @Test
  void parse_faceScoreAboveOne_namesFlag() {
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--face-score-min", "1.5"}, Map.of()))
        .hasMessageStartingWith("--face-score-min: must be a number from 0 to 1");
  }

  @Test
  void parse_badZone_namesFlag() {
    assertThatThrownBy(() -> HubConfig.parse(new String[] {"--zone", "Mars/Base"}, Map.of()))
        .hasMessageStartingWith("--zone: must be a zone id");
  }
}
