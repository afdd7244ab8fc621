package org.redvest.terminal.kiosk;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.redvest.terminal.capture.CaptureException;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.capture.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the frame source: reads frames on the calling thread and hands each to the {@link Kiosk}.
 * A live camera that fails is reported on the screen and in the heartbeat and reopened after a
 * pause; a replay ends when its file does. Replays can be paced like the original recording or
 * run as fast as the machine allows (the station clock comes from the media either way).
 */
public final class FrameLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrameLoop.class);

  /** Replay pacing. */
  public enum Pace {
    /** One frame per frame interval of the recording, as a camera would deliver them. */
    REALTIME,
    /** As fast as decoding allows: tests and benchmarks. */
    FAST
  }

  private final Supplier<FrameSource> opener;
  private final boolean replay;
  private final Pace pace;
  private final Duration reopenAfter;
  private final Kiosk kiosk;
  private final Screen screen;
  private final CameraMonitor monitor;
  private final CountDownLatch closeRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private long frames;

  public FrameLoop(Supplier<FrameSource> opener, boolean replay, Pace pace, Duration reopenAfter,
      Kiosk kiosk, Screen screen, CameraMonitor monitor) {
    this.opener = opener;
    this.replay = replay;
    this.pace = pace;
    this.reopenAfter = reopenAfter;
    this.kiosk = kiosk;
    this.screen = screen;
    this.monitor = monitor;
  }

  /**
   * Runs until a replay ends or {@link #close()} is called.
   *
   * @return frames processed
   * @throws CaptureException when a replay cannot be read (a live camera is retried instead)
   */
  public long run() {
    try {
      while (!stopping) {
        try (FrameSource source = opener.get()) {
          if (monitor.health().state() != org.redvest.terminal.mqtt.CameraHealth.State.STOPPED) {
            screen.camera(null);
          }
          readUntilEnd(source);
          if (replay) {
            monitor.stopped("replay finished");
            return frames;
          }
        } catch (CaptureException e) {
          if (replay) {
            monitor.failed(e.getMessage());
            throw e;
          }
          monitor.failed(e.getMessage());
          screen.camera(e.getMessage());
          LOG.warn("camera failed, reopening in {} s: {}", reopenAfter.toSeconds(), e.getMessage());
          pause(reopenAfter);
        }
      }
      return frames;
    } finally {
      finished.countDown();
    }
  }

  private void readUntilEnd(FrameSource source) {
    long startNanos = System.nanoTime();
    long firstMicros = -1;
    Optional<Frame> next;
    while (!stopping && (next = source.next()).isPresent()) {
      Frame frame = next.get();
      if (replay && pace == Pace.REALTIME) {
        firstMicros = firstMicros < 0 ? frame.timestampMicros() : firstMicros;
        long dueNanos = startNanos + (frame.timestampMicros() - firstMicros) * 1_000;
        pauseNanos(dueNanos - System.nanoTime());
      }
      monitor.frame(System.nanoTime());
      frames++;
      screen.preview(frame);
      kiosk.onFrame(frame);
    }
  }

  private void pause(Duration duration) {
    pauseNanos(duration.toNanos());
  }

  /** Waits, returning early when the loop is closed. */
  private void pauseNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      if (closeRequested.await(nanos, TimeUnit.NANOSECONDS)) {
        stopping = true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Waits up to {@code timeout} for {@link #run()} to return; true if it has. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Asks the loop to stop after the current frame; idempotent and does not wait. */
  @Override
  public void close() {
    stopping = true;
    closeRequested.countDown();
  }
}
