package org.redvest.protocol;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A terminal's periodic health report.
 *
 * @param at when the terminal sent it (its own clock)
 * @param fps frames per second the capture loop is processing
 * @param queueDepth events in the outbox not yet acknowledged by the hub
 * @param oldestUnackedAgeS age in seconds of the oldest unacknowledged event, 0 when none
 * @param lastAckAt when the terminal last received an ack, or null if never
 * @param cameraState {@code ok}, {@code degraded}, {@code failed} or {@code stopped}
 * @param cameraDetail a human-readable reason for the camera state, or null
 * @param software terminal software version
 * @param alarms conditions that need the station manager, e.g. {@code STORAGE_FULL}; empty when
 *     none (optional on the wire, added compatibly in protocol v1)
 * @param fleetState the terminal's place in the fleet as it sees it: {@code ok}, {@code
 *     not-joined}, {@code login-refused} or {@code publishes-unacked}; null when not reported
 *     (optional on the wire, added compatibly in protocol v1; docs/protocol.md §8)
 * @param fleetDetail a human-readable reason for the fleet state, or null
 */
public record Heartbeat(
    OffsetDateTime at,
    double fps,
    long queueDepth,
    long oldestUnackedAgeS,
    OffsetDateTime lastAckAt,
    String cameraState,
    String cameraDetail,
    String software,
    List<String> alarms,
    String fleetState,
    String fleetDetail) {
  /** The outbox cannot store new events: the kiosk refuses check-ins until space is freed. */
  public static final String STORAGE_FULL = "STORAGE_FULL";

  /** A heartbeat that does not report its fleet state. */
  public Heartbeat(OffsetDateTime at, double fps, long queueDepth, long oldestUnackedAgeS,
      OffsetDateTime lastAckAt, String cameraState, String cameraDetail, String software,
      List<String> alarms) {
    this(at, fps, queueDepth, oldestUnackedAgeS, lastAckAt, cameraState, cameraDetail, software,
        alarms, null, null);
  }

  /** A heartbeat without alarms. */
  public Heartbeat(OffsetDateTime at, double fps, long queueDepth, long oldestUnackedAgeS,
      OffsetDateTime lastAckAt, String cameraState, String cameraDetail, String software) {
    this(at, fps, queueDepth, oldestUnackedAgeS, lastAckAt, cameraState, cameraDetail, software,
        List.of());
  }

  public Heartbeat {
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
    if (at == null) {
      throw new ProtocolException("at", "is required");
    }
    if (queueDepth < 0) {
      throw new ProtocolException("queueDepth", "must be >= 0, was " + queueDepth);
    }
    if (cameraState == null || cameraState.isBlank()) {
      throw new ProtocolException("cameraState", "is required");
    }
  }
}
