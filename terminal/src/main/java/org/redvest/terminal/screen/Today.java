package org.redvest.terminal.screen;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.Outbox;

/**
 * Today's sessions at this kiosk, paired from its own outbox (so the screen needs no hub): each
 * check-in with the next check-out of the same volunteer, minutes counted like the hub counts a
 * clean session (whole minutes between minute-truncated ends). A correction check-out belongs to
 * the day it closes, so it is not among today's events unless it closes a session of today.
 */
record Today(List<Session> sessions) {

  /**
   * One check-in and its check-out ({@code out} null while open, or when a second check-in
   * followed: then {@code open} is false too).
   */
  record Session(VolunteerId volunteer, AttendanceEvent in, AttendanceEvent out, boolean open) {
    long minutes() {
      if (out == null) {
        return 0;
      }
      return Math.max(0, Duration.between(in.occurredAt().truncatedTo(ChronoUnit.MINUTES),
          out.occurredAt().truncatedTo(ChronoUnit.MINUTES)).toMinutes());
    }

    boolean attested() {
      return in.method() == CheckInMethod.MANUAL || (out != null && out.method() == CheckInMethod.MANUAL);
    }
  }

  static Today of(Outbox outbox, OffsetDateTime now) {
    OffsetDateTime midnight = now.truncatedTo(ChronoUnit.DAYS);
    Map<VolunteerId, AttendanceEvent> open = new LinkedHashMap<>();
    List<Session> sessions = new ArrayList<>();
    for (AttendanceEvent e : outbox.eventsSince(midnight)) {
      if (e.kind() == EventKind.CHECK_IN) {
        AttendanceEvent previous = open.put(e.volunteerId(), e);
        if (previous != null) {
          sessions.add(new Session(e.volunteerId(), previous, null, false));
        }
      } else {
        AttendanceEvent in = open.remove(e.volunteerId());
        if (in != null) {
          sessions.add(new Session(e.volunteerId(), in, e, false));
        }
      }
    }
    open.forEach((v, in) -> sessions.add(new Session(v, in, null, true)));
    sessions.sort((a, b) -> a.in().occurredAt().compareTo(b.in().occurredAt()));
    return new Today(List.copyOf(sessions));
  }

  /** Closed minutes today for {@code volunteer}. */
  long minutesOf(VolunteerId volunteer) {
    return sessions.stream().filter(s -> s.volunteer().equals(volunteer)).mapToLong(Session::minutes).sum();
  }

  /** Sessions still open, opened today: who is on site now. */
  List<Session> onSite() {
    return sessions.stream().filter(Session::open).toList();
  }

  long totalMinutes() {
    return sessions.stream().mapToLong(Session::minutes).sum();
  }

  static String hours(Lang lang, long minutes) {
    return minutes >= 60 ? lang.get("duration.hours", minutes / 60, minutes % 60)
        : lang.get("duration.minutes", minutes);
  }
}
