package org.redvest.terminal;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.ProfileException;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.terminal.attendance.SessionRules;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;
import org.redvest.terminal.kiosk.FrameLoop;
import org.redvest.terminal.policy.StationPolicy;
import org.redvest.terminal.screen.ScreenSettings;

/**
 * {@code run}'s options: the table picocli parses and writes the help from, and what each value
 * means, checked once at start-up. Every error names the option.
 */
final class TerminalOptions {
  static final List<Flag> ALL = List.of(
      Flags.value("profile", "NAME|FILE", "Hardware profile: usb-webcam-x86, raspberry-pi-usb,"
          + " rtsp-ip-camera, replay-video, replay-images, or a YAML file.", "usb-webcam-x86"),
      Flags.computed("source", "PATH|URL", "Another camera device, URL, video file or image folder"
          + " than the profile's.", "the profile's"),
      Flags.required("station", "ID", "This kiosk's station id."),
      Flags.required("terminal", "ID", "This kiosk's terminal id within the station."),
      Flags.value("broker", "URL", "The hub's MQTT broker (tcp, ssl, ws or wss).", "tcp://localhost:1883"),
      Flags.value("data-dir", "DIR", "Where the outbox, keys and face templates live; one per"
          + " terminal.", "data/terminal"),
      Flags.value("topic-prefix", "PREFIX", "The MQTT topic prefix.", Topics.DEFAULT_PREFIX),
      Flags.computed("zone", "ZONE", "The station's time zone.", "the system's"),
      Flags.value("debounce", "DURATION", "One volunteer in view stays one event for this long.", "3m"),
      Flags.computed("replay-start", "TIME", "Station time of a replay's first frame (ISO-8601 with"
          + " offset, 2026-11-23T08:00:00+08:00).", "now"),
      Flags.value("replay-pace", "realtime|fast", "How fast a replay runs.", "realtime"),
      Flags.toggle("exit-at-end", "After a replay, wait until the hub acknowledged everything, then"
          + " exit (1 if not all in --drain-timeout)."),
      Flags.value("drain-timeout", "DURATION", "How long --exit-at-end waits.", "2m"),
      Flags.value("resend-after", "DURATION", "Publish unacknowledged events again after this long.", "30s"),
      Flags.value("heartbeat", "DURATION", "Time between heartbeats.", "30s"),
      Flags.computed("policy", "FILE", "Station policy YAML: accepted methods, plain badges,"
          + " activities (terminal README, \"Station policy\").", "everything accepted"),
      Flags.value("screen-port", "PORT|off", "The kiosk screen on http://127.0.0.1:PORT/ for"
          + " Chromium; the manager view is /manage.", Integer.toString(ScreenSettings.DEFAULT_PORT)),
      Flags.computed("closes-at", "HH:MM", "The station's closing time, for forgotten check-outs.", "none"),
      Flags.value("max-session", "DURATION", "An open check-in older than this was forgotten.", "12h"),
      Flags.computed("claim", "CODE", "Join the fleet with this one-time code (redvest-hub claim, or"
          + " the dashboard's fleet page), then start. Once joined the kiosk keeps its login in"
          + " DATA-DIR/fleet/ and ignores the code. The manager screen joins too: the code typed, or"
          + " its QR join code shown to the camera.", "none"),
      Flags.computed("hub", "URL", "The hub's web address for --claim, like https://hub.local:8443.", "none"),
      Flags.computed("hub-pin", "SHA256:...", "The hub's TLS key as redvest-hub claim prints it: an"
          + " https --hub is then trusted only when it shows this key.", "none"),
      Flags.computed("bundle", "FILE", "Join with an offline bundle (redvest-hub claim --bundle):"
          + " kept in DATA-DIR/fleet/ and claimed as soon as the hub answers; until then the kiosk"
          + " records into its outbox.", "none"));

  private final Flags.Values values;

  private TerminalOptions(Flags.Values values) {
    this.values = values;
  }

  /** The options of {@code values} (read with {@link #ALL}). */
  static TerminalOptions of(Flags.Values values) {
    return new TerminalOptions(values);
  }

  /** The options in {@code args} over the environment. */
  static TerminalOptions read(List<String> args, Map<String, String> env) {
    return of(new Flags.Values(ALL, Flags.parse(args, ALL), env));
  }

  /** The kiosk's configuration from {@code args} over {@code env}. */
  static TerminalConfig parse(List<String> args, Map<String, String> env) {
    return read(args, env).config();
  }

  /** The kiosk's configuration. */
  TerminalConfig config() {
    HardwareProfile profile = profile(values);
    String paceText = values.required("replay-pace");
    String pace = paceText.toUpperCase(Locale.ROOT);
    if (!pace.equals("REALTIME") && !pace.equals("FAST")) {
      throw new IllegalArgumentException("--replay-pace: must be realtime or fast, was " + paceText);
    }
    return new TerminalConfig(
        profile,
        Path.of("."),
        values.id("station", StationId::of),
        values.id("terminal", TerminalId::of),
        values.broker("broker"),
        Path.of(values.required("data-dir")),
        topics(values),
        zone(values),
        values.duration("debounce"),
        replayStart(values.get("replay-start")),
        FrameLoop.Pace.valueOf(pace),
        values.on("exit-at-end"),
        values.duration("drain-timeout"),
        values.duration("resend-after"),
        values.duration("heartbeat"));
  }

  /** The station policy of {@code --policy FILE}, read and checked; permissive without. */
  StationPolicy policy() {
    String file = values.get("policy");
    if (file == null || file.isBlank()) {
      return StationPolicy.permissive();
    }
    try {
      return StationPolicy.parse(Path.of(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--policy " + e.getMessage(), e);
    }
  }

  /** A one-time claim code and the hub to present it to ({@code --claim}, {@code --hub}). */
  record Claim(String code, java.net.URI hub, org.redvest.protocol.fleet.TlsPin pin) {}

  /** The claim, if {@code --claim} is given; it needs {@code --hub}. */
  java.util.Optional<Claim> claim() {
    String code = values.get("claim");
    if (code == null || code.isBlank()) {
      return java.util.Optional.empty();
    }
    String hub = values.get("hub");
    if (hub == null || !hub.matches("https?://[^/]+/?")) {
      throw new IllegalArgumentException("--hub: --claim needs the hub's web address, like"
          + " http://hub.local:8080, was " + hub);
    }
    String pin = values.get("hub-pin");
    org.redvest.protocol.fleet.TlsPin tlsPin;
    try {
      tlsPin = pin == null ? null : org.redvest.protocol.fleet.TlsPin.parse(pin.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--hub-pin: " + e.getMessage(), e);
    }
    if (tlsPin != null && !hub.startsWith("https://")) {
      throw new IllegalArgumentException("--hub-pin: pins an https --hub, was " + hub);
    }
    return java.util.Optional.of(new Claim(code.strip(), java.net.URI.create(hub), tlsPin));
  }

  /** The offline bundle file ({@code --bundle}), if given. */
  java.util.Optional<Path> bundle() {
    String file = values.get("bundle");
    if (file == null || file.isBlank()) {
      return java.util.Optional.empty();
    }
    if (values.get("claim") != null) {
      throw new IllegalArgumentException("--bundle: give --bundle or --claim, not both");
    }
    return java.util.Optional.of(Path.of(file.strip()));
  }

  /** The kiosk screen's options from {@code args} ({@code config} already parsed from them). */
  static ScreenSettings screen(List<String> args, Map<String, String> env, TerminalConfig config) {
    return read(args, env).screen(config);
  }

  /** The kiosk screen's options; {@code config} is this same command line's. */
  ScreenSettings screen(TerminalConfig config) {
    String portText = values.required("screen-port");
    int port;
    try {
      port = portText.equalsIgnoreCase("off") ? -1 : Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--screen-port: must be a port number or off, was " + portText, e);
    }
    if (port < -1 || port > 65_535) {
      throw new IllegalArgumentException("--screen-port: must be 0 to 65535 or off, was " + portText);
    }
    String closes = values.get("closes-at");
    LocalTime closesAt;
    try {
      closesAt = closes == null ? null : LocalTime.parse(closes);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--closes-at: must be a time like 18:00, was " + closes, e);
    }
    Duration maxSession = values.duration("max-session");
    if (maxSession.isZero()) {
      throw new IllegalArgumentException("--max-session: must be positive");
    }
    return ScreenSettings.on(port, config.dataDir(), new SessionRules(closesAt, maxSession));
  }

  /** {@code --profile}, with {@code --source} as its camera when given (also read by enrol). */
  static HardwareProfile profile(Flags.Values values) {
    HardwareProfile profile;
    try {
      profile = HardwareProfile.resolve(values.required("profile"));
    } catch (ProfileException | IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("--profile: " + e.getMessage(), e);
    }
    String source = values.get("source");
    return source == null ? profile : profile.withCameraLocation(source);
  }

  /** {@code --topic-prefix} (also read by enrol and withdraw). */
  static Topics topics(Flags.Values values) {
    try {
      return Topics.of(values.required("topic-prefix"));
    } catch (ProtocolException e) {
      throw new IllegalArgumentException("--topic-prefix: " + e.getMessage(), e);
    }
  }

  /** {@code --zone}, the system's when not given (also read by enrol and withdraw). */
  static ZoneId zone(Flags.Values values) {
    String text = values.get("zone");
    if (text == null) {
      return ZoneId.systemDefault();
    }
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
}
