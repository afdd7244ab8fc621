package org.redvest.profiles;

import java.util.Optional;

/**
 * Where frames come from and how to orient them.
 *
 * @param source the kind of source
 * @param location device path or index (V4L2), URL (RTSP), file or folder (replay)
 * @param width requested capture width in pixels
 * @param height requested capture height in pixels
 * @param fps requested frames per second (for image folders: the replay rate)
 * @param rotation clockwise rotation applied to every frame: 0, 90, 180 or 270
 * @param mirror whether to flip frames horizontally (front-facing kiosk cameras)
 * @param clock whose time stamps check-ins: the wall clock, or the media's own time line
 * @param replaySpeed for {@link Clock#MEDIA}: station seconds per media second (60 makes one second
 *     of video one minute at the station)
 * @param loop for replays: start again at the end instead of stopping
 */
public record Camera(
    Source source,
    String location,
    int width,
    int height,
    double fps,
    int rotation,
    boolean mirror,
    Clock clock,
    double replaySpeed,
    boolean loop) {

  /** Kinds of frame source, with their YAML names. */
  public enum Source {
    V4L2("v4l2"),
    RTSP("rtsp"),
    VIDEO_FILE("video-file"),
    IMAGE_FOLDER("image-folder");

    private final String yamlName;

    Source(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }

    /** Whether the source is a recording rather than a live camera. */
    public boolean isReplay() {
      return this == VIDEO_FILE || this == IMAGE_FOLDER;
    }

    static Optional<Source> fromYaml(String name) {
      for (Source s : values()) {
        if (s.yamlName.equals(name)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /** Which clock stamps events. */
  public enum Clock {
    WALL,
    MEDIA
  }

  /** The same camera reading from another location (e.g. a demo video chosen on the command line). */
  public Camera withLocation(String newLocation) {
    return new Camera(source, newLocation, width, height, fps, rotation, mirror, clock, replaySpeed, loop);
  }
}
