package org.redvest.hub.hours;

import java.util.Locale;

/**
 * Why an end of a session is attested by a person rather than seen by a terminal: the basis shown
 * with an {@link EvidenceGrade#ATTESTED} grade (docs/hours-rules.md, "Evidence grades").
 */
public enum Attestation {
  /** A station manager's entry ({@code MANUAL}, with operator and reason). */
  MANUAL_ENTRY,
  /** A correction check-out timed at the volunteer's last sighting at the station. */
  CORRECTION_LAST_SIGHTING,
  /** A correction check-out timed at the activity's end. */
  CORRECTION_ACTIVITY_END,
  /** A correction check-out timed at the station's closing time. */
  CORRECTION_STATION_CLOSING,
  /** A correction check-out whose time was typed in. */
  CORRECTION_ENTERED;

  /** The basis of {@code end}, or null when a terminal saw it. */
  static Attestation of(EndEvidence end) {
    if (end == null) {
      return null;
    }
    if (end.correction() != null) {
      return valueOf("CORRECTION_" + end.correction().toUpperCase(Locale.ROOT));
    }
    return end.method() == org.redvest.protocol.CheckInMethod.MANUAL ? MANUAL_ENTRY : null;
  }
}
