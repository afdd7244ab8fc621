package org.redvest.terminal.face;

/** What the kiosk should do after a frame's face was considered. */
public sealed interface FaceOutcome {

  /** Nothing to show: no face, or frames still agreeing. */
  record Nothing() implements FaceOutcome {}

  /** Tell the person something: quality guidance or a challenge step. */
  record Guide(String message) implements FaceOutcome {}

  /**
   * Several frames agreed (and liveness passed): record a check-in for {@code identity}.
   *
   * @param liveness how liveness was established, sent as the event's {@code liveness} evidence:
   *     {@link #PASS_PASSIVE}, {@link #PASS_CHALLENGE} or {@link #NOT_CHECKED}
   */
  record Confirmed(String identity, double score, String liveness) implements FaceOutcome {
    /** The passive model's mean score over the agreeing frames reached the station's bar. */
    public static final String PASS_PASSIVE = "PASS_PASSIVE";
    /** A turn challenge was passed. */
    public static final String PASS_CHALLENGE = "PASS_CHALLENGE";
    /** The station's liveness policy is OFF: a photo could have been shown. */
    public static final String NOT_CHECKED = "NOT_CHECKED";

    public Confirmed(String identity, double score) {
      this(identity, score, NOT_CHECKED);
    }
  }

  /** The face was refused (liveness failed); the volunteer should use a QR badge instead. */
  record Refused(String reason) implements FaceOutcome {}

  FaceOutcome NOTHING = new Nothing();
}
