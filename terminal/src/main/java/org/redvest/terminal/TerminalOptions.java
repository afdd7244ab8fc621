package org.redvest.terminal;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.ProfileException;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.terminal.attendance.SessionRules;
import org.redvest.terminal.kiosk.FrameLoop;
import org.redvest.terminal.screen.ScreenSettings;

/**
 * Parses {@code run}'s options: each {@code --name value} flag, else the environment variable
 * {@code REDVEST_NAME} (upper case, dashes as underscores), else the default. Every error names
 * the option.
 */
final class TerminalOptions {
  static final String USAGE = """
      usage: redvest-terminal run [options]
        --profile NAME|FILE     hardware profile (usb-webcam-x86, raspberry-pi-usb, rtsp-ip-camera,
                                replay-video, replay-images, or a YAML path); default usb-webcam-x86
        --source PATH|URL       override the profile's camera device, URL, file or folder
        --station ID            this kiosk's station id (required)
        --terminal ID           this kiosk's terminal id (required)
        --broker URL            the hub's MQTT broker; default tcp://localhost:1883
        --data-dir DIR          where the outbox lives; default data/terminal
        --topic-prefix PREFIX   default redvest/v1
        --zone ZONE             station time zone; default the system's
        --debounce DURATION     one volunteer in view stays one event for this long; default 3m
        --replay-start TIME     station time of a replay's first frame (ISO-8601 with offset);
                                default now
        --replay-pace realtime|fast   default realtime
        --exit-at-end           after a replay, wait until the hub acknowledged everything, then exit
        --drain-timeout DURATION      how long --exit-at-end waits; default 2m
        --resend-after DURATION re-publish unacknowledged events after this long; default 30s
        --heartbeat DURATION    heartbeat interval; default 30s
        --policy FILE           station policy YAML: accepted methods, plain badges, activities
                                (terminal README, "Station policy"); default: everything accepted
        --screen-port PORT|off  the kiosk screen on http://127.0.0.1:PORT/ for Chromium; default 8090
        --closes-at HH:MM       the station's closing time (forgotten check-outs); default none
        --max-session DURATION  an open check-in older than this was forgotten; default 12h
        --claim CODE            join the fleet with this one-time code from the hub's admin
                                (redvest-hub claim, or the dashboard), then start; once joined,
                                the kiosk keeps its login in DATA-DIR/fleet/ and ignores the code
                                (or join from the manager screen: the code typed, or its QR
                                join code shown to the camera)
        --hub URL               the hub's web address for --claim, e.g. https://hub.local:8443
        --hub-pin SHA256:...    the hub's TLS key as `redvest-hub claim` prints it: an https
                                --hub is then trusted only when it shows this key
        --bundle FILE           join with an offline bundle (redvest-hub claim --bundle): kept
                                in DATA-DIR/fleet/ and claimed as soon as the hub answers;
                                until then the kiosk records into its outbox
      Every option can also be given as an environment variable: --data-dir as REDVEST_DATA_DIR.
      Durations: 500ms, 30s, 3m, 2h or ISO-8601 (PT3M).
      """;

  private static final List<String> FLAGS = List.of("profile", "source", "station", "terminal",
      "broker", "data-dir", "topic-prefix", "zone", "debounce", "replay-start", "replay-pace",
      "drain-timeout", "resend-after", "heartbeat", "screen-port", "closes-at", "max-session", "claim", "hub",
      "hub-pin", "bundle");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> env;
  private boolean exitAtEnd;

  private TerminalOptions(Map<String, String> env) {
    this.env = env;
  }

  static TerminalConfig parse(List<String> args, Map<String, String> env) {
    TerminalOptions options = new TerminalOptions(env);
    options.read(args);
    return options.config();
  }

  private void read(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--exit-at-end")) {
        exitAtEnd = true;
        continue;
      }
      String name = arg.startsWith("--") ? arg.substring(2) : null;
      if (name == null || !FLAGS.contains(name)) {
        throw new IllegalArgumentException(arg + ": unknown option (see --help)");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(arg + ": needs a value");
      }
      values.put(name, args.get(++i));
    }
  }

  private TerminalConfig config() {
    HardwareProfile profile;
    try {
      profile = HardwareProfile.resolve(value("profile", "usb-webcam-x86"));
    } catch (ProfileException | IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("--profile: " + e.getMessage(), e);
    }
    String source = value("source", null);
    if (source != null) {
      profile = profile.withCameraLocation(source);
    }
    ZoneId zone = zone(value("zone", ZoneId.systemDefault().getId()));
    String pace = value("replay-pace", "realtime").toUpperCase(Locale.ROOT);
    if (!pace.equals("REALTIME") && !pace.equals("FAST")) {
      throw new IllegalArgumentException("--replay-pace: must be realtime or fast, was " + pace.toLowerCase(Locale.ROOT));
    }
    return new TerminalConfig(
        profile,
        Path.of("."),
        id("station", StationId::of),
        id("terminal", TerminalId::of),
        broker(value("broker", "tcp://localhost:1883")),
        Path.of(value("data-dir", "data/terminal")),
        topics(value("topic-prefix", Topics.DEFAULT_PREFIX)),
        zone,
        duration("debounce", "3m"),
        replayStart(value("replay-start", null)),
        FrameLoop.Pace.valueOf(pace),
        exitAtEnd || "true".equalsIgnoreCase(env.get("REDVEST_EXIT_AT_END")),
        duration("drain-timeout", "2m"),
        duration("resend-after", "30s"),
        duration("heartbeat", "30s"));
  }

  /** A one-time claim code and the hub to present it to ({@code --claim}, {@code --hub}). */
  record Claim(String code, java.net.URI hub, org.redvest.protocol.fleet.TlsPin pin) {}

  /** The claim in the same arguments, if any; {@code --claim} needs {@code --hub}. */
  static java.util.Optional<Claim> claim(List<String> args, Map<String, String> env) {
    TerminalOptions options = new TerminalOptions(env);
    options.read(args);
    String code = options.value("claim", null);
    if (code == null || code.isBlank()) {
      return java.util.Optional.empty();
    }
    String hub = options.value("hub", null);
    if (hub == null || !hub.matches("https?://[^/]+/?")) {
      throw new IllegalArgumentException("--hub: --claim needs the hub's web address, like"
          + " http://hub.local:8080, was " + hub);
    }
    String pin = options.value("hub-pin", null);
    org.redvest.protocol.fleet.TlsPin tlsPin;
    try {
      tlsPin = pin == null ? null : org.redvest.protocol.fleet.TlsPin.parse(pin.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--hub-pin: " + e.getMessage());
    }
    if (tlsPin != null && !hub.startsWith("https://")) {
      throw new IllegalArgumentException("--hub-pin: pins an https --hub, was " + hub);
    }
    return java.util.Optional.of(new Claim(code.strip(), java.net.URI.create(hub), tlsPin));
  }

  /** The offline bundle file in the same arguments ({@code --bundle}), if any. */
  static java.util.Optional<java.nio.file.Path> bundle(List<String> args, Map<String, String> env) {
    TerminalOptions options = new TerminalOptions(env);
    options.read(args);
    String file = options.value("bundle", null);
    if (file == null || file.isBlank()) {
      return java.util.Optional.empty();
    }
    if (options.value("claim", null) != null) {
      throw new IllegalArgumentException("--bundle: give --bundle or --claim, not both");
    }
    return java.util.Optional.of(java.nio.file.Path.of(file.strip()));
  }

  /** The kiosk screen's options from the same arguments ({@code config} already parsed from them). */
  static ScreenSettings screen(List<String> args, Map<String, String> env, TerminalConfig config) {
    TerminalOptions options = new TerminalOptions(env);
    options.read(args);
    return options.screenSettings(config);
  }

  private ScreenSettings screenSettings(TerminalConfig config) {
    String portText = value("screen-port", Integer.toString(ScreenSettings.DEFAULT_PORT));
    int port;
    try {
      port = portText.equalsIgnoreCase("off") ? -1 : Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--screen-port: must be a port number or off, was " + portText, e);
    }
    String closes = value("closes-at", null);
    LocalTime closesAt;
    try {
      closesAt = closes == null ? null : LocalTime.parse(closes);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--closes-at: must be a time like 18:00, was " + closes, e);
    }
    Duration maxSession = duration("max-session", "12h");
    if (maxSession.isZero()) {
      throw new IllegalArgumentException("--max-session: must be positive");
    }
    if (port < -1 || port > 65_535) {
      throw new IllegalArgumentException("--screen-port: must be 0 to 65535 or off, was " + portText);
    }
    return ScreenSettings.on(port, config.dataDir(), new SessionRules(closesAt, maxSession));
  }

  private String value(String name, String defaultValue) {
    String flag = values.get(name);
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get("REDVEST_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : defaultValue;
  }

  private <T> T id(String name, java.util.function.Function<String, T> parser) {
    String text = value(name, null);
    if (text == null) {
      throw new IllegalArgumentException("--" + name + ": is required (or REDVEST_"
          + name.toUpperCase(Locale.ROOT) + ")");
    }
    try {
      return parser.apply(text);
    } catch (ProtocolException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
    }
  }

  private static String broker(String url) {
    if (!url.matches("(tcp|ssl|ws|wss)://[^/]+")) {
      throw new IllegalArgumentException("--broker: must look like tcp://host:1883, was " + url);
    }
    return url;
  }

  private static Topics topics(String prefix) {
    try {
      return Topics.of(prefix);
    } catch (ProtocolException e) {
      throw new IllegalArgumentException("--topic-prefix: " + e.getMessage(), e);
    }
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--zone: unknown time zone " + text, e);
    }
  }

  private static Instant replayStart(String text) {
    if (text == null) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--replay-start: must be ISO-8601 with offset (2026-11-23T08:00:00+08:00), was " + text, e);
    }
  }

  private Duration duration(String name, String defaultValue) {
    String text = value(name, defaultValue);
    Matcher m = SHORT_DURATION.matcher(text);
    try {
      Duration d;
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      } else {
        d = Duration.parse(text);
      }
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative");
      }
      return d;
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": must be a duration like 30s, 3m or PT3M, was " + text, e);
    }
  }
}
