package org.redvest.terminal.face.enrolment;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A volunteer's separate consent to face check-in, as the station manager recorded it at the
 * kiosk. Without one no template is stored.
 *
 * @param consentId unique id of this consent (sent to the hub)
 * @param textVersion version of the consent text shown and agreed to
 * @param givenAt when it was given
 * @param operatorId the station manager who recorded it
 */
public record Consent(String consentId, String textVersion, OffsetDateTime givenAt, String operatorId) {
  public Consent {
    requireText(consentId, "consentId");
    requireText(textVersion, "textVersion");
    Objects.requireNonNull(givenAt, "givenAt");
    requireText(operatorId, "operatorId");
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": is required");
    }
  }
}
