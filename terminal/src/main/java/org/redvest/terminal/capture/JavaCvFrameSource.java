package org.redvest.terminal.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.redvest.profiles.Camera;

/**
 * Frames from FFmpeg through JavaCV: a video file, an RTSP stream or a V4L2 camera.
 *
 * <p>Each grab is converted inside its own {@link PointerScope}, so the native images made along
 * the way are freed before {@link #next()} returns; only the grabber's own buffers live longer,
 * and {@link #close()} releases them.
 */
public final class JavaCvFrameSource implements FrameSource {
  private static final int RTSP_TIMEOUT_US = 5_000_000;

  private final FFmpegFrameGrabber grabber;
  private final String description;
  private final Orientation orientation;
  private final boolean replay;
  private final boolean loop;
  private final LongSupplier liveMicros;
  private long index;
  private long loopOffsetMicros;
  private long lastMediaMicros = -1;
  private long framePeriodMicros;
  private boolean closed;

  private JavaCvFrameSource(
      FFmpegFrameGrabber grabber, String description, Camera camera, LongSupplier liveMicros) {
    this.grabber = grabber;
    this.description = description;
    this.orientation = Orientation.of(camera);
    this.replay = camera.source().isReplay();
    this.loop = camera.loop() && replay;
    this.liveMicros = liveMicros;
  }

  /** A recorded video; frames are stamped with the video's own time line. */
  public static JavaCvFrameSource openVideoFile(Camera camera, Path file) {
    String description = "video file " + file;
    if (!Files.isRegularFile(file)) {
      throw new CaptureException(description + " cannot be opened: no such file");
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
    return start(grabber, description, camera, () -> 0L);
  }

  /** An IP camera over RTSP (TCP, with socket time-outs); frames are stamped with {@code clock}. */
  public static JavaCvFrameSource openRtsp(Camera camera, Clock clock) {
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(camera.location());
    grabber.setOption("rtsp_transport", "tcp");
    grabber.setOption("timeout", Integer.toString(RTSP_TIMEOUT_US));
    return start(grabber, "camera " + withoutPassword(camera.location()), camera, micros(clock));
  }

  /**
   * A local camera through video4linux2 at the requested size and rate; a bare number {@code N}
   * means {@code /dev/videoN}.
   */
  public static JavaCvFrameSource openV4l2(Camera camera, Clock clock) {
    String device = camera.location().matches("\\d+") ? "/dev/video" + camera.location() : camera.location();
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(device);
    grabber.setFormat("video4linux2");
    grabber.setImageWidth(camera.width());
    grabber.setImageHeight(camera.height());
    grabber.setFrameRate(camera.fps());
    return start(grabber, "camera " + device, camera, micros(clock));
  }

  private static JavaCvFrameSource start(
      FFmpegFrameGrabber grabber, String description, Camera camera, LongSupplier liveMicros) {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception e) {
      releaseQuietly(grabber);
      throw new CaptureException(description + " cannot be opened: " + e.getMessage(), e);
    }
    JavaCvFrameSource source = new JavaCvFrameSource(grabber, description, camera, liveMicros);
    double rate = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : camera.fps();
    source.framePeriodMicros = Math.round(1_000_000 / rate);
    return source;
  }

  @Override
  public Optional<Frame> next() {
    if (closed) {
      throw new CaptureException(description + " is closed");
    }
    Optional<Frame> frame = grab();
    if (frame.isEmpty() && loop && index > 0) {
      rewind();
      frame = grab();
    }
    if (frame.isEmpty() && !replay) {
      throw new CaptureException(description + " stopped sending frames");
    }
    return frame;
  }

  @SuppressWarnings("try") // the scope frees the native images without being named
  private Optional<Frame> grab() {
    try (PointerScope scope = new PointerScope();
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      org.bytedeco.javacv.Frame grabbed = grabber.grabImage();
      if (grabbed == null) {
        return Optional.empty();
      }
      Mat image = converter.convert(grabbed);
      long timestamp = replay ? mediaMicros(grabbed.timestamp) : liveMicros.getAsLong();
      return Optional.of(orientation.toFrame(image, timestamp, index++));
    } catch (FrameGrabber.Exception e) {
      throw new CaptureException(description + " failed: " + e.getMessage(), e);
    }
  }

  /** Media time, moved on by one play-through per loop so that it never goes backwards. */
  private long mediaMicros(long grabbedMicros) {
    long micros = loopOffsetMicros + grabbedMicros;
    lastMediaMicros = micros;
    return micros;
  }

  /** Seeking back after the end is unreliable in FFmpeg, so the file is opened again. */
  private void rewind() {
    try {
      grabber.restart();
    } catch (FrameGrabber.Exception e) {
      throw new CaptureException(description + " cannot be rewound: " + e.getMessage(), e);
    }
    loopOffsetMicros = lastMediaMicros + framePeriodMicros;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      grabber.close();
    } catch (FrameGrabber.Exception e) {
      throw new CaptureException(description + " cannot be closed: " + e.getMessage(), e);
    }
  }

  private static LongSupplier micros(Clock clock) {
    return () -> ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }

  /** RTSP URLs often carry the camera's password; keep it out of messages and logs. */
  static String withoutPassword(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1***@");
  }

  private static void releaseQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.release();
    } catch (FrameGrabber.Exception suppressed) {
      // The open failure is what the caller needs to see.
    }
  }
}
