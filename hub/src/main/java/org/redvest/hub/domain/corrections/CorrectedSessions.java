package org.redvest.hub.domain.corrections;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redvest.hub.hours.DayMinutes;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.hub.store.Database;
import org.redvest.protocol.VolunteerId;

/**
 * The stored sessions (as of now) with the approved corrections applied on top, in the order they
 * were approved (docs/hours-rules.md, "Corrections"): set times are re-counted with {@link
 * Session#minutesBetween}, a voided session is listed as {@link SessionStatus#VOIDED} with 0
 * minutes, an added session is a {@code CLOSED} session without events. Every result of a
 * correction carries {@link SessionFlag#CORRECTED}. Nothing stored is changed.
 */
public final class CorrectedSessions implements SessionSource {
  private final SessionSource base;
  private final Database database;
  private final Duration maxShift;

  /**
   * @param base the stored sessions as of now
   * @param maxShift how far a correction can move a session's start (the maximum session length):
   *     a ranged query reads the stored sessions this much wider
   */
  public CorrectedSessions(SessionSource base, Database database, Duration maxShift) {
    this.base = base;
    this.database = database;
    this.maxShift = maxShift;
  }

  @Override
  public List<Session> sessions(SessionQuery query) {
    return corrected(query).stream().map(CorrectedSession::session).toList();
  }

  /** Like {@link #sessions} with the original and the correction applied to each. */
  public List<CorrectedSession> corrected(SessionQuery q) {
    SessionQuery wide = new SessionQuery(q.volunteerId(), q.stationId(),
        q.from() == null ? null : q.from().minus(maxShift), q.to() == null ? null : q.to().plus(maxShift));
    List<Session> stored = base.sessions(wide);
    List<Correction> approved = approved(q.volunteerId());
    return apply(stored, approved).stream()
        .filter(c -> q.volunteerId() == null || c.session().volunteerId().equals(q.volunteerId()))
        .filter(c -> q.stationId() == null || c.session().stationId().equals(q.stationId()))
        .filter(c -> within(c.session().start(), q.from(), q.to()))
        .toList();
  }

  /** The corrected session with {@code key}, if it exists. */
  public java.util.Optional<CorrectedSession> find(VolunteerId volunteer, SessionKey key) {
    return corrected(new SessionQuery(volunteer, null, null, null)).stream()
        .filter(c -> c.key().equals(key)).findFirst();
  }

  /**
   * The volunteer's most credited minutes on any day {@code candidate} touches, with the approved
   * corrections and the candidate applied; 0 for a correction that only takes time away.
   */
  public long busiestDay(Correction candidate, ZoneId zone) {
    if (candidate.kind() == Correction.Kind.VOID_SESSION || candidate.after() == null) {
      return 0;
    }
    List<Session> stored = base.sessions(new SessionQuery(candidate.volunteerId(), null, null, null));
    List<Correction> approved = new ArrayList<>(approved(candidate.volunteerId()));
    approved.add(candidate);
    Map<LocalDate, Long> perDay = new HashMap<>();
    for (CorrectedSession c : apply(stored, approved)) {
      for (DayMinutes d : c.session().days(zone)) {
        perDay.merge(d.date(), d.minutes(), Long::sum);
      }
    }
    LocalDate first = candidate.after().start().atZoneSameInstant(zone).toLocalDate();
    LocalDate last = candidate.after().end().atZoneSameInstant(zone).toLocalDate();
    long busiest = 0;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      busiest = Math.max(busiest, perDay.getOrDefault(d, 0L));
    }
    return busiest;
  }

  /**
   * Applies {@code approved} (in order) to {@code stored}: the pure rule, oldest start first.
   * Corrections whose target is not among {@code stored} are ignored.
   */
  public static List<CorrectedSession> apply(List<Session> stored, List<Correction> approved) {
    Map<SessionKey, List<Correction>> byTarget = new LinkedHashMap<>();
    for (Correction c : approved) {
      if (c.target() != null) {
        byTarget.computeIfAbsent(c.target(), k -> new ArrayList<>()).add(c);
      }
    }
    List<CorrectedSession> out = new ArrayList<>();
    for (Session s : stored) {
      SessionKey key = SessionKey.of(s);
      out.add(fold(s, key, s, null, byTarget.getOrDefault(key, List.of())));
    }
    for (Correction c : approved) {
      if (c.kind() == Correction.Kind.ADD_SESSION) {
        OffsetDateTime start = c.after().start();
        OffsetDateTime end = c.after().end();
        Session added = new Session(c.volunteerId(), c.stationId(), start, end,
            Session.minutesBetween(start.toInstant(), end.toInstant()), SessionStatus.CLOSED,
            EnumSet.of(SessionFlag.CORRECTED), null, null);
        SessionKey key = SessionKey.added(c.id());
        out.add(fold(added, key, null, c.id(), byTarget.getOrDefault(key, List.of())));
      }
    }
    out.sort(Comparator.comparing((CorrectedSession c) -> c.session().start())
        .thenComparing(c -> c.session().volunteerId().value()));
    return out;
  }

  private static CorrectedSession fold(Session s, SessionKey key, Session original, Long addedBy,
      List<Correction> corrections) {
    Session current = s;
    Long last = addedBy;
    for (Correction c : corrections) {
      current = applyOne(current, c);
      last = c.id();
    }
    return new CorrectedSession(current, key, original, last);
  }

  private static Session applyOne(Session s, Correction c) {
    Set<SessionFlag> flags = EnumSet.noneOf(SessionFlag.class);
    flags.addAll(s.flags());
    flags.add(SessionFlag.CORRECTED);
    if (c.kind() == Correction.Kind.VOID_SESSION) {
      return new Session(s.volunteerId(), s.stationId(), s.checkInAt(), s.checkOutAt(), 0,
          SessionStatus.VOIDED, flags, s.checkInEventId(), s.checkOutEventId());
    }
    OffsetDateTime start = c.kind().setsStart() ? c.after().start() : s.checkInAt();
    OffsetDateTime end = c.kind().setsEnd() ? c.after().end() : s.checkOutAt();
    if (start == null || end == null) {
      return s; // validation refuses such a request; a hand-edited row must not break every read
    }
    flags.remove(SessionFlag.NEEDS_REVIEW);
    return new Session(s.volunteerId(), s.stationId(), start, end,
        Session.minutesBetween(start.toInstant(), end.toInstant()), SessionStatus.CLOSED, flags,
        s.checkInEventId(), s.checkOutEventId());
  }

  private List<Correction> approved(VolunteerId volunteer) {
    return database == null ? List.of()
        : database.read("reading approved corrections", c -> CorrectionRows.approved(c, volunteer));
  }

  private static boolean within(Instant start, Instant from, Instant to) {
    return (from == null || !start.isBefore(from)) && (to == null || start.isBefore(to));
  }
}
