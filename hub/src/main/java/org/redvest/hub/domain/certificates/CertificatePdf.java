package org.redvest.hub.domain.certificates;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.redvest.hub.domain.exports.Hours;

/**
 * The certificate as a one-page A4 PDF in Chinese, with the four blocks the national guidance on
 * volunteer service records asks for (identity; hours and content; issuer; number and date) and a
 * QR code of the verification address drawn as vector squares, so it stays sharp when printed.
 */
final class CertificatePdf {
  static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
  /** Rows of the service-content table; more are folded into one "其他" row. */
  static final int MAX_LINES = 6;
  private static final float LEFT = 72;
  private static final float RIGHT = PDRectangle.A4.getWidth() - 72;
  private static final float QR_SIZE = 92;
  private static final Color RED = new Color(0x9b, 0x1c, 0x1c);
  private static final Color INK = new Color(0x1d, 0x23, 0x2b);
  private static final Color GREY = new Color(0x6b, 0x72, 0x80);
  private static final Color RULE = new Color(0xd8, 0xc4, 0xc4);

  private final PDPageContentStream cs;
  private final PDType0Font font;
  private final java.util.Map<Integer, Boolean> hasGlyph = new java.util.HashMap<>();
  private float y;

  private CertificatePdf(PDPageContentStream cs, PDType0Font font) {
    this.cs = cs;
    this.font = font;
  }

  /** The PDF bytes of {@code record} numbered {@code number}, issued on {@code issuedOn}. */
  static byte[] render(ServiceRecord record, CertificateNumber number, LocalDate issuedOn, String verifyUrl,
      CertificateFont font) throws IOException {
    try (PDDocument document = new PDDocument(); CertificateFont.Loaded loaded = font.load(document)) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("志愿服务记录证明 " + number);
      info.setSubject(verifyUrl);
      info.setCreator("RedVest hub");
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
        new CertificatePdf(cs, loaded.font()).draw(record, number, issuedOn, verifyUrl);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  private void draw(ServiceRecord r, CertificateNumber number, LocalDate issuedOn, String verifyUrl)
      throws IOException {
    border();
    text(RIGHT - width("证明编号：" + number, 9.5f), 782, 9.5f, GREY, "证明编号：" + number);
    centered(738, 28, RED, "志愿服务记录证明");
    centered(716, 10, GREY, "Volunteer Service Record Certificate");
    rule(702);
    y = 676;
    paragraph("兹证明 " + r.volunteer().name() + " 同志于 " + CN_DATE.format(r.from()) + " 至 "
        + CN_DATE.format(r.to()) + " 期间参加志愿服务，经 RedVest 志愿服务时长平台记录，累计服务时长 "
        + Hours.text(r.totalMinutes()) + " 小时。特此证明。", 12.5f, 21);

    heading("一、志愿者身份信息");
    pair("姓　　名", r.volunteer().name(), "志愿者编号", r.volunteer().id().value());
    field("身份证件号码", orDash(r.volunteer().idNumberMasked()));

    heading("二、服务时长与服务内容");
    field("服务期间", CN_DATE.format(r.from()) + " 至 " + CN_DATE.format(r.to()));
    field("累计服务时长", Hours.text(r.totalMinutes()) + " 小时（" + r.totalMinutes() + " 分钟）");
    table(r.lines());

    heading("三、出具单位");
    field("出具单位", r.issuer().name());
    pair("负  责  人", orDash(r.issuer().personInCharge()), "经  办  人", orDash(r.issuer().handler()));
    field("联系方式", orDash(r.issuer().contact()));

    heading("四、证明编号与出具日期");
    pair("证明编号", number.toString(), "出具日期", CN_DATE.format(issuedOn));

    y -= 18;
    String seal = r.issuer().name() + "（盖章）";
    text(RIGHT - width(seal, 12), y, 12, INK, seal);
    text(RIGHT - width(CN_DATE.format(issuedOn), 12), y - 20, 12, INK, CN_DATE.format(issuedOn));
    verification(verifyUrl);
  }

  private void border() throws IOException {
    PDRectangle a4 = PDRectangle.A4;
    cs.setStrokingColor(RED);
    cs.setLineWidth(2.2f);
    cs.addRect(26, 26, a4.getWidth() - 52, a4.getHeight() - 52);
    cs.stroke();
    cs.setLineWidth(0.6f);
    cs.addRect(32, 32, a4.getWidth() - 64, a4.getHeight() - 64);
    cs.stroke();
  }

  private void heading(String title) throws IOException {
    y -= 16;
    cs.setNonStrokingColor(RED);
    cs.addRect(LEFT, y - 3, 3.5f, 15);
    cs.fill();
    text(LEFT + 10, y, 13.5f, RED, title);
    y -= 24;
  }

  private void field(String label, String value) throws IOException {
    text(LEFT + 10, y, 11.5f, GREY, label + "：");
    float x = LEFT + 10 + width(label + "：", 11.5f) + 4;
    for (String line : wrap(value, 11.5f, RIGHT - x)) {
      text(x, y, 11.5f, INK, line);
      y -= 20;
    }
  }

  private void pair(String label, String value, String label2, String value2) throws IOException {
    float half = (LEFT + RIGHT) / 2 + 10;
    text(LEFT + 10, y, 11.5f, GREY, label + "：");
    text(LEFT + 10 + width(label + "：", 11.5f) + 4, y, 11.5f, INK, value);
    text(half, y, 11.5f, GREY, label2 + "：");
    text(half + width(label2 + "：", 11.5f) + 4, y, 11.5f, INK, value2);
    y -= 20;
  }

  private void table(List<ServiceRecord.Line> all) throws IOException {
    List<ServiceRecord.Line> lines = fold(all);
    float x0 = LEFT + 10;
    float stationX = x0 + 232;
    float hoursRight = RIGHT - 8;
    y -= 2;
    cs.setNonStrokingColor(new Color(0xf6, 0xee, 0xee));
    cs.addRect(x0, y - 6, RIGHT - x0, 20);
    cs.fill();
    text(x0 + 6, y, 10.5f, RED, "服务内容 / 活动");
    text(stationX, y, 10.5f, RED, "服务站点");
    text(hoursRight - width("时长（小时）", 10.5f), y, 10.5f, RED, "时长（小时）");
    y -= 20;
    for (ServiceRecord.Line line : lines) {
      text(x0 + 6, y, 10.5f, INK, clip(line.content(), 10.5f, stationX - x0 - 14));
      text(stationX, y, 10.5f, INK, clip(line.station(), 10.5f, hoursRight - stationX - 60));
      String hours = Hours.text(line.minutes());
      text(hoursRight - width(hours, 10.5f), y, 10.5f, INK, hours);
      cs.setStrokingColor(RULE);
      cs.setLineWidth(0.5f);
      cs.moveTo(x0, y - 6);
      cs.lineTo(RIGHT, y - 6);
      cs.stroke();
      y -= 18;
    }
  }

  /** At most {@link #MAX_LINES} rows: the rest are summed into "其他服务". */
  static List<ServiceRecord.Line> fold(List<ServiceRecord.Line> lines) {
    if (lines.size() <= MAX_LINES) {
      return lines;
    }
    List<ServiceRecord.Line> folded = new ArrayList<>(lines.subList(0, MAX_LINES - 1));
    List<ServiceRecord.Line> rest = lines.subList(MAX_LINES - 1, lines.size());
    folded.add(new ServiceRecord.Line("其他服务（" + rest.size() + " 项）", "—",
        rest.stream().mapToLong(ServiceRecord.Line::minutes).sum()));
    return folded;
  }

  private void verification(String url) throws IOException {
    float qrX = LEFT;
    float qrY = 58;
    qr(url, qrX, qrY, QR_SIZE);
    float x = qrX + QR_SIZE + 16;
    float ty = qrY + QR_SIZE - 14;
    text(x, ty, 11, INK, "扫码核验 · Scan to verify");
    ty -= 18;
    for (String line : wrap("扫描左侧二维码或访问下列网址，可查验本证明的真伪与撤销状态：", 9.5f, RIGHT - x)) {
      text(x, ty, 9.5f, GREY, line);
      ty -= 14;
    }
    for (String line : wrap(url, 9.5f, RIGHT - x)) {
      text(x, ty, 9.5f, RED, line);
      ty -= 14;
    }
    text(x, ty - 2, 8.5f, GREY, "时长依据志愿服务站点的签到、签退记录计算。");
  }

  /** The QR code of {@code text} as filled squares, {@code size} points wide, no quiet zone drawn. */
  private void qr(String text, float x, float yBottom, float size) throws IOException {
    ByteMatrix matrix;
    try {
      matrix = Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
    } catch (WriterException e) {
      throw new CertificateException("the verification address does not fit a QR code: " + text);
    }
    float module = size / matrix.getWidth();
    cs.setNonStrokingColor(Color.BLACK);
    for (int row = 0; row < matrix.getHeight(); row++) {
      for (int col = 0; col < matrix.getWidth(); col++) {
        if (matrix.get(col, row) == 1) {
          cs.addRect(x + col * module, yBottom + size - (row + 1) * module, module, module);
        }
      }
    }
    cs.fill();
  }

  private void paragraph(String text, float size, float leading) throws IOException {
    for (String line : wrap(text, size, RIGHT - LEFT - 20)) {
      text(LEFT + 10, y, size, INK, line);
      y -= leading;
    }
    y -= 4;
  }

  private void rule(float at) throws IOException {
    cs.setStrokingColor(RULE);
    cs.setLineWidth(0.8f);
    cs.moveTo(LEFT, at);
    cs.lineTo(RIGHT, at);
    cs.stroke();
  }

  private void centered(float at, float size, Color color, String s) throws IOException {
    float w = width(s, size);
    text((PDRectangle.A4.getWidth() - w) / 2, at, size, color, s);
  }

  private void text(float x, float at, float size, Color color, String s) throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.setNonStrokingColor(color);
    cs.newLineAtOffset(x, at);
    cs.showText(printable(s));
    cs.endText();
  }

  private float width(String s, float size) throws IOException {
    return font.getStringWidth(printable(s)) / 1000 * size;
  }

  /** Punctuation that never starts a line; it hangs at the end of the line before instead. */
  private static final String NO_LINE_START = "，。、；：？！）」』》”’,.;:?!)";

  /**
   * Lines of at most {@code max} points (plus a hanging punctuation mark); breaks anywhere, as
   * Chinese text may.
   */
  private List<String> wrap(String s, float size, float max) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      String next = line + new String(Character.toChars(cp));
      if (width(next, size) > max && line.length() > 0 && NO_LINE_START.indexOf(cp) < 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private String clip(String s, float size, float max) throws IOException {
    if (width(s, size) <= max) {
      return s;
    }
    String cut = s;
    while (!cut.isEmpty() && width(cut + "…", size) > max) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }

  /** {@code s} with characters the font has no glyph for replaced by "?". */
  private String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      String ch = new String(Character.toChars(cp));
      out.append(hasGlyph.computeIfAbsent(cp, c -> encodes(ch)) ? ch : "?");
    });
    return out.toString();
  }

  private boolean encodes(String ch) {
    try {
      font.encode(ch);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "—" : s;
  }
}
