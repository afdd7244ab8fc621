package org.redvest.terminal.outbox;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.VolunteerId;

/**
 * An attendance event before the outbox numbers it: everything but the station, terminal,
 * {@code terminalSeq} and {@code eventId}. Optional fields are {@code null}; the protocol's rules
 * (confidence in [0, 1], operator and reason for MANUAL) are checked by {@link Outbox#append}.
 */
public record Draft(
    VolunteerId volunteerId,
    EventKind kind,
    CheckInMethod method,
    OffsetDateTime occurredAt,
    String activityId,
    Double confidence,
    String operatorId,
    String reason,
    Evidence evidence) {

  /** A draft without evidence fields. */
  public Draft(VolunteerId volunteerId, EventKind kind, CheckInMethod method, OffsetDateTime occurredAt,
      String activityId, Double confidence, String operatorId, String reason) {
    this(volunteerId, kind, method, occurredAt, activityId, confidence, operatorId, reason, Evidence.NONE);
  }

  public Draft {
    Objects.requireNonNull(volunteerId, "volunteerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(occurredAt, "occurredAt");
    evidence = evidence == null ? Evidence.NONE : evidence;
  }

  public Draft withEvidence(Evidence newEvidence) {
    return new Draft(
        volunteerId, kind, method, occurredAt, activityId, confidence, operatorId, reason, newEvidence);
  }

  /** A draft with no optional fields. */
  public static Draft of(
      VolunteerId volunteerId, EventKind kind, CheckInMethod method, OffsetDateTime occurredAt) {
    return new Draft(volunteerId, kind, method, occurredAt, null, null, null, null);
  }

  public Draft withActivityId(String newActivityId) {
    return new Draft(
        volunteerId, kind, method, occurredAt, newActivityId, confidence, operatorId, reason, evidence);
  }

  public Draft withConfidence(Double newConfidence) {
    return new Draft(
        volunteerId, kind, method, occurredAt, activityId, newConfidence, operatorId, reason, evidence);
  }

  /** A station manager's entry: who made it and why. */
  public Draft withOperator(String newOperatorId, String newReason) {
    return new Draft(
        volunteerId, kind, method, occurredAt, activityId, confidence, newOperatorId, newReason, evidence);
  }
}
