package org.redvest.terminal.qr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.redvest.testsupport.SharedData;

/**
 * ZXing's blackbox QR photos in the shared test data: {@code qrcode-N/K.png} beside the exact
 * text it holds in {@code K.txt} (UTF-8, not trimmed).
 */
public final class Blackbox {
  /** The folders, with the count plain ZXing 3.5.3 reads (QRCodeBlackBoxNTestCase, rotation 0). */
  public static final List<Folder> FOLDERS = List.of(
      new Folder("qrcode-1", 17), new Folder("qrcode-2", 32), new Folder("qrcode-3", 38),
      new Folder("qrcode-4", 36), new Folder("qrcode-5", 19), new Folder("qrcode-6", 15));

  private Blackbox() {}

  /** One folder and the number of its images plain ZXing reads. */
  public record Folder(String name, int plainZxing) {
    public List<Case> cases() {
      Path dir = SharedData.testdata("qr-blackbox/" + name);
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(p -> p.getFileName().toString().endsWith(".png"))
            .sorted()
            .map(Case::of)
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One photo and its expected text. */
  public record Case(Path image, String expected) {
    static Case of(Path image) {
      String txt = image.getFileName().toString().replaceFirst("\\.png$", ".txt");
      try {
        return new Case(image, Files.readString(image.resolveSibling(txt), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String name() {
      return image.getParent().getFileName() + "/" + image.getFileName();
    }
  }
}
