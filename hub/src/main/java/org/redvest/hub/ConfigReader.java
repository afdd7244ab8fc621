package org.redvest.hub;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redvest.hub.hours.DailyCaps;
import org.redvest.hub.hours.EvidenceRules;
import org.redvest.hub.transport.broker.EmbeddedBroker;

/**
 * Reads {@link HubConfig} from flags ({@code --http-port 8080} or {@code --http-port=8080}, parsed
 * by picocli from {@link HubOptions}), environment ({@code REDVEST_HUB_HTTP_PORT}) and a
 * properties file ({@code http-port=8080}), flags winning. Every error names the flag, variable or
 * file key it came from.
 */
final class ConfigReader {
  static final List<String> KEYS = HubOptions.names();
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhms])");

  /** A raw value and where it came from, e.g. {@code --http-port} or {@code REDVEST_HUB_ZONE}. */
  private record Setting(String value, String source) {}

  private final Map<String, Setting> settings = new HashMap<>();

  private ConfigReader() {}

  static HubConfig read(Map<String, String> given, Map<String, String> env) {
    ConfigReader reader = new ConfigReader();
    Map<String, Setting> flags = new HashMap<>();
    given.forEach((name, value) -> flags.put(name, new Setting(value, "--" + name)));
    Setting file = flags.containsKey(HubOptions.CONFIG) ? flags.get(HubOptions.CONFIG)
        : fromEnv(env, HubOptions.CONFIG);
    if (file != null) {
      reader.settings.putAll(fromFile(file));
    }
    for (String key : KEYS) {
      Setting e = fromEnv(env, key);
      if (e != null) {
        reader.settings.put(key, e);
      }
    }
    flags.remove(HubOptions.CONFIG);
    reader.settings.putAll(flags);
    return reader.build();
  }

  private HubConfig build() {
    HubConfig d = HubConfig.defaults(Path.of("data"));
    return new HubConfig(
        get("http-port", Integer::parseInt, d.httpPort(), "a port number"),
        get("mqtt-port", Integer::parseInt, d.mqttPort(), "a port number"),
        get("data-dir", Path::of, d.dataDir(), "a directory"),
        get("broker-url", ConfigReader::uri, null, "a URL like tcp://host:1883"),
        get("topic-prefix", Function.identity(), d.topicPrefix(), "a topic prefix"),
        get("max-session", ConfigReader::duration, d.maxSession(), "a duration like 12h or PT12H"),
        get("zone", ZoneId::of, d.zone(), "a zone id like Asia/Shanghai"),
        evidence(d.evidence()),
        transport(d.transport()),
        mosquitto(),
        map());
  }

  /**
   * Set when {@code map} is (the file is read when the hub starts); an approval number without a
   * map is a mistake.
   */
  private HubConfig.MapFile map() {
    Path file = get("map", Path::of, null, "a GeoJSON file");
    Setting approval = settings.get("map-approval");
    if (file == null) {
      if (approval != null) {
        throw new ConfigException(approval.source(), "needs map: the number is printed under the"
            + " map drawn from that file");
      }
      return null;
    }
    return new HubConfig.MapFile(file, approval == null ? null : approval.value().strip());
  }

  private TransportConfig transport(TransportConfig d) {
    String port = "a port number, or off";
    return new TransportConfig(
        get("mqtt-host", Function.identity(), d.mqttHost(), "an address like 0.0.0.0"),
        get("mqtt-tls-port", ConfigReader::portOrOff, d.mqttTlsPort(), port),
        get("insecure-plain-mqtt", ConfigReader::bool, d.insecurePlainMqtt(), "true or false"),
        get("https-port", ConfigReader::portOrOff, d.httpsPort(), port),
        get("tls-certificate", Path::of, d.tlsCertificate(), "a PEM file"),
        get("tls-key", Path::of, d.tlsKey(), "a PEM file"),
        get("tls-names", ConfigReader::names, d.tlsNames(), "names like hub.example.org,10.0.0.5"),
        get("http-host", Function.identity(), d.httpHost(), "an address like 127.0.0.1"),
        get("insecure-plain-http", ConfigReader::bool, d.insecurePlainHttp(), "true or false"),
        get("mqtt-tls-engine", ConfigReader::tlsEngine, d.mqttTlsEngine(), "auto or jdk"));
  }

  private static EmbeddedBroker.TlsEngine tlsEngine(String text) {
    return EmbeddedBroker.TlsEngine.valueOf(text.toUpperCase(Locale.ROOT));
  }

  private static int portOrOff(String text) {
    return text.equalsIgnoreCase("off") ? TransportConfig.OFF : Integer.parseInt(text);
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new IllegalArgumentException(text);
    };
  }

  private static List<String> names(String text) {
    return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(n -> !n.isEmpty())
        .toList();
  }

  /** Set when {@code mosquitto-dir} is; a reload command without it is a mistake. */
  private HubConfig.Mosquitto mosquitto() {
    Path dir = get("mosquitto-dir", Path::of, null, "a directory");
    Setting reload = settings.get("mosquitto-reload");
    if (dir == null) {
      if (reload != null) {
        throw new ConfigException(reload.source(), "needs mosquitto-dir: the command reloads"
            + " the files the hub writes there");
      }
      return null;
    }
    return new HubConfig.Mosquitto(dir, reload == null ? null : reload.value().strip(),
        get("mosquitto-tls-port", ConfigReader::portOrOff, HubConfig.Mosquitto.DEFAULT_TLS_PORT,
            "a port number, or off"));
  }

  private EvidenceRules evidence(EvidenceRules d) {
    String duration = "a duration >= 0 like 5m, 1h or PT5M";
    return new EvidenceRules(
        get("clock-tolerance", ConfigReader::nonNegative, d.clockTolerance(), duration),
        get("back-dated-after", ConfigReader::nonNegative, d.backDatedAfter(), duration),
        get("replay-window", ConfigReader::nonNegative, d.replayWindow(), duration),
        get("face-score-min", ConfigReader::fraction, d.faceScoreMin(), "a number from 0 to 1 like 0.45"),
        explained("caps", DailyCaps::parse, d.caps(), "like 8h:ORGANISATION,12h:HIGHER or none"));
  }

  /** Like {@link #get}, with the parser's own explanation of what is wrong. */
  private <T> T explained(String key, Function<String, T> parse, T fallback, String expected) {
    Setting s = settings.get(key);
    if (s == null) {
      return fallback;
    }
    try {
      return parse.apply(s.value().trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(s.source(), "must be " + expected + ": " + e.getMessage()
          + ", was \"" + s.value() + "\"");
    }
  }

  private <T> T get(String key, Function<String, T> parse, T fallback, String expected) {
    Setting s = settings.get(key);
    if (s == null) {
      return fallback;
    }
    try {
      return parse.apply(s.value().trim());
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new ConfigException(s.source(), "must be " + expected + ", was \"" + s.value() + "\"");
    }
  }

  private static Setting fromEnv(Map<String, String> env, String key) {
    String name = HubOptions.environment(key);
    String value = env.get(name);
    return value == null || value.isBlank() ? null : new Setting(value, name);
  }

  private static Map<String, Setting> fromFile(Setting file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(file.value()), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException(file.source(), "cannot read " + file.value() + ": " + e);
    }
    Map<String, Setting> settings = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw new ConfigException(file.value() + ": " + key, "unknown key; known: " + KEYS);
      }
      settings.put(key, new Setting(p.getProperty(key), file.value() + ": " + key));
    }
    return settings;
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Duration nonNegative(String text) {
    Duration d = duration(text);
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative: " + text);
    }
    return d;
  }

  private static double fraction(String text) {
    double value = Double.parseDouble(text);
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("out of range: " + text);
    }
    return value;
  }

  static Duration duration(String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
