package org.redvest.terminal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.redvest.profiles.HardwareProfile;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;

/**
 * The options of {@code enrol} and {@code withdraw}: the tables picocli parses and writes the help
 * from, and their values checked once, each error naming the option.
 */
record EnrolOptions(HardwareProfile profile, Path dataDir, StationId station, TerminalId terminal, String broker,
    Topics topics, ZoneId zone, Path keyFile, VolunteerId volunteer, String name, String consentId,
    String consentVersion, String operator, int captures, Duration timeout, Duration drainTimeout, URI cardHub,
    Path cardPng, String cardToken) {

  /** What {@code enrol} and {@code withdraw} both take. */
  private static final List<Flag> TERMINAL = List.of(
      Flags.value("data-dir", "DIR", "The terminal's data directory (the kiosk's --data-dir).", "data/terminal"),
      Flags.required("station", "ID", "This kiosk's station id."),
      Flags.required("terminal", "ID", "This kiosk's terminal id."),
      Flags.value("broker", "URL", "The hub's MQTT broker, for the record's delivery.", "tcp://localhost:1883"),
      Flags.value("topic-prefix", "PREFIX", "The MQTT topic prefix.", Topics.DEFAULT_PREFIX),
      Flags.computed("zone", "ZONE", "The station's time zone.", "the system's"),
      Flags.required("volunteer", "ID", "The volunteer's id."),
      Flags.required("operator", "ID", "The station manager doing it, for the audit."),
      Flags.value("drain-timeout", "DURATION", "How long to wait for the hub's ack; what is not"
          + " acknowledged stays queued and the kiosk delivers it later.", "30s"));

  static final List<Flag> WITHDRAW = TERMINAL;

  static final List<Flag> ENROL = java.util.stream.Stream.concat(java.util.stream.Stream.of(
      Flags.value("profile", "NAME|FILE", "The hardware profile: its camera and models.", "usb-webcam-x86"),
      Flags.computed("source", "PATH|URL", "Another camera than the profile's.", "the profile's"),
      Flags.required("name", "NAME", "The volunteer's name as the kiosk greets them."),
      Flags.required("consent-id", "ID", "The id of the volunteer's signed face consent."),
      Flags.required("consent-version", "VERSION", "The version of the consent text they signed."),
      Flags.value("captures", "N", "Good frames to capture, 1 to 20.", "5"),
      Flags.value("timeout", "DURATION", "How long to try for them.", "2m"),
      Flags.computed("card-hub", "URL", "Also ask this hub for a card carrying the face template"
          + " (QR + face 1:1), like https://hub:8443.", "none"),
      Flags.computed("card-token", "TOKEN", "The hub's API token for --card-hub (<hub data"
          + " dir>/api-token).", "none"),
      Flags.computed("card-png", "FILE", "Where the card's QR PNG goes.", "VOLUNTEER-card.png")),
      TERMINAL.stream()).toList();

  static EnrolOptions enrol(Flags.Values v) {
    HardwareProfile profile = TerminalOptions.profile(v);
    if (profile.models().isEmpty()) {
      throw new IllegalArgumentException("--profile: " + profile.name() + " has no models section;"
          + " face enrolment needs one (docs/face.md)");
    }
    int captures;
    try {
      captures = Integer.parseInt(v.required("captures"));
    } catch (NumberFormatException e) {
      captures = 0;
    }
    if (captures < 1 || captures > 20) {
      throw new IllegalArgumentException("--captures: must be an integer from 1 to 20, was " + v.get("captures"));
    }
    EnrolOptions o = common(v, profile, v.required("name"), v.required("consent-id"), v.required("consent-version"),
        captures, v.duration("timeout"));
    String hub = v.get("card-hub");
    if (hub == null) {
      return o;
    }
    if (!hub.matches("https?://[^/]+/?")) {
      throw new IllegalArgumentException("--card-hub: must look like https://hub:8443, was " + hub);
    }
    String png = v.get("card-png");
    return new EnrolOptions(o.profile, o.dataDir, o.station, o.terminal, o.broker, o.topics, o.zone, o.keyFile,
        o.volunteer, o.name, o.consentId, o.consentVersion, o.operator, o.captures, o.timeout, o.drainTimeout,
        URI.create(hub), Path.of(png != null ? png : o.volunteer.value() + "-card.png"), v.required("card-token"));
  }

  static EnrolOptions withdraw(Flags.Values v) {
    return common(v, null, null, null, null, 0, Duration.ZERO);
  }

  private static EnrolOptions common(Flags.Values v, HardwareProfile profile, String name, String consentId,
      String consentVersion, int captures, Duration timeout) {
    Path dataDir = Path.of(v.required("data-dir"));
    String broker = v.broker("broker");
    Topics topics = TerminalOptions.topics(v);
    ZoneId zone = TerminalOptions.zone(v);
    Path keyFile = Path.of(v.variables().getOrDefault("REDVEST_FACE_KEY", dataDir.resolve(Main.FACE_KEY).toString()));
    return new EnrolOptions(profile, dataDir, v.id("station", StationId::of), v.id("terminal", TerminalId::of),
        broker, topics, zone, keyFile, v.id("volunteer", VolunteerId::of), name, consentId, consentVersion,
        v.required("operator"), captures, timeout, v.duration("drain-timeout"), null, null, null);
  }
}
