package org.redvest.terminal.demo;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.redvest.protocol.VolunteerBadge;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.demo.DemoScript.Appearance;

/**
 * Renders a {@link DemoScript} into an H.264 MP4 (640x480, 10 fps, OpenH264, a key frame every
 * second so that each appearance starts on a clean frame) and the badges into PNGs.
 *
 * <p>Usage: {@code DemoVideo.main("demo")} writes {@code demo/badges.mp4}, where the {@code
 * replay-video} profile looks, and {@code demo/badge-<volunteerId>.png}.
 */
public final class DemoVideo {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 480;
  public static final int FPS = 10;
  /** In the bytedeco FFmpeg build (LGPL): libopenh264 and mpeg4, not libx264. */
  public static final String CODEC = "libopenh264";
  public static final String VIDEO_FILE = "badges.mp4";

  private static final int MODULE_PX = 8;
  private static final int QUIET_ZONE_MODULES = 4;
  private static final int VIDEO_BITRATE = 2_000_000;
  private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.BOLD, 22);

  private DemoVideo() {}

  /** Writes the demo video and the badges into {@code args[0]} (default {@code demo}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "demo");
    DemoScript script = DemoScript.defaultScript();
    write(script, dir.resolve(VIDEO_FILE));
    writeBadges(script, dir);
    System.out.println("wrote " + dir.resolve(VIDEO_FILE) + " (" + script.lengthSeconds() + " s) and badges;"
        + " expected minutes: " + script.expectedMinutes());
  }

  /** Renders the script into an MP4 of {@code script.lengthSeconds() * FPS} frames. */
  public static void write(DemoScript script, Path mp4) throws IOException {
    Files.createDirectories(mp4.toAbsolutePath().getParent());
    BufferedImage background = background();
    Map<VolunteerId, BufferedImage> codes = codes(script);
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    try (FFmpegFrameRecorder recorder = recorder(mp4);
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      recorder.start();
      BufferedImage picture = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
      for (int index = 0; index < script.lengthSeconds() * FPS; index++) {
        draw(picture, background, script, codes, index);
        recorder.record(converter.convert(picture));
      }
      recorder.stop();
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot write demo video " + mp4 + ": " + e.getMessage(), e);
    }
  }

  /** Writes one printable badge per volunteer, {@code badge-<volunteerId>.png}; returns the files. */
  public static List<Path> writeBadges(DemoScript script, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    Map<VolunteerId, VolunteerBadge> badges = new LinkedHashMap<>();
    script.appearances().forEach(a -> badges.putIfAbsent(a.badge().volunteerId(), a.badge()));
    for (VolunteerBadge badge : badges.values()) {
      Path file = dir.resolve("badge-" + badge.volunteerId() + ".png");
      ImageIO.write(printable(badge), "png", file.toFile());
      files.add(file);
    }
    return files;
  }

  /** The badge's QR code, black on white with the standard quiet zone, {@code modulePx} per module. */
  public static BufferedImage qrCode(VolunteerBadge badge, int modulePx) {
    BitMatrix matrix;
    try {
      // UTF-8 with an ECI segment, so that any reader gets the Chinese name right.
      matrix = new QRCodeWriter().encode(badge.encode(), com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.CHARACTER_SET, "UTF-8",
              EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
              EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
    } catch (WriterException e) {
      throw new IllegalArgumentException("badge " + badge.volunteerId() + " does not fit a QR code", e);
    }
    int size = matrix.getWidth() * modulePx;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.BLACK);
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y)) {
          g.fillRect(x * modulePx, y * modulePx, modulePx, modulePx);
        }
      }
    }
    g.dispose();
    return image;
  }

  private static FFmpegFrameRecorder recorder(Path mp4) {
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(mp4.toFile(), WIDTH, HEIGHT, 0);
    recorder.setFormat("mp4");
    recorder.setVideoCodecName(CODEC);
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(FPS);
    recorder.setGopSize(FPS);
    recorder.setVideoBitrate(VIDEO_BITRATE);
    return recorder;
  }

  private static void draw(BufferedImage picture, BufferedImage background, DemoScript script,
      Map<VolunteerId, BufferedImage> codes, long index) {
    Graphics2D g = picture.createGraphics();
    g.drawImage(background, 0, 0, null);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(CAPTION);
    g.setColor(Color.DARK_GRAY);
    g.drawString("RedVest demo  station minute " + stationMinute(index) + " of the replay", 20, 34);
    script.shownIn(index, FPS).ifPresent(a -> {
      BufferedImage code = codes.get(a.badge().volunteerId());
      g.drawImage(code, (WIDTH - code.getWidth()) / 2, (HEIGHT - code.getHeight()) / 2 - 10, null);
      g.setColor(Color.BLACK);
      g.drawString(caption(a, script.isCheckIn(a)), 20, HEIGHT - 24);
    });
    g.dispose();
  }

  /** Station clock at speed 60 from 09:00: one second of video is one minute. */
  /**
   * Station minutes since the replay started: the clock time depends on {@code --replay-start},
   * which the video cannot know, so the overlay counts minutes instead of showing a time.
   */
  private static long stationMinute(long index) {
    return Math.round(index / (double) FPS * DemoScript.REPLAY_SPEED / 60);
  }

  private static String caption(Appearance a, boolean checkIn) {
    return label(a.badge()) + (checkIn ? " checks in" : " checks out");
  }

  /** Name and id, or the id alone where no installed font has the name's glyphs (often CJK). */
  private static String label(VolunteerBadge badge) {
    String name = badge.greeting();
    boolean drawable = CAPTION.canDisplayUpTo(name) < 0;
    return drawable && badge.displayName() != null ? name + "  " + badge.volunteerId() : badge.volunteerId().value();
  }

  private static Map<VolunteerId, BufferedImage> codes(DemoScript script) {
    Map<VolunteerId, BufferedImage> codes = new LinkedHashMap<>();
    script.appearances().forEach(a -> codes.computeIfAbsent(a.badge().volunteerId(), id -> qrCode(a.badge(), MODULE_PX)));
    return codes;
  }

  /** Light gray with fixed, mild noise: real enough for the binarizer, same in every run. */
  private static BufferedImage background() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Random random = new Random(42);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int v = 190 + (x + y) / 40 + random.nextInt(24) - 12;
        image.setRGB(x, y, new Color(v, v, Math.min(255, v + 8)).getRGB());
      }
    }
    return image;
  }

  private static BufferedImage printable(VolunteerBadge badge) {
    BufferedImage code = qrCode(badge, 12);
    BufferedImage image = new BufferedImage(code.getWidth(), code.getHeight() + 60, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.drawImage(code, 0, 0, null);
    g.setColor(Color.BLACK);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(CAPTION);
    g.drawString(label(badge), 12 * QUIET_ZONE_MODULES, code.getHeight() + 30);
    g.dispose();
    return image;
  }
}
