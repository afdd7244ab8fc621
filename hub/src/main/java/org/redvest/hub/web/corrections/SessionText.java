package org.redvest.hub.web.corrections;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.redvest.hub.domain.corrections.Correction;
import org.redvest.hub.web.Lang;

/**
 * How sessions, corrections and audit lines read, in both languages (plain text, from the
 * corrections bundle): the pages show it through their templates, which escape it.
 */
public final class SessionText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private SessionText() {}

  /** A time in the hub's zone, e.g. 2026-11-23 17:30; "–" when absent. */
  public static String time(OffsetDateTime t, ZoneId zone) {
    return t == null ? "–" : t.atZoneSameInstant(zone).format(TIME);
  }

  /** A time as a {@code datetime-local} input value in the hub's zone. */
  static String input(OffsetDateTime t, ZoneId zone) {
    return t == null ? "" : t.atZoneSameInstant(zone).format(INPUT);
  }

  /** Minutes as hours and minutes, e.g. 3 h 05 min. */
  public static String minutes(Lang lang, long minutes) {
    return lang.get("corrections.minutes", minutes / 60, String.format("%02d", minutes % 60));
  }

  /** A session's status; one the bundle does not know as it is. */
  public static String status(Lang lang, String status) {
    return lang.getOr("corrections.status." + status, status);
  }

  public static String kind(Lang lang, Correction.Kind kind) {
    return lang.get("corrections.kind." + kind.name());
  }

  public static String stateText(Lang lang, Correction.State state) {
    return lang.get("corrections.state." + state.name());
  }

  /** The class of a state's pill: warn, ok, bad, or none. */
  public static String stateTone(Correction.State state) {
    return switch (state) {
      case REQUESTED -> "warn";
      case APPROVED -> "ok";
      case REJECTED -> "bad";
      case WITHDRAWN -> "";
    };
  }

  /** An audit line's action; one the bundle does not know as it is. */
  public static String action(Lang lang, String action) {
    return lang.getOr("corrections.action." + action, action);
  }

  public static String requester(Lang lang, Correction.RequesterKind kind) {
    return lang.get("corrections.requester." + kind.name());
  }
}
