package org.redvest.terminal.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.testsupport.SharedData;

class ScanCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_blackboxImages_printsOneEscapedLineEach() {
    String crlf = SharedData.testdata("qr-blackbox/qrcode-3/18.png").toString();
    String japanese = SharedData.testdata("qr-blackbox/qrcode-2/10.png").toString();
    String backslash = SharedData.testdata("qr-blackbox/qrcode-1/1.png").toString();

    int exitCode = run(List.of(crlf, japanese, backslash));

    assertThat(exitCode).isZero();
    assertThat(out()).isEqualTo(
        crlf + "\tUI office hours signup\\r\\nhttp://www.corp.google.com/sparrow/ui_office_hours/ \\r\\n\n"
            + japanese + "\tGoogle モバイル\\r\\nhttp://google.jp\n"
            + backslash + "\tMEBKM:URL:http\\\\://en.wikipedia.org/wiki/Main_Page;;\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void run_imageWithoutCode_printsDashAndSucceeds(@TempDir Path dir) throws IOException {
    Path blank = dir.resolve("blank.png");
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());

    assertThat(run(List.of(blank.toString()))).isZero();
    assertThat(out()).isEqualTo(blank + "\t-\n");
  }

  @Test
  void run_missingAndNonImageFiles_printsDashExplainsAndReturns2(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    String missing = dir.resolve("missing.png").toString();
    String good = SharedData.testdata("qr-blackbox/qrcode-6/2.png").toString();

    int exitCode = run(List.of(missing, text.toString(), good));

    assertThat(exitCode).isEqualTo(2);
    assertThat(out()).startsWith(missing + "\t-\n" + text + "\t-\n" + good + "\t");
    assertThat(out()).doesNotEndWith("\t-\n");
    assertThat(err()).contains(missing + ": cannot be read").contains(text + ": not an image");
  }

  @Test
  void run_noFiles_printsUsageAndReturns2() {
    assertThat(run(List.of())).isEqualTo(2);
    assertThat(err()).startsWith("usage: ");
    assertThat(out()).isEmpty();
  }

  @Test
  void escaped_controlCharactersAndBackslash_becomeTwoCharacterEscapes() {
    assertThat(ScanCommand.escaped("a\tb\\c\r\nd")).isEqualTo("a\\tb\\\\c\\r\\nd");
  }

  private int run(List<String> files) {
    return ScanCommand.run(files, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
