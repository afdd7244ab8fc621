package org.redvest.terminal.capture;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.redvest.profiles.Camera;

/**
 * A folder of still images (PNG or JPEG) replayed in file-name order at the camera's fps: image
 * {@code i} is stamped {@code i / fps} seconds.
 */
public final class ImageFolderFrameSource implements FrameSource {
  private final Path folder;
  private final List<Path> images;
  private final Orientation orientation;
  private final double fps;
  private final boolean loop;
  private long index;
  private boolean closed;

  private ImageFolderFrameSource(Path folder, List<Path> images, Camera camera) {
    this.folder = folder;
    this.images = images;
    this.orientation = Orientation.of(camera);
    this.fps = camera.fps();
    this.loop = camera.loop();
  }

  /**
   * Lists the images in {@code folder}.
   *
   * @throws CaptureException when the folder cannot be read or holds no image
   */
  public static ImageFolderFrameSource open(Camera camera, Path folder) {
    if (!(camera.fps() > 0)) {
      throw new CaptureException("image folder " + folder + ": camera.fps must be positive, was " + camera.fps());
    }
    if (!Files.isDirectory(folder)) {
      throw new CaptureException("image folder " + folder + " cannot be opened: no such folder");
    }
    List<Path> images;
    try (Stream<Path> files = Files.list(folder)) {
      images = files.filter(ImageFolderFrameSource::isImage).sorted().toList();
    } catch (IOException e) {
      throw new CaptureException("image folder " + folder + " cannot be read: " + e.getMessage(), e);
    }
    if (images.isEmpty()) {
      throw new CaptureException("image folder " + folder + " holds no .png or .jpg images");
    }
    return new ImageFolderFrameSource(folder, images, camera);
  }

  /** The images this source replays, in order. */
  public List<Path> images() {
    return images;
  }

  @Override
  @SuppressWarnings("try") // the scope frees the native images without being named
  public Optional<Frame> next() {
    if (closed) {
      throw new CaptureException("image folder " + folder + " is closed");
    }
    if (index >= images.size() && !loop) {
      return Optional.empty();
    }
    Path image = images.get((int) (index % images.size()));
    try (PointerScope scope = new PointerScope()) {
      Mat mat = imread(image.toString(), IMREAD_COLOR);
      if (mat.empty()) {
        throw new CaptureException("image " + image + " cannot be read");
      }
      long timestamp = Math.round(index * 1_000_000 / fps);
      return Optional.of(orientation.toFrame(mat, timestamp, index++));
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file)
        && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
  }
}
