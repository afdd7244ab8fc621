package org.redvest.terminal.mqtt;

import java.util.Locale;
import java.util.Objects;

/**
 * What the heartbeat says about the camera: frames per second processed and a state, with a
 * human-readable detail (may be null) such as "no frames for 12 s".
 */
public record CameraHealth(double fps, State state, String detail) {

  /** The heartbeat's {@code cameraState} values. */
  public enum State {
    OK,
    DEGRADED,
    FAILED,
    STOPPED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CameraHealth {
    Objects.requireNonNull(state, "state");
    if (!(fps >= 0)) {
      throw new IllegalArgumentException("fps: must be >= 0, was " + fps);
    }
  }

  /** For a terminal whose capture loop has not reported yet. */
  public static CameraHealth stopped(String detail) {
    return new CameraHealth(0, State.STOPPED, detail);
  }
}
