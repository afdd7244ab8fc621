package org.redvest.terminal.attendance;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A proposed end for a forgotten session and where it came from: one of the protocol's
 * {@code correction} bases ({@code LAST_SIGHTING}, {@code ACTIVITY_END}, {@code STATION_CLOSING}).
 * What the volunteer (or the manager) types instead is {@code ENTERED}.
 */
public record EndTimeProposal(OffsetDateTime at, String basis) {
  public static final String LAST_SIGHTING = "LAST_SIGHTING";
  public static final String ACTIVITY_END = "ACTIVITY_END";
  public static final String STATION_CLOSING = "STATION_CLOSING";
  public static final String ENTERED = "ENTERED";

  /**
   * A sighting this close to the check-in is the check-in itself (the volunteer still in view),
   * not evidence that they stayed.
   */
  static final Duration MIN_SIGHTING_GAP = Duration.ofMinutes(10);

  public EndTimeProposal {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(basis, "basis");
  }

  /**
   * The best-supported end for a session opened at {@code checkIn} and found open at {@code now}.
   * Observed beats scheduled: the last sighting at this station, else the activity's end, else
   * the station's closing time on the check-in's day. A candidate counts only if it lies after the
   * check-in and no later than {@link SessionRules#latestEnd}; empty when none does (the person
   * confirming must type the time).
   */
  public static Optional<EndTimeProposal> propose(OffsetDateTime checkIn, OffsetDateTime now,
      Optional<OffsetDateTime> lastSighting, Optional<OffsetDateTime> activityEnd, SessionRules rules) {
    OffsetDateTime latest = rules.latestEnd(checkIn, now);
    Optional<OffsetDateTime> sighting = lastSighting
        .filter(s -> !s.isBefore(checkIn.plus(MIN_SIGHTING_GAP)) && !s.isAfter(latest));
    if (sighting.isPresent()) {
      return Optional.of(new EndTimeProposal(local(sighting.get(), now), LAST_SIGHTING));
    }
    Optional<OffsetDateTime> end = activityEnd.filter(a -> a.isAfter(checkIn) && !a.isAfter(latest));
    if (end.isPresent()) {
      return Optional.of(new EndTimeProposal(local(end.get(), now), ACTIVITY_END));
    }
    if (rules.closesAt() != null) {
      OffsetDateTime closing = local(checkIn, now).with(rules.closesAt());
      if (closing.isAfter(checkIn) && !closing.isAfter(latest)) {
        return Optional.of(new EndTimeProposal(closing, STATION_CLOSING));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code end} may close a session opened at {@code checkIn} when decided at {@code now}:
   * after the check-in and no later than {@link SessionRules#latestEnd}.
   */
  public static boolean withinBounds(OffsetDateTime end, OffsetDateTime checkIn, OffsetDateTime now,
      SessionRules rules) {
    return end.isAfter(checkIn) && !end.isAfter(rules.latestEnd(checkIn, now));
  }

  private static OffsetDateTime local(OffsetDateTime t, OffsetDateTime now) {
    return t.atZoneSameInstant(now.getOffset()).toOffsetDateTime();
  }
}
