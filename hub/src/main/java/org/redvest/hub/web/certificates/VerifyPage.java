package org.redvest.hub.web.certificates;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.redvest.hub.domain.certificates.CertificateEntry;
import org.redvest.hub.domain.exports.Hours;
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

  /** What the page says of a registered certificate (the name masked). */
  record Facts(String number, String volunteer, String from, String to, String hours, long minutes,
      String issuedBy, String issuedOn, boolean revoked, String revokedOn, String revokedReason) {}

  static void render(Context ctx, String number, Optional<CertificateEntry> found, java.time.ZoneId zone) {
    Lang lang = Lang.of(ctx);
    if (found.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND);
    }
    Facts facts = found.map(e -> new Facts(e.number().toString(), maskName(e.volunteerName()),
        e.from().toString(), e.to().toString(), Hours.text(e.minutes()), e.minutes(), e.organisation(),
        LocalDate.ofInstant(e.issuedAt(), zone).toString(), e.revoked(),
        e.revoked() ? LocalDate.ofInstant(e.revokedAt(), zone).toString() : null, e.revokedReason()))
        .orElse(null);
    String asked = ctx.queryParam("sha256");
    Boolean fileMatches = found.isEmpty() || asked == null || asked.isBlank() ? null
        : asked.trim().toLowerCase(Locale.ROOT).equals(found.get().sha256());
    Page.render(ctx, lang, lang.get("verify.title"), "web/certificates/verify.jte", "number", number,
        "facts", facts, "fileMatches", fileMatches);
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
