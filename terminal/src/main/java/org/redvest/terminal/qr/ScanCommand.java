package org.redvest.terminal.qr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * {@code redvest-terminal scan FILE...}: prints each image file, a tab, and the QR text it holds
 * (backslash, newline, carriage return and tab escaped as {@code \\ \n \r \t}) or {@code -}.
 *
 * <p>{@code out} should encode UTF-8, since badges carry Chinese names.
 */
public final class ScanCommand {
  /** Every file could be read (whether or not it held a code). */
  public static final int OK = 0;
  /** No file was given, or some file could not be read as an image. */
  public static final int USAGE_OR_UNREADABLE = 2;

  private ScanCommand() {}

  /** Scans {@code files} in order; returns the exit code. */
  public static int run(List<String> files, PrintStream out, PrintStream err) {
    if (files.isEmpty()) {
      err.println("usage: redvest-terminal scan IMAGE...");
      return USAGE_OR_UNREADABLE;
    }
    QrScanner scanner = new QrScanner();
    int exitCode = OK;
    for (String file : files) {
      Optional<BufferedImage> image = read(file, err);
      if (image.isEmpty()) {
        exitCode = USAGE_OR_UNREADABLE;
      }
      String text = image.flatMap(scanner::decode).map(ScanCommand::escaped).orElse("-");
      out.println(file + "\t" + text);
    }
    out.flush();
    return exitCode;
  }

  /** The text on one line: backslash, newline, carriage return and tab escaped. */
  static String escaped(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static Optional<BufferedImage> read(String file, PrintStream err) {
    try {
      BufferedImage image = ImageIO.read(Path.of(file).toFile());
      if (image == null) {
        err.println(file + ": not an image this build can read (PNG, JPEG, BMP, GIF)");
      }
      return Optional.ofNullable(image);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      err.println(file + ": cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }
}
