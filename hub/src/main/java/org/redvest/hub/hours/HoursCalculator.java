package org.redvest.hub.hours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * The hours rules (docs/hours-rules.md): folds all attendance events of one volunteer, ordered by
 * {@link Attendance#ORDER}, into sessions. Recomputing from every event each time is what lets
 * events that arrive days late slot into place.
 */
public final class HoursCalculator {
  /**
   * Default clock tolerance: an event dated further than this after the hub received it is flagged
   * CLOCK_AHEAD, a terminal clock measured further off than this either way CLOCK_SKEW.
   */
  public static final Duration CLOCK_AHEAD_TOLERANCE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_SESSION = Duration.ofHours(12);

  private final Duration maxSession;
  private final Duration clockTolerance;
  private final Clock clock;

  public HoursCalculator(Duration maxSession, Clock clock) {
    this(maxSession, CLOCK_AHEAD_TOLERANCE, clock);
  }

  /** Rules with a maximum session length and a clock tolerance ({@code clock-tolerance}). */
  public HoursCalculator(Duration maxSession, Duration clockTolerance, Clock clock) {
    if (maxSession == null || maxSession.isNegative() || maxSession.isZero()) {
      throw new IllegalArgumentException("maxSession must be positive, was " + maxSession);
    }
    if (clockTolerance == null || clockTolerance.isNegative()) {
      throw new IllegalArgumentException("clockTolerance must be >= 0, was " + clockTolerance);
    }
    this.maxSession = maxSession;
    this.clockTolerance = clockTolerance;
    this.clock = clock;
  }

  public Duration maxSession() {
    return maxSession;
  }

  /**
   * What the stored sessions were computed with: bump {@link #RULES_VERSION} whenever a change to
   * these rules changes sessions, so a hub started with new rules or settings recomputes them.
   */
  public String fingerprint() {
    return "rules=" + RULES_VERSION + " max-session=" + maxSession + " clock-tolerance=" + clockTolerance;
  }

  /** The version of the session rules in this code (see {@link #fingerprint()}). */
  public static final int RULES_VERSION = 1;

  /** The sessions of one volunteer, oldest first. */
  public List<Session> sessions(Collection<Attendance> events) {
    List<Attendance> ordered = new ArrayList<>(events);
    ordered.sort(Attendance.ORDER);
    List<Session> sessions = new ArrayList<>();
    OpenSession open = null;
    for (Attendance event : ordered) {
      open = event.kind() == EventKind.CHECK_IN
          ? checkIn(open, event, sessions)
          : checkOut(open, event, sessions);
    }
    if (open != null) {
      sessions.add(stillOpen(open, clock.instant()));
    }
    return sessions;
  }

  /**
   * The session as it stands now: an open session past the maximum is auto-closed. Materialised
   * sessions are read through this so they never stay OPEN forever without new events.
   */
  public Session asOfNow(Session session) {
    if (session.status() != SessionStatus.OPEN || !overMaximum(session.start(), clock.instant())) {
      return session;
    }
    return autoClosed(session.volunteerId(), session.stationId(), session.checkInAt(),
        session.checkInEventId(), session.flags());
  }

  private OpenSession checkIn(OpenSession open, Attendance event, List<Session> sessions) {
    if (open == null) {
      return openWith(event);
    }
    if (overMaximum(open.checkIn.instant(), event.instant())) {
      sessions.add(stillOpen(open, event.instant()));
      return openWith(event);
    }
    if (open.checkIn.stationId().equals(event.stationId())) {
      open.flags.add(SessionFlag.REDUNDANT_CHECK_IN);
      noteClock(event, open.flags);
      return open;
    }
    open.flags.add(SessionFlag.NEEDS_REVIEW);
    sessions.add(new Session(open.checkIn.volunteerId(), open.checkIn.stationId(),
        open.checkIn.occurredAt(), null, 0, SessionStatus.SUPERSEDED, open.flags,
        open.checkIn.eventId(), null));
    return openWith(event);
  }

  private OpenSession openWith(Attendance checkIn) {
    OpenSession open = new OpenSession(checkIn);
    noteClock(checkIn, open.flags);
    return open;
  }

  private OpenSession checkOut(OpenSession open, Attendance event, List<Session> sessions) {
    if (open == null) {
      Set<SessionFlag> flags = EnumSet.of(SessionFlag.NEEDS_REVIEW);
      noteClock(event, flags);
      sessions.add(new Session(event.volunteerId(), event.stationId(), null, event.occurredAt(),
          0, SessionStatus.ORPHAN_CHECK_OUT, flags, null, event.eventId()));
      return null;
    }
    noteClock(event, open.flags);
    if (!open.checkIn.stationId().equals(event.stationId())) {
      open.flags.add(SessionFlag.CHECK_OUT_AT_OTHER_STATION);
    }
    boolean tooLong = overMaximum(open.checkIn.instant(), event.instant());
    if (tooLong) {
      open.flags.add(SessionFlag.NEEDS_REVIEW);
    }
    long minutes = tooLong ? 0 : Session.minutesBetween(open.checkIn.instant(), event.instant());
    sessions.add(new Session(event.volunteerId(), open.checkIn.stationId(),
        open.checkIn.occurredAt(), event.occurredAt(), minutes,
        tooLong ? SessionStatus.OVER_MAXIMUM : SessionStatus.CLOSED, open.flags,
        open.checkIn.eventId(), event.eventId()));
    return null;
  }

  private Session stillOpen(OpenSession open, Instant now) {
    Attendance in = open.checkIn;
    if (overMaximum(in.instant(), now)) {
      return autoClosed(in.volunteerId(), in.stationId(), in.occurredAt(), in.eventId(),
          open.flags);
    }
    return new Session(in.volunteerId(), in.stationId(), in.occurredAt(), null, 0,
        SessionStatus.OPEN, open.flags, in.eventId(), null);
  }

  private Session autoClosed(VolunteerId volunteer, StationId station, OffsetDateTime checkInAt,
      UUID checkInEventId, Set<SessionFlag> flags) {
    Set<SessionFlag> withReview = EnumSet.of(SessionFlag.NEEDS_REVIEW);
    withReview.addAll(flags);
    return new Session(volunteer, station, checkInAt, checkInAt.plus(maxSession), 0,
        SessionStatus.AUTO_CLOSED, withReview, checkInEventId, null);
  }

  private boolean overMaximum(Instant checkIn, Instant at) {
    return Duration.between(checkIn, at).compareTo(maxSession) > 0;
  }

  /** CLOCK_AHEAD: dated after its own arrival; CLOCK_SKEW: the terminal's measured offset. */
  private void noteClock(Attendance event, Set<SessionFlag> flags) {
    if (Duration.between(event.receivedAt(), event.instant()).compareTo(clockTolerance) > 0) {
      flags.add(SessionFlag.CLOCK_AHEAD);
    }
    if (event.clockOffset() != null && event.clockOffset().abs().compareTo(clockTolerance) > 0) {
      flags.add(SessionFlag.CLOCK_SKEW);
    }
  }

  /** The check-in of a session being folded, and the flags gathered so far. */
  private static final class OpenSession {
    final Attendance checkIn;
    final Set<SessionFlag> flags = EnumSet.noneOf(SessionFlag.class);

    OpenSession(Attendance checkIn) {
      this.checkIn = checkIn;
    }
  }
}
