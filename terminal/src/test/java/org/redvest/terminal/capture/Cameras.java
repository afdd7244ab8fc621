package org.redvest.terminal.capture;

import java.nio.file.Path;
import org.redvest.profiles.Camera;

/** Camera profiles for replay tests. */
final class Cameras {
  private Cameras() {}

  static Camera video(Path file) {
    return replay(Camera.Source.VIDEO_FILE, file, 30, 0, false, false);
  }

  static Camera video(Path file, int rotation, boolean mirror) {
    return replay(Camera.Source.VIDEO_FILE, file, 30, rotation, mirror, false);
  }

  static Camera loopingVideo(Path file, int rotation, boolean mirror) {
    return replay(Camera.Source.VIDEO_FILE, file, 30, rotation, mirror, true);
  }

  static Camera imageFolder(Path folder, double fps) {
    return replay(Camera.Source.IMAGE_FOLDER, folder, fps, 0, false, false);
  }

  private static Camera replay(
      Camera.Source source, Path location, double fps, int rotation, boolean mirror, boolean loop) {
    return new Camera(
        source, location.toString(), 640, 480, fps, rotation, mirror, Camera.Clock.MEDIA, 60, loop);
  }
}
