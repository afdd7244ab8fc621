package org.redvest.terminal.kiosk;

import org.redvest.terminal.mqtt.CameraHealth;

/**
 * Camera health as the capture loop sees it: frames per second (smoothed) and whether frames are
 * arriving. Written by the capture thread, read by the heartbeat; both sides are lock-free.
 */
public final class CameraMonitor {
  private static final double SMOOTHING = 0.1;

  private volatile CameraHealth health = CameraHealth.stopped("not started");
  private long lastFrameNanos;
  private double fps;

  /** The capture thread got a frame at {@code nanoTime}. */
  void frame(long nanoTime) {
    if (lastFrameNanos != 0) {
      double instant = 1e9 / Math.max(1, nanoTime - lastFrameNanos);
      fps = fps == 0 ? instant : fps + SMOOTHING * (instant - fps);
    }
    lastFrameNanos = nanoTime;
    health = new CameraHealth(fps, CameraHealth.State.OK, null);
  }

  void failed(String detail) {
    lastFrameNanos = 0;
    fps = 0;
    health = new CameraHealth(0, CameraHealth.State.FAILED, detail);
  }

  void stopped(String detail) {
    lastFrameNanos = 0;
    fps = 0;
    health = CameraHealth.stopped(detail);
  }

  public CameraHealth health() {
    return health;
  }
}
