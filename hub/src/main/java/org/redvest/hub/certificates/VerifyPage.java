package org.redvest.hub.certificates;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.redvest.hub.exports.Hours;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;

/**
 * The public page a certificate's QR code opens, {@code /verify/{number}}: genuine, revoked or
 * unknown, with the facts as issued so a reader can compare them with the paper. The name is
 * shown masked (张*三): the page is public and the paper in hand carries the full name.
 * {@code ?sha256=} also compares a file's hash with the one registered.
 */
final class VerifyPage {
  private VerifyPage() {}

  static void render(Context ctx, String number, Optional<CertificateEntry> found, java.time.ZoneId zone) {
    Lang lang = Lang.of(ctx);
    StringBuilder body = new StringBuilder();
    if (found.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND);
      body.append("<div class=\"card verdict\" id=\"verdict\" data-state=\"unknown\"><p class=\"big bad\">✗ ")
          .append(lang.t("查无此证明", "No such certificate")).append("</p><p>")
          .append(lang.t("本平台没有登记编号为 ", "This hub has issued no certificate numbered "))
          .append("<b>").append(Html.esc(number)).append("</b>")
          .append(lang.t("的证明。请核对编号；若编号无误，该证明不是本平台出具的。",
              ". Check the number; if it is right, the certificate was not issued here."))
          .append("</p></div>");
    } else {
      CertificateEntry e = found.get();
      boolean revoked = e.revoked();
      body.append("<div class=\"card verdict\" id=\"verdict\" data-state=\"")
          .append(revoked ? "revoked" : "genuine").append("\"><p class=\"big ")
          .append(revoked ? "bad\">✗ " + lang.t("此证明已被撤销", "This certificate has been revoked")
              : "ok\">✓ " + lang.t("证明真实有效", "Genuine certificate"))
          .append("</p><p>").append(revoked
              ? lang.t("本平台曾出具此证明，但已撤销，不再作为服务时长的证明。",
                  "This hub issued the certificate but has revoked it; it no longer certifies these hours.")
              : lang.t("本平台登记了此证明，内容如下，请与纸面证明核对。",
                  "This hub registered this certificate with the facts below; compare them with the paper."))
          .append("</p>");
      if (revoked) {
        body.append("<p>").append(lang.t("撤销日期：", "Revoked on: "))
            .append(Html.esc(LocalDate.ofInstant(e.revokedAt(), zone))).append("<br>")
            .append(lang.t("撤销原因：", "Reason: ")).append(Html.esc(e.revokedReason())).append("</p>");
      }
      body.append("</div>");
      sha256Check(ctx, lang, e, body);
      body.append("<div class=\"card\"><table class=\"facts\">")
          .append(row(lang.t("证明编号", "Number"), e.number().toString()))
          .append(row(lang.t("志愿者", "Volunteer"), maskName(e.volunteerName())))
          .append("<tr><th>").append(lang.t("服务期间", "Period")).append("</th><td><span class=\"nw\">")
          .append(e.from()).append("</span> – <span class=\"nw\">").append(e.to()).append("</span></td></tr>")
          .append(row(lang.t("累计服务时长", "Total hours"),
              Hours.text(e.minutes()) + lang.t(" 小时（", " h (") + e.minutes() + lang.t(" 分钟）", " min)")))
          .append(row(lang.t("出具单位", "Issued by"), e.organisation()))
          .append(row(lang.t("出具日期", "Date of issue"), LocalDate.ofInstant(e.issuedAt(), zone).toString()))
          .append(row(lang.t("状态", "Status"), revoked ? lang.t("已撤销", "revoked") : lang.t("有效", "valid")))
          .append("</table></div>");
    }
    body.append("<p class=\"muted\">").append(lang.t(
        "本页由出具证明的 RedVest 平台提供。为保护隐私，姓名部分隐去。",
        "This page is served by the RedVest hub that issued the certificate. The name is partly hidden for privacy."))
        .append("</p><style>.big{font-size:20px;font-weight:700;margin:0 0 6px}.verdict{border-width:2px}"
            + ".facts th{width:38%}.nw{white-space:nowrap}.facts td,.facts th{font-size:15px}</style>");
    Page.render(ctx, lang, lang.t("证明核验", "Certificate check"), body.toString());
  }

  private static void sha256Check(Context ctx, Lang lang, CertificateEntry e, StringBuilder body) {
    String asked = ctx.queryParam("sha256");
    if (asked == null || asked.isBlank()) {
      return;
    }
    boolean same = asked.trim().toLowerCase(Locale.ROOT).equals(e.sha256());
    body.append("<div class=\"card\" id=\"file-check\" data-match=\"").append(same).append("\"><p class=\"")
        .append(same ? "ok\">✓ " + lang.t("文件与登记的证明完全一致。", "The file is exactly the one issued.")
            : "bad\">✗ " + lang.t("文件与登记的证明不一致：它在出具后被修改过，或不是这份证明。",
                "The file differs from the one issued: it was changed after issue, or is another file."))
        .append("</p></div>");
  }

  private static String row(String label, String value) {
    return "<tr><th>" + Html.esc(label) + "</th><td>" + Html.esc(value) + "</td></tr>";
  }

  /**
   * A name with its middle hidden: 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜; a name in Latin
   * letters keeps each word's first letter (John Smith → J*** S****).
   */
  static String maskName(String name) {
    if (name == null || name.isBlank()) {
      return "";
    }
    String trimmed = name.trim();
    if (trimmed.contains(" ")) {
      StringBuilder out = new StringBuilder();
      for (String word : trimmed.split("\\s+")) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.appendCodePoint(word.codePointAt(0)).append("*".repeat(word.codePointCount(0, word.length()) - 1));
      }
      return out.toString();
    }
    int[] cps = trimmed.codePoints().toArray();
    if (cps.length == 1) {
      return trimmed;
    }
    if (cps.length == 2) {
      return new String(cps, 0, 1) + "*";
    }
    return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
  }
}
