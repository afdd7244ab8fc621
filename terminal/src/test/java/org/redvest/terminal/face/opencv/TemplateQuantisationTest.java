package org.redvest.terminal.face.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redvest.hub.domain.credentials.QrImage;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.FaceTemplate;
import org.redvest.protocol.credential.Issuer;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.MatchPolicy;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.qr.QrScanner;
import org.redvest.testsupport.SharedData;

/**
 * What quantising the card's template costs (docs/credentials.md, "QR + face 1:1"): every photo
 * of shared/testdata/faces/people embedded once with the real models; for each pair the first
 * photo's template is quantised (as on the card) and compared with the second's float embedding
 * (as live at the kiosk). Also the size of the resulting credential and its QR code, rendered and
 * decoded again with ZXing. Tables on standard output.
 */
class TemplateQuantisationTest {
  static OpenCvFaceReader reader;
  static Map<String, List<Embedding>> embeddings;
  static final Map<String, AccuracyReport> REPORTS = new LinkedHashMap<>();

  @BeforeAll
  static void measure() {
    Map<String, List<Path>> photos = FacePhotos.byIdentity(SharedData.testdata("faces/people"));
    reader = FacePhotos.reader(QualityGate.NONE);
    embeddings = AccuracyReport.measure(reader, photos, MatchPolicy.of(reader.threshold())).embeddings;
    REPORTS.put("float32", pairs(UnaryOperator.identity()));
    REPORTS.put("int8", pairs(e -> quantised(e, 8)));
    REPORTS.put("int4", pairs(e -> quantised(e, 4)));
    System.out.println(accuracyTable(reader.threshold()));
    System.out.println(sizeTable());
  }

  @AfterAll
  static void close() {
    if (reader != null) {
      reader.close();
    }
  }

  @Test
  void int8_atFarOneInAThousand_acceptsAsManyGenuinePairsAsFloat() {
    assertThat(REPORTS.get("int8").tarAtFar(0.001)).isGreaterThanOrEqualTo(REPORTS.get("float32").tarAtFar(0.001) - 0.005);
  }

  @Test
  void int8_scoreShift_staysBelowOneHundredth() {
    assertThat(maxShift(8)).isLessThan(0.01);
  }

  @Test
  void cardCodes_renderedAtSixPixelsPerModule_decodeWithZxing() throws IOException {
    // At 4 px/module a version-20 (8-bit) card failed to decode in one CI run (the signature, and
    // so the symbol, differs per run): 6 px/module is what the card renderer must give it.
    for (int bits : new int[] {8, 4}) {
      String code = cardCode(bits);
      assertThat(decode(QrImage.of(code, 6).png())).as("%d-bit card", bits).isEqualTo(code);
    }
  }

  static Embedding quantised(Embedding e, int bits) {
    return Embedding.of(FaceTemplate.quantise(e.values(), bits).values());
  }

  /** Genuine and impostor scores with the first photo of each pair as a card template. */
  static AccuracyReport pairs(UnaryOperator<Embedding> card) {
    AccuracyReport r = new AccuracyReport();
    List<String> ids = new ArrayList<>(embeddings.keySet());
    for (int a = 0; a < ids.size(); a++) {
      List<Embedding> ea = embeddings.get(ids.get(a));
      for (int i = 0; i < ea.size(); i++) {
        Embedding template = card.apply(ea.get(i));
        for (int j = i + 1; j < ea.size(); j++) {
          r.genuine.add(template.similarity(ea.get(j)));
        }
        for (int b = a + 1; b < ids.size(); b++) {
          for (Embedding other : embeddings.get(ids.get(b))) {
            r.impostor.add(template.similarity(other));
          }
        }
      }
    }
    return r;
  }

  /** Largest |quantised score − float score| over every pair. */
  static double maxShift(int bits) {
    double max = 0;
    List<Embedding> all = embeddings.values().stream().flatMap(List::stream).toList();
    for (int i = 0; i < all.size(); i++) {
      Embedding q = quantised(all.get(i), bits);
      for (int j = i + 1; j < all.size(); j++) {
        max = Math.max(max, Math.abs(q.similarity(all.get(j)) - all.get(i).similarity(all.get(j))));
      }
    }
    return max;
  }

  static String accuracyTable(double threshold) {
    AccuracyReport f = REPORTS.get("float32");
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%d genuine / %d impostor pairs, %d-d embeddings%n", f.genuine.size(), f.impostor.size(),
        embeddings.values().iterator().next().get(0).size()));
    out.append("| card template | TAR at FAR 1% | TAR at FAR 0.1% | TAR / FAR at ").append(threshold)
        .append(" | genuine min / median | impostor median / max | largest score shift vs float |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    REPORTS.forEach((name, r) -> out.append(String.format(Locale.ROOT,
        "| %s | %.2f%% | %.2f%% | %.2f%% / %.2f%% | %.3f / %.3f | %.3f / %.3f | %s |%n", name,
        100 * r.tarAtFar(0.01), 100 * r.tarAtFar(0.001), 100 * r.tarAt(threshold), 100 * r.farAt(threshold),
        AccuracyReport.min(r.genuine), AccuracyReport.median(r.genuine), AccuracyReport.median(r.impostor),
        AccuracyReport.max(r.impostor),
        name.equals("float32") ? "–" : String.format(Locale.ROOT, "%.4f", maxShift(name.equals("int8") ? 8 : 4)))));
    return out.toString();
  }

  static String sizeTable() {
    StringBuilder out = new StringBuilder(
        "| card | credential bytes | Base45 characters | QR version / modules (EC M) | PNG px at 4 px/module | decodes |\n"
            + "|---|---:|---:|---:|---:|---|\n");
    for (int bits : new int[] {0, 8, 4}) {
      String code = cardCode(bits);
      QrImage image = QrImage.of(code, 4);
      int chars = code.length() - Issuer.PREFIX.length();
      int bytes = chars / 3 * 2 + (chars % 3 == 2 ? 1 : 0); // Base45: 2 bytes per 3 characters
      String decoded;
      try {
        decoded = code.equals(decode(image.png())) ? "yes" : "NO";
      } catch (IOException e) {
        decoded = "NO (" + e.getMessage() + ")";
      }
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d / %d×%d | %d | %s |%n",
          bits == 0 ? "no template" : bits + "-bit template", bytes, code.length(), image.version(),
          image.modules(), image.modules(), (image.modules() + 8) * 4, decoded));
    }
    return out.toString();
  }

  /** A hub-like credential (7-character key id, name 张三, every station) with a real template. */
  static String cardCode(int bits) {
    Credential c = Credential.of(VolunteerId.of("V-360781-000123"), "张三", Instant.parse("2026-11-01T00:00:00Z"),
        Instant.parse("2027-11-01T00:00:00Z"), "kt4mz2a", 123);
    if (bits > 0) {
      c = c.withFaceTemplate(FaceTemplate.quantise(embeddings.values().iterator().next().get(0).values(), bits));
    }
    return Issuer.of("kt4mz2a", Ed25519.generate().getPrivate()).issue(c);
  }

  static String decode(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    return new QrScanner().decode(image).orElse(null);
  }
}
