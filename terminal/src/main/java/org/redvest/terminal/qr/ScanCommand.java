package org.redvest.terminal.qr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code redvest-terminal scan FILE...}: prints each image file, a tab, and the QR text it holds
 * (backslash, newline, carriage return and tab escaped as {@code \\ \n \r \t}) or {@code -}.
 *
 * <p>{@code out} should encode UTF-8, since badges carry Chinese names.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    versionProvider = org.redvest.terminal.cli.Commands.Version.class,
    description = {"Prints the QR code text of badge images.", "Prints each image file, a tab, and the text of the QR code it holds (backslash,"
        + " newline, carriage return and tab escaped), or - for none. For installers checking a"
        + " camera's focus and printed badges."},
    exitCodeListHeading = "%nExit codes%n",
    exitCodeList = {"0:every file could be read, whether or not it held a code",
        "2:some file is not an image this build can read"})
public final class ScanCommand implements Callable<Integer> {
  /** Every file could be read (whether or not it held a code). */
  public static final int OK = 0;
  /** No file was given, or some file could not be read as an image. */
  public static final int USAGE_OR_UNREADABLE = 2;

  private final PrintStream out;
  private final PrintStream err;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG, JPEG, BMP or GIF files.")
  private List<String> files;

  private ScanCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The {@code scan} command, writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    return new CommandLine(new ScanCommand(out, err));
  }

  @Override
  public Integer call() {
    return run(files, out, err);
  }

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
