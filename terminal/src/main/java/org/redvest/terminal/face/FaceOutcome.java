package org.redvest.terminal.face;

/** What the kiosk should do after a frame's face was considered. */
public sealed interface FaceOutcome {

  /** Nothing to show: no face, or frames still agreeing. */
  record Nothing() implements FaceOutcome {}

  /** Tell the person something: quality guidance or a challenge step. */
  record Guide(String message) implements FaceOutcome {}

  /** Several frames agreed (and liveness passed): record a check-in for {@code identity}. */
  record Confirmed(String identity, double score) implements FaceOutcome {}

  /** The face was refused (liveness failed); the volunteer should use a QR badge instead. */
  record Refused(String reason) implements FaceOutcome {}

  FaceOutcome NOTHING = new Nothing();
}
