package org.redvest.terminal.attendance;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * When an open check-in counts as a forgotten check-out: it was on an earlier day, it is older
 * than the maximum session, or the station closed more than {@link #CLOSING_GRACE} ago since.
 *
 * @param closesAt the station's closing time, or null when it has none
 * @param maxSession the longest session the hub credits (docs/hours-rules.md, default 12 h)
 */
public record SessionRules(LocalTime closesAt, Duration maxSession) {
  public static final Duration DEFAULT_MAX_SESSION = Duration.ofHours(12);
  /** Volunteers who stay a little after closing are still checking out, not returning. */
  public static final Duration CLOSING_GRACE = Duration.ofHours(1);

  public SessionRules {
    Objects.requireNonNull(maxSession, "maxSession");
    if (maxSession.isZero() || maxSession.isNegative()) {
      throw new IllegalArgumentException("maxSession: must be positive, was " + maxSession);
    }
  }

  public static SessionRules defaults() {
    return new SessionRules(null, DEFAULT_MAX_SESSION);
  }

  /** Whether a check-in at {@code checkIn}, still open when its volunteer is seen at {@code now}, was forgotten. */
  public boolean forgotten(OffsetDateTime checkIn, OffsetDateTime now) {
    OffsetDateTime in = checkIn.atZoneSameInstant(now.getOffset()).toOffsetDateTime();
    if (in.toLocalDate().isBefore(now.toLocalDate())) {
      return true;
    }
    if (Duration.between(in, now).compareTo(maxSession) > 0) {
      return true;
    }
    if (closesAt == null) {
      return false;
    }
    OffsetDateTime closing = in.with(closesAt);
    return in.isBefore(closing) && !now.isBefore(closing.plus(CLOSING_GRACE));
  }

  /** The latest end a forgotten session can be given: now, or check-in + maximum if earlier. */
  public OffsetDateTime latestEnd(OffsetDateTime checkIn, OffsetDateTime now) {
    OffsetDateTime cap = checkIn.plus(maxSession).atZoneSameInstant(now.getOffset()).toOffsetDateTime();
    return cap.isBefore(now) ? cap : now;
  }
}
