package org.redvest.terminal.screen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.redvest.terminal.attendance.ActivityEnds;
import org.redvest.terminal.attendance.SessionRules;

/**
 * The kiosk screen's configuration, parsed once at start-up.
 *
 * @param port HTTP port on 127.0.0.1 (0: any free port, for tests), or -1 for no web screen
 * @param pinFile where the manager PIN's salted hash lives ({@code redvest-terminal set-pin}
 *     writes it); without it the manager view says how to set one
 * @param rules when an open check-in counts as a forgotten check-out
 * @param answerWithin how long a volunteer has to confirm a forgotten check-out's end
 * @param idleLock the manager view locks after this long without a request
 * @param activities when a check-in's activity ended, where the station policy knows it
 */
public record ScreenSettings(int port, Path pinFile, SessionRules rules, Duration answerWithin, Duration idleLock,
    ActivityEnds activities) {
  public static final int DEFAULT_PORT = 8090;
  public static final String PIN_FILE = "manager-pin";

  public ScreenSettings {
    if (port < -1 || port > 65_535) {
      throw new IllegalArgumentException("--screen-port: must be 0 to 65535, or -1 for none, was " + port);
    }
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(answerWithin, "answerWithin");
    Objects.requireNonNull(idleLock, "idleLock");
    activities = activities == null ? ActivityEnds.UNKNOWN : activities;
  }

  /** No web screen: the console screen only. */
  public static ScreenSettings none() {
    return new ScreenSettings(-1, null, SessionRules.defaults(), Duration.ofSeconds(30), Duration.ofMinutes(2), null);
  }

  /** A web screen on {@code port} with the PIN file in {@code dataDir}. */
  public static ScreenSettings on(int port, Path dataDir, SessionRules rules) {
    return new ScreenSettings(port, dataDir.resolve(PIN_FILE), rules, Duration.ofSeconds(30), Duration.ofMinutes(2),
        null);
  }

  /** The station policy's activity schedule, for proposing a forgotten session's end. */
  public ScreenSettings withActivities(ActivityEnds newActivities) {
    return new ScreenSettings(port, pinFile, rules, answerWithin, idleLock, newActivities);
  }

  public boolean enabled() {
    return port >= 0;
  }

  public ScreenSettings withAnswerWithin(Duration newAnswerWithin) {
    return new ScreenSettings(port, pinFile, rules, newAnswerWithin, idleLock, activities);
  }
}
