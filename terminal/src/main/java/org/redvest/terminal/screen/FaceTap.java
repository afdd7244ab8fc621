package org.redvest.terminal.screen;

import java.util.Optional;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.face.FaceBox;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.FaceReader;

/**
 * The kiosk's face reader, shared: the frame loop reads through it as before, the screen
 * outlines the last face it found, and the manager's enrolment reads frames through the same
 * models (reads are serialised, so the native reader is never used by two threads at once).
 */
public final class FaceTap implements FaceReader {
  private final FaceReader reader;
  private volatile FaceBox lastBox;

  public FaceTap(FaceReader reader) {
    this.reader = reader;
  }

  @Override
  public synchronized Optional<FaceObservation> read(Frame frame) {
    Optional<FaceObservation> seen = reader.read(frame);
    lastBox = seen.map(FaceObservation::box).orElse(null);
    return seen;
  }

  /** The face found in the last frame read, if any. */
  public Optional<FaceBox> lastBox() {
    return Optional.ofNullable(lastBox);
  }

  @Override
  public int dimensions() {
    return reader.dimensions();
  }

  @Override
  public double threshold() {
    return reader.threshold();
  }

  @Override
  public boolean degraded() {
    return reader.degraded();
  }

  @Override
  public void close() {
    reader.close();
  }
}
