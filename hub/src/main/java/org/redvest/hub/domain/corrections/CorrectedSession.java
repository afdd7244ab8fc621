package org.redvest.hub.domain.corrections;

import org.redvest.hub.hours.Session;

/**
 * A session with the approved corrections that apply to it.
 *
 * @param key the session's stable key
 * @param original the session as stored (as of now), or null for one added by a correction
 * @param correctionId the last approved correction applied, or null when none applies
 */
public record CorrectedSession(Session session, SessionKey key, Session original, Long correctionId) {

  public boolean corrected() {
    return correctionId != null;
  }
}
