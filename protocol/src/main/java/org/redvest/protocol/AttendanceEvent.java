package org.redvest.protocol;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * One check-in or check-out as a terminal reports it (see docs/protocol.md, "Attendance event").
 *
 * <p>Optional fields are {@code null} in the record and exposed as {@link Optional} by accessors
 * named after them with an {@code optional} prefix where it helps callers.
 */
public record AttendanceEvent(
    int v,
    UUID eventId,
    StationId stationId,
    TerminalId terminalId,
    long terminalSeq,
    VolunteerId volunteerId,
    EventKind kind,
    CheckInMethod method,
    OffsetDateTime occurredAt,
    String activityId,
    Double confidence,
    String operatorId,
    String reason,
    Evidence evidence) {

  /** The schema version this code writes. */
  public static final int VERSION = 1;

  /** An event without evidence fields (the shape before evidence was added). */
  public AttendanceEvent(int v, UUID eventId, StationId stationId, TerminalId terminalId, long terminalSeq,
      VolunteerId volunteerId, EventKind kind, CheckInMethod method, OffsetDateTime occurredAt,
      String activityId, Double confidence, String operatorId, String reason) {
    this(v, eventId, stationId, terminalId, terminalSeq, volunteerId, kind, method, occurredAt, activityId,
        confidence, operatorId, reason, Evidence.NONE);
  }

  public AttendanceEvent {
    if (v < 1) {
      throw new ProtocolException("v", "must be a positive schema version, was " + v);
    }
    require(eventId, "eventId");
    require(stationId, "stationId");
    require(terminalId, "terminalId");
    if (terminalSeq < 1) {
      throw new ProtocolException("terminalSeq", "must be >= 1, was " + terminalSeq);
    }
    require(volunteerId, "volunteerId");
    require(kind, "kind");
    require(method, "method");
    require(occurredAt, "occurredAt");
    if (confidence != null && !(confidence >= 0.0 && confidence <= 1.0)) {
      throw new ProtocolException("confidence", "must be between 0 and 1, was " + confidence);
    }
    if (method == CheckInMethod.MANUAL && (isBlank(operatorId) || isBlank(reason))) {
      throw new ProtocolException(
          isBlank(operatorId) ? "operatorId" : "reason", "is required when method is MANUAL");
    }
    if (evidence == null) {
      evidence = Evidence.NONE;
    }
    if (evidence.isCorrection() && kind != EventKind.CHECK_OUT) {
      throw new ProtocolException("correction", "is allowed on CHECK_OUT events only");
    }
  }

  /** A version-1 event with no optional fields. */
  public static AttendanceEvent of(
      UUID eventId,
      StationId stationId,
      TerminalId terminalId,
      long terminalSeq,
      VolunteerId volunteerId,
      EventKind kind,
      CheckInMethod method,
      OffsetDateTime occurredAt) {
    return new AttendanceEvent(
        VERSION, eventId, stationId, terminalId, terminalSeq, volunteerId, kind, method,
        occurredAt, null, null, null, null);
  }

  public Optional<String> optionalActivityId() {
    return Optional.ofNullable(activityId);
  }

  public OptionalDouble optionalConfidence() {
    return confidence == null ? OptionalDouble.empty() : OptionalDouble.of(confidence);
  }

  /** The same event with the activity it belongs to. */
  public AttendanceEvent withActivityId(String newActivityId) {
    return new AttendanceEvent(
        v, eventId, stationId, terminalId, terminalSeq, volunteerId, kind, method, occurredAt,
        newActivityId, confidence, operatorId, reason, evidence);
  }

  /** The same event with {@code newEvidence}. */
  public AttendanceEvent withEvidence(Evidence newEvidence) {
    return new AttendanceEvent(
        v, eventId, stationId, terminalId, terminalSeq, volunteerId, kind, method, occurredAt,
        activityId, confidence, operatorId, reason, newEvidence);
  }

  private static void require(Object value, String field) {
    if (Objects.isNull(value)) {
      throw new ProtocolException(field, "is required");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
