package org.redvest.hub.domain.certificates;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The Chinese font a certificate is set in: a TrueType file or collection, embedded as a subset
 * (only the glyphs used, a few hundred KiB instead of the 17 MiB collection). CFF-based OpenType
 * fonts such as Noto Sans CJK cannot be embedded by PDFBox and are not searched.
 */
final class CertificateFont {
  /** Where Debian and most Linux distributions put TrueType fonts with Chinese glyphs. */
  static final List<Path> CANDIDATES = List.of(
      Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
      Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
      Path.of("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
      Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
      Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

  private final Path file;

  private CertificateFont(Path file) {
    this.file = file;
  }

  /**
   * The configured font, else the first of {@link #CANDIDATES} that exists.
   *
   * @throws CertificateException naming the setting and the Debian package when there is none
   */
  static CertificateFont locate(Path configured) {
    if (configured != null) {
      if (!Files.isReadable(configured)) {
        throw new CertificateException(CertificateSettings.FONT_ENV + " names " + configured
            + ", which is not a readable file");
      }
      return new CertificateFont(configured);
    }
    Optional<Path> found = CANDIDATES.stream().filter(Files::isReadable).findFirst();
    return found.map(CertificateFont::new).orElseThrow(() -> new CertificateException(
        "no Chinese font for certificates: install Debian's fonts-wqy-zenhei "
            + "(apt-get install fonts-wqy-zenhei) or set " + CertificateSettings.FONT_ENV
            + " to a TrueType font file (.ttf or .ttc) with Chinese glyphs"));
  }

  Path file() {
    return file;
  }

  /** The font loaded into {@code document}; close the handle after the document is saved. */
  Loaded load(PDDocument document) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
      TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
      TrueTypeFont[] first = new TrueTypeFont[1];
      collection.processAllFonts(font -> {
        if (first[0] == null) {
          first[0] = font;
        }
      });
      if (first[0] == null) {
        collection.close();
        throw new CertificateException(file + " holds no font");
      }
      if (first[0] instanceof OpenTypeFont otf && otf.isPostScript()) {
        collection.close();
        throw new CertificateException(file + " has CFF (PostScript) outlines, which PDFBox cannot embed;"
            + " point " + CertificateSettings.FONT_ENV + " at a TrueType font such as Debian's fonts-wqy-zenhei");
      }
      return new Loaded(PDType0Font.load(document, first[0], true), collection);
    }
    return new Loaded(PDType0Font.load(document, file.toFile()), null);
  }

  /** A font in a document, and the collection file it reads glyphs from until the save. */
  record Loaded(PDType0Font font, Closeable source) implements Closeable {
    @Override
    public void close() throws IOException {
      if (source != null) {
        source.close();
      }
    }
  }
}
