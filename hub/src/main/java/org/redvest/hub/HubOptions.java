package org.redvest.hub;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The hub's settings as command-line options: one row per setting, from which picocli parses the
 * flags and writes {@code --help} (what each does, its default, its environment variable).
 * {@link ConfigReader} then layers the flags over the environment and the {@code --config} file
 * and checks each value, naming where it came from.
 */
final class HubOptions {
  /** One setting: {@code --name LABEL}, what it does, and its default as the code has it. */
  record Option(String name, String label, String description,
      Function<HubConfig, String> defaultOf) {}

  static final String CONFIG = "config";

  static final List<Option> ALL = List.of(
      option("http-port", "PORT", "Plain HTTP of the dashboard and API, on --http-host.",
          c -> String.valueOf(c.httpPort())),
      option("http-host", "ADDRESS", "Where plain HTTP listens; another machine's address needs"
          + " --insecure-plain-http (other machines use HTTPS).", c -> c.transport().httpHost()),
      option("https-port", "PORT|off", "HTTPS of the dashboard and API, every interface, with the"
          + " hub's TLS key.", c -> String.valueOf(c.transport().httpsPort())),
      option("mqtt-host", "ADDRESS", "Where the embedded MQTT broker listens; plain MQTT only when"
          + " this is a loopback address (or --insecure-plain-mqtt).",
          c -> c.transport().mqttHost()),
      option("mqtt-port", "PORT", "The embedded broker's plain MQTT, when --mqtt-host allows it.",
          c -> String.valueOf(c.mqttPort())),
      option("mqtt-tls-port", "PORT|off", "The embedded broker's MQTT over TLS, pinned by terminals.",
          c -> String.valueOf(c.transport().mqttTlsPort())),
      option("mqtt-tls-engine", "auto|jdk", "What serves MQTT over TLS: BoringSSL before the broker"
          + " where it runs (auto), or the JDK's engine inside it.",
          c -> c.transport().mqttTlsEngine().name().toLowerCase(Locale.ROOT)),
      option("insecure-plain-mqtt", "true|false", "Serve plain MQTT on a non-loopback --mqtt-host:"
          + " logins and events in clear text, shown as a warning.",
          c -> String.valueOf(c.transport().insecurePlainMqtt())),
      option("insecure-plain-http", "true|false", "Serve plain HTTP on a non-loopback --http-host:"
          + " sign-ins and tokens in clear text, shown as a warning.",
          c -> String.valueOf(c.transport().insecurePlainHttp())),
      option("tls-certificate", "PEM", "A certificate chain to serve instead of the self-signed one"
          + " made under the data directory (with --tls-key).", c -> "made at first start"),
      option("tls-key", "PEM", "The private key of --tls-certificate.", c -> "made at first start"),
      option("tls-names", "NAMES", "Extra DNS names or addresses for the generated certificate,"
          + " like hub.example.org,10.0.0.5.", c -> "this machine's names and addresses"),
      option("data-dir", "DIR", "The hub's database, keys and broker files.",
          c -> c.dataDir().toString()),
      option("broker-url", "URL", "An external broker (Mosquitto, EMQX) instead of the embedded"
          + " one, like tcp://host:1883.", c -> "the embedded broker"),
      option("topic-prefix", "PREFIX", "The MQTT topic prefix the terminals use.",
          HubConfig::topicPrefix),
      option("mosquitto-dir", "DIR", "Write an external Mosquitto's password, ACL and listener"
          + " files here, kept current on every claim and revocation.", c -> "none"),
      option("mosquitto-reload", "COMMAND", "Run after those files change, e.g. systemctl reload"
          + " mosquitto.", c -> "none"),
      option("mosquitto-tls-port", "PORT|off", "The TLS listener the Mosquitto files add.",
          c -> String.valueOf(HubConfig.Mosquitto.DEFAULT_TLS_PORT)),
      option("max-session", "DURATION", "A session longer than this is closed as a forgotten"
          + " check-out (docs/hours-rules.md).", c -> duration(c.maxSession())),
      option("zone", "ZONE", "The stations' time zone for days and reports.",
          c -> c.zone().getId()),
      option("clock-tolerance", "DURATION", "How far a terminal's clock may be off at receipt before"
          + " its events need review.", c -> duration(c.evidence().clockTolerance())),
      option("back-dated-after", "DURATION", "An event arriving this long after it happened (not"
          + " recorded offline) is back-dated and needs review.", c -> duration(c.evidence().backDatedAfter())),
      option("replay-window", "DURATION", "One credential used at two terminals within this is flagged"
          + " as an anomaly (a copied badge).",
          c -> duration(c.evidence().replayWindow())),
      option("face-score-min", "SCORE", "The face match score from 0 to 1 below which a face"
          + " check-in needs review.", c -> String.valueOf(c.evidence().faceScoreMin())),
      option("caps", "CAPS", "Daily caps and who approves minutes above them, like"
          + " 8h:ORGANISATION,12h:HIGHER, or none.", c -> c.evidence().caps().toString()),
      option("map", "FILE", "The deployment's boundaries, drawn under the stations: a GeoJSON"
          + " FeatureCollection of Polygon and MultiPolygon features with a name property, from an"
          + " approved base map (docs/dashboard.md).", c -> "none, dots only"),
      option("map-approval", "NUMBER", "The base map's approval number, printed under the map,"
          + " like GS(2024)0650.", c -> "the file's \"approval\" member"));

  private HubOptions() {}

  private static Option option(String name, String label, String description,
      Function<HubConfig, String> defaultOf) {
    return new Option(name, label, description, defaultOf);
  }

  /** The names of every setting, without {@code --}. */
  static List<String> names() {
    return ALL.stream().map(Option::name).toList();
  }

  /** The environment variable of {@code name}: {@code REDVEST_HUB_HTTP_PORT}. */
  static String environment(String name) {
    return "REDVEST_HUB_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Adds every setting and {@code --config} to {@code spec}, with its help. */
  static CommandSpec addTo(CommandSpec spec) {
    HubConfig defaults = HubConfig.defaults(java.nio.file.Path.of("data"));
    for (Option o : ALL) {
      spec.addOption(OptionSpec.builder("--" + o.name())
          .paramLabel(o.label())
          .type(String.class)
          .description(o.description() + " Default: " + o.defaultOf().apply(defaults) + "; env "
              + environment(o.name()) + ".")
          .build());
    }
    spec.addOption(OptionSpec.builder("--" + CONFIG)
        .paramLabel("FILE")
        .type(String.class)
        .description("A properties file of these settings (http-port=8080, ...); flags win over"
            + " the environment, which wins over the file. Env " + environment(CONFIG) + ".")
        .build());
    return spec;
  }

  /**
   * The flags given in {@code args}, by setting name (without {@code --}), in order.
   *
   * @throws ConfigException naming the flag picocli could not take, e.g. an unknown one
   */
  static Map<String, String> flags(String[] args) {
    CommandLine line = Main.settle(new CommandLine(addTo(CommandSpec.create())));
    CommandLine.ParseResult result;
    try {
      result = line.parseArgs(args);
    } catch (UnmatchedArgumentException e) {
      String unknown = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
      List<String> suggestions = e.getSuggestions();
      throw new ConfigException(unknown, (unknown.startsWith("-") ? "unknown option"
          : "unexpected argument; options look like --http-port 8080")
          + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?")
          + " (see --help)");
    } catch (ParameterException e) {
      OptionSpec option = e.getArgSpec() instanceof OptionSpec o ? o : null;
      throw new ConfigException(option == null ? "arguments" : option.longestName(),
          e.getMessage());
    }
    return values(result);
  }

  /** The settings {@code parsed} matched, by name (without {@code --}), in order. */
  static Map<String, String> values(CommandLine.ParseResult parsed) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (OptionSpec o : parsed.matchedOptions()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        flags.put(o.longestName().substring(2), parsed.matchedOptionValue(o.longestName(), ""));
      }
    }
    return flags;
  }

  /** The settings {@code parsed} matched, as flags again ({@code --name=value}), in order. */
  static String[] given(CommandLine.ParseResult parsed) {
    return parsed.matchedOptions().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp())
        .map(o -> o.longestName() + "=" + parsed.matchedOptionValue(o.longestName(), ""))
        .toArray(String[]::new);
  }

  private static String duration(Duration d) {
    if (d.toSecondsPart() == 0 && d.toMinutesPart() == 0) {
      return d.toHours() + "h";
    }
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }
}
