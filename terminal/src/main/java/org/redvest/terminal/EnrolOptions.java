package org.redvest.terminal;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.ProfileException;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;

/**
 * The options of {@code enrol} and {@code withdraw}, parsed once: each {@code --name value}, else
 * {@code REDVEST_NAME} from the environment, else the default. Every error names the option.
 */
record EnrolOptions(HardwareProfile profile, Path dataDir, StationId station, TerminalId terminal, String broker,
    Topics topics, ZoneId zone, Path keyFile, VolunteerId volunteer, String name, String consentId,
    String consentVersion, String operator, int captures, Duration timeout, Duration drainTimeout, URI cardHub,
    Path cardPng, String cardToken) {

  static final String ENROL_USAGE = """
      usage: redvest-terminal enrol --profile P --data-dir D --station S --terminal T --broker URL
                                    --volunteer V --name NAME --consent-id ID --consent-version VER
                                    --operator M [--captures 5] [--source PATH|URL] [--timeout 2m]
                                    [--drain-timeout 30s] [--topic-prefix P] [--zone Z]
                                    [--card-hub https://hub:8443 --card-token T [--card-png FILE]]
        Records the volunteer's separate face consent (given on paper or on screen first), captures
        --captures good frames from the profile's camera, stores the encrypted templates in
        D/faces.db and queues the ENROLLED record for the hub. Run it while the kiosk is stopped.
        With --card-hub, also asks that hub for a card carrying the face template (QR + face 1:1)
        and writes its QR PNG to --card-png (default <volunteer>-card.png); --card-token is the
        hub's API token (<hub data dir>/api-token; or REDVEST_CARD_TOKEN).
      """;
  static final String WITHDRAW_USAGE = """
      usage: redvest-terminal withdraw --data-dir D --station S --terminal T --broker URL
                                       --volunteer V --operator M [--drain-timeout 30s]
        Deletes the volunteer's face templates for good and queues the WITHDRAWN record.
      """;

  private static final List<String> ENROL_FLAGS = List.of("profile", "source", "data-dir", "station", "terminal",
      "broker", "topic-prefix", "zone", "volunteer", "name", "consent-id", "consent-version", "operator",
      "captures", "timeout", "drain-timeout", "card-hub", "card-png", "card-token");
  private static final List<String> WITHDRAW_FLAGS = List.of("data-dir", "station", "terminal", "broker",
      "topic-prefix", "zone", "volunteer", "operator", "drain-timeout");

  static EnrolOptions enrol(List<String> args, Map<String, String> env) {
    Values v = Values.read(args, env, ENROL_FLAGS);
    HardwareProfile profile;
    try {
      profile = HardwareProfile.resolve(v.get("profile", "usb-webcam-x86"));
    } catch (ProfileException | IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("--profile: " + e.getMessage(), e);
    }
    String source = v.get("source", null);
    if (source != null) {
      profile = profile.withCameraLocation(source);
    }
    if (profile.models().isEmpty()) {
      throw new IllegalArgumentException("--profile: " + profile.name() + " has no models section;"
          + " face enrolment needs one (docs/face.md)");
    }
    int captures;
    try {
      captures = Integer.parseInt(v.get("captures", "5"));
    } catch (NumberFormatException e) {
      captures = 0;
    }
    if (captures < 1 || captures > 20) {
      throw new IllegalArgumentException("--captures: must be an integer from 1 to 20, was " + v.get("captures", ""));
    }
    EnrolOptions o = common(v, profile, v.required("name"), v.required("consent-id"), v.required("consent-version"),
        captures, v.duration("timeout", "2m"));
    String hub = v.get("card-hub", null);
    if (hub == null) {
      return o;
    }
    if (!hub.matches("https?://[^/]+/?")) {
      throw new IllegalArgumentException("--card-hub: must look like https://hub:8443, was " + hub);
    }
    return new EnrolOptions(o.profile, o.dataDir, o.station, o.terminal, o.broker, o.topics, o.zone, o.keyFile,
        o.volunteer, o.name, o.consentId, o.consentVersion, o.operator, o.captures, o.timeout, o.drainTimeout,
        URI.create(hub), Path.of(v.get("card-png", o.volunteer.value() + "-card.png")), v.required("card-token"));
  }

  static EnrolOptions withdraw(List<String> args, Map<String, String> env) {
    Values v = Values.read(args, env, WITHDRAW_FLAGS);
    return common(v, null, null, null, null, 0, Duration.ZERO);
  }

  private static EnrolOptions common(Values v, HardwareProfile profile, String name, String consentId,
      String consentVersion, int captures, Duration timeout) {
    Path dataDir = Path.of(v.required("data-dir"));
    String broker = v.get("broker", "tcp://localhost:1883");
    if (!broker.matches("(tcp|ssl|ws|wss)://[^/]+")) {
      throw new IllegalArgumentException("--broker: must look like tcp://host:1883, was " + broker);
    }
    Topics topics;
    try {
      topics = Topics.of(v.get("topic-prefix", Topics.DEFAULT_PREFIX));
    } catch (ProtocolException e) {
      throw new IllegalArgumentException("--topic-prefix: " + e.getMessage(), e);
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(v.get("zone", ZoneId.systemDefault().getId()));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--zone: unknown time zone " + v.get("zone", ""), e);
    }
    Path keyFile = Path.of(v.env.getOrDefault("REDVEST_FACE_KEY", dataDir.resolve(Main.FACE_KEY).toString()));
    return new EnrolOptions(profile, dataDir, v.id("station", StationId::of), v.id("terminal", TerminalId::of),
        broker, topics, zone, keyFile, v.id("volunteer", VolunteerId::of), name, consentId, consentVersion,
        v.required("operator"), captures, timeout, v.duration("drain-timeout", "30s"), null, null, null);
  }

  /** Flag values over environment values. */
  private record Values(Map<String, String> flags, Map<String, String> env) {
    static Values read(List<String> args, Map<String, String> env, List<String> allowed) {
      Map<String, String> flags = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        String name = arg.startsWith("--") ? arg.substring(2) : null;
        if (name == null || !allowed.contains(name)) {
          throw new IllegalArgumentException(arg + ": unknown option (see --help)");
        }
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(arg + ": needs a value");
        }
        flags.put(name, args.get(++i));
      }
      return new Values(flags, env);
    }

    String get(String name, String defaultValue) {
      String flag = flags.get(name);
      if (flag != null) {
        return flag;
      }
      String fromEnv = env.get("REDVEST_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      return fromEnv != null && !fromEnv.isBlank() ? fromEnv : defaultValue;
    }

    String required(String name) {
      String value = get(name, null);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("--" + name + ": is required");
      }
      return value;
    }

    <T> T id(String name, Function<String, T> parser) {
      try {
        return parser.apply(required(name));
      } catch (ProtocolException e) {
        throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
      }
    }

    Duration duration(String name, String defaultValue) {
      String text = get(name, defaultValue);
      try {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        Duration d = !m.matches() ? Duration.parse(text) : switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(Long.parseLong(m.group(1)));
          case "s" -> Duration.ofSeconds(Long.parseLong(m.group(1)));
          case "m" -> Duration.ofMinutes(Long.parseLong(m.group(1)));
          default -> Duration.ofHours(Long.parseLong(m.group(1)));
        };
        if (d.isNegative()) {
          throw new IllegalArgumentException("negative");
        }
        return d;
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new IllegalArgumentException("--" + name + ": must be a duration like 30s or 2m, was " + text, e);
      }
    }
  }
}
