package org.redvest.terminal.face;

import java.util.Optional;
import org.redvest.terminal.capture.Frame;

/** Finds, judges and embeds the main face in a frame; the kiosk's port to the face models. */
public interface FaceReader extends AutoCloseable {

  /** The largest face in {@code frame}, or empty when there is none. */
  Optional<FaceObservation> read(Frame frame);

  /** Length of the templates this reader makes. */
  int dimensions();

  /** The recogniser's same-person threshold. */
  double threshold();

  /** True when detection runs on the fallback cascade (no landmarks: degraded accuracy). */
  boolean degraded();

  @Override
  void close();
}
