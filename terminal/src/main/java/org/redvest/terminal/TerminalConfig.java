package org.redvest.terminal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.redvest.profiles.HardwareProfile;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.terminal.kiosk.FrameLoop;

/**
 * Everything {@code redvest-terminal run} needs, parsed and validated once at start-up.
 *
 * @param profile the kiosk hardware (camera, scanner, display)
 * @param baseDir what relative replay paths in the profile resolve against
 * @param station this kiosk's station
 * @param terminal this kiosk's id within the station
 * @param brokerUrl the hub's MQTT broker
 * @param dataDir where the outbox lives; one data dir per terminal
 * @param topics topic prefix
 * @param zone the station's time zone (event times carry its offset)
 * @param debounce how long one volunteer in view stays one event
 * @param replayStart station time of the first frame, for media-clock replays
 * @param pace replay pacing
 * @param exitAtEnd stop after a replay once the hub has acknowledged every event
 * @param drainTimeout how long to wait for that acknowledgement
 * @param resendAfter re-publish events unacknowledged for this long
 * @param heartbeatInterval time between heartbeats
 */
public record TerminalConfig(
    HardwareProfile profile,
    Path baseDir,
    StationId station,
    TerminalId terminal,
    String brokerUrl,
    Path dataDir,
    Topics topics,
    ZoneId zone,
    Duration debounce,
    Instant replayStart,
    FrameLoop.Pace pace,
    boolean exitAtEnd,
    Duration drainTimeout,
    Duration resendAfter,
    Duration heartbeatInterval) {

  public static final String SOFTWARE = "redvest-terminal " + version();

  public TerminalConfig {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /** A replay of {@code video} as fast as possible, for tests and tools. */
  public static TerminalConfig replay(Path video, StationId station, TerminalId terminal,
      String brokerUrl, Path dataDir, Instant replayStart) {
    HardwareProfile profile = HardwareProfile.builtIn("replay-video")
        .withCameraLocation(video.toAbsolutePath().toString());
    return new TerminalConfig(profile, Path.of("."), station, terminal, brokerUrl, dataDir,
        Topics.defaults(), ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(3), replayStart,
        FrameLoop.Pace.FAST, true, Duration.ofSeconds(60), Duration.ofSeconds(30),
        Duration.ofSeconds(30));
  }

  public TerminalConfig withResendAfter(Duration newResendAfter) {
    return new TerminalConfig(profile, baseDir, station, terminal, brokerUrl, dataDir, topics,
        zone, debounce, replayStart, pace, exitAtEnd, drainTimeout, newResendAfter,
        heartbeatInterval);
  }

  private static String version() {
    String v = TerminalConfig.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
