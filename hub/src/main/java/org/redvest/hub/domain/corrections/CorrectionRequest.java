package org.redvest.hub.domain.corrections;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * What someone asks to correct, validated field by field (messages name the field). The JSON API
 * and the form share {@link #parse}.
 *
 * @param session the session to change; null for ADD_SESSION
 * @param stationId for ADD_SESSION only: where the added session took place
 * @param onBehalfOfVolunteer the volunteer asked for it (the user enters it for them)
 */
public record CorrectionRequest(Correction.Kind kind, SessionKey session, VolunteerId volunteerId,
    StationId stationId, OffsetDateTime start, OffsetDateTime end, String reason,
    boolean onBehalfOfVolunteer) {

  public static final int MAX_REASON = 1000;

  /**
   * Reads the fields {@code kind, session, volunteerId, stationId, start, end, reason,
   * requesterKind} (text; absent or empty = not given). Times are ISO-8601 with an offset, or local
   * (as a form's {@code datetime-local} sends them) in {@code zone}.
   */
  public static CorrectionRequest parse(Map<String, String> fields, ZoneId zone) {
    Correction.Kind kind = kind(text(fields, "kind"));
    String sessionText = text(fields, "session");
    SessionKey session = sessionText == null ? null : SessionKey.parse(sessionText);
    VolunteerId volunteer = id(fields, "volunteerId", VolunteerId::of);
    StationId station = id(fields, "stationId", StationId::of);
    OffsetDateTime start = time(fields, "start", zone);
    OffsetDateTime end = time(fields, "end", zone);
    String reason = text(fields, "reason");
    if (reason == null) {
      throw new CorrectionException(400, "reason", "is required: say why the session is corrected");
    }
    if (reason.length() > MAX_REASON) {
      throw new CorrectionException(400, "reason", "at most " + MAX_REASON + " characters");
    }
    String requester = text(fields, "requesterKind");
    boolean volunteerAsked = false;
    if (requester != null) {
      if (!requester.equals("VOLUNTEER") && !requester.equals("MANAGER") && !requester.equals("ADMIN")) {
        throw new CorrectionException(400, "requesterKind",
            "must be VOLUNTEER (on the volunteer's behalf), MANAGER or ADMIN, was \"" + requester + "\"");
      }
      volunteerAsked = requester.equals("VOLUNTEER");
    }
    if (volunteer == null) {
      throw new CorrectionException(400, "volunteerId", "is required");
    }
    if (kind == Correction.Kind.ADD_SESSION) {
      if (session != null) {
        throw new CorrectionException(400, "session", "must be empty for ADD_SESSION");
      }
      if (station == null) {
        throw new CorrectionException(400, "stationId", "is required for ADD_SESSION");
      }
    } else if (session == null) {
      throw new CorrectionException(400, "session", "is required for " + kind);
    }
    if (kind.setsStart() && start == null) {
      throw new CorrectionException(400, "start", "is required for " + kind);
    }
    if (kind.setsEnd() && end == null) {
      throw new CorrectionException(400, "end", "is required for " + kind);
    }
    return new CorrectionRequest(kind, session, volunteer, station, kind.setsStart() ? start : null,
        kind.setsEnd() ? end : null, reason, volunteerAsked);
  }

  private static Correction.Kind kind(String text) {
    if (text == null) {
      throw new CorrectionException(400, "kind", "is required: one of SET_END, SET_START, SET_TIMES,"
          + " ADD_SESSION, VOID_SESSION");
    }
    try {
      return Correction.Kind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CorrectionException(400, "kind", "must be one of SET_END, SET_START, SET_TIMES,"
          + " ADD_SESSION, VOID_SESSION, was \"" + text + "\"");
    }
  }

  private static <T> T id(Map<String, String> fields, String name, java.util.function.Function<String, T> parse) {
    String text = text(fields, name);
    if (text == null) {
      return null;
    }
    try {
      return parse.apply(text);
    } catch (ProtocolException e) {
      throw new CorrectionException(400, name, "not a valid id: \"" + text + "\"");
    }
  }

  private static OffsetDateTime time(Map<String, String> fields, String name, ZoneId zone) {
    String text = text(fields, name);
    if (text == null) {
      return null;
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      try {
        time = LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
      } catch (DateTimeParseException again) {
        throw new CorrectionException(400, name,
            "must be a time like 2026-11-23T17:30 or 2026-11-23T17:30:00+08:00, was \"" + text + "\"");
      }
    }
    if (time.getYear() < 2000 || time.getYear() > 9999) {
      throw new CorrectionException(400, name, "must be in the years 2000 to 9999, was \"" + text + "\"");
    }
    return time;
  }

  private static String text(Map<String, String> fields, String name) {
    String value = fields.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
