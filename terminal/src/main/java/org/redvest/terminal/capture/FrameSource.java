package org.redvest.terminal.capture;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.redvest.profiles.Camera;

/**
 * Where frames come from. Not thread-safe: one frame loop owns a source and closes it.
 *
 * <p>A replay ends with an empty {@link #next()} (unless the camera loops); a live camera never
 * ends, it fails with a {@link CaptureException} instead.
 */
public interface FrameSource extends AutoCloseable {

  /**
   * The next frame, waiting for the camera if needed.
   *
   * @return the frame, or empty at the end of a replay
   * @throws CaptureException when the device or file fails
   */
  Optional<Frame> next();

  /** Releases the device or file; calling it again does nothing. */
  @Override
  void close();

  /**
   * Opens the source a camera profile names, live frames stamped with the system clock.
   *
   * @param baseDir what relative replay paths resolve against
   * @throws CaptureException when the source cannot be opened
   */
  static FrameSource open(Camera camera, Path baseDir) {
    return open(camera, baseDir, Clock.systemUTC());
  }

  /** As {@link #open(Camera, Path)}, with the clock that stamps live frames. */
  static FrameSource open(Camera camera, Path baseDir, Clock clock) {
    return switch (camera.source()) {
      case IMAGE_FOLDER -> ImageFolderFrameSource.open(camera, baseDir.resolve(camera.location()));
      case VIDEO_FILE -> JavaCvFrameSource.openVideoFile(camera, baseDir.resolve(camera.location()));
      case RTSP -> JavaCvFrameSource.openRtsp(camera, clock);
      case V4L2 -> JavaCvFrameSource.openV4l2(camera, clock);
    };
  }
}
