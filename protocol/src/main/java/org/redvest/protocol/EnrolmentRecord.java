package org.redvest.protocol;

import java.time.OffsetDateTime;

/**
 * That a volunteer's face is enrolled at a station, or no longer is (see docs/protocol.md,
 * "Face enrolment records"). It never carries a face template: templates stay on the terminal.
 *
 * @param v schema version
 * @param stationId the station the terminal belongs to
 * @param terminalId the terminal holding the templates
 * @param enrolmentSeq 1, 2, 3, ... per terminal, never reused; acknowledged like events
 * @param volunteerId whose enrolment
 * @param consentId the terminal's id for the separate face-recognition consent
 * @param consentVersion version of the consent text the volunteer agreed to
 * @param state enrolled, or withdrawn (templates deleted for good)
 * @param at when it happened, terminal time with offset
 */
public record EnrolmentRecord(int v, StationId stationId, TerminalId terminalId, long enrolmentSeq,
    VolunteerId volunteerId, String consentId, String consentVersion, State state, OffsetDateTime at) {

  public static final int VERSION = 1;

  /** Enrolment states, with their wire names. */
  public enum State {
    ENROLLED,
    WITHDRAWN
  }

  public EnrolmentRecord {
    if (v < 1) {
      throw new ProtocolException("v", "must be a positive schema version, was " + v);
    }
    require(stationId, "stationId");
    require(terminalId, "terminalId");
    if (enrolmentSeq < 1) {
      throw new ProtocolException("enrolmentSeq", "must be >= 1, was " + enrolmentSeq);
    }
    require(volunteerId, "volunteerId");
    requireText(consentId, "consentId");
    requireText(consentVersion, "consentVersion");
    require(state, "state");
    require(at, "at");
  }

  private static void require(Object value, String field) {
    if (value == null) {
      throw new ProtocolException(field, "is required");
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank() || value.length() > 128) {
      throw new ProtocolException(field, "must be 1-128 characters, was \"" + value + "\"");
    }
  }
}
