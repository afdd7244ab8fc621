package org.redvest.hub.domain.corrections;

import java.util.UUID;
import org.redvest.hub.hours.Session;

/**
 * Names one session across recomputations: {@code in:<check-in event id>}, {@code out:<check-out
 * event id>} for an orphan check-out, or {@code add:<correction id>} for a session added by a
 * correction. Stored events never change, so the key of a session never does either.
 */
public record SessionKey(String value) {

  public SessionKey {
    if (value == null || !(value.matches("(in|out):[0-9a-fA-F-]{36}") || value.matches("add:[0-9]{1,18}"))) {
      throw new CorrectionException(400, "session",
          "must be in:<check-in event id>, out:<check-out event id> or add:<correction id>, was \""
              + value + "\"");
    }
    if (!value.startsWith("add:")) {
      UUID.fromString(value.substring(value.indexOf(':') + 1)); // validates the UUID's shape
      value = value.toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static SessionKey parse(String text) {
    try {
      return new SessionKey(text == null ? null : text.trim());
    } catch (IllegalArgumentException e) {
      throw new CorrectionException(400, "session", "not a valid event id: \"" + text + "\"");
    }
  }

  /** The key of a stored session (an added one is keyed by its correction, see {@link #added}). */
  public static SessionKey of(Session s) {
    return s.checkInEventId() != null
        ? new SessionKey("in:" + s.checkInEventId())
        : new SessionKey("out:" + s.checkOutEventId());
  }

  public static SessionKey added(long correctionId) {
    return new SessionKey("add:" + correctionId);
  }

  @Override
  public String toString() {
    return value;
  }
}
