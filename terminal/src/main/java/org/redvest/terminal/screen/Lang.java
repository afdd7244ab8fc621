package org.redvest.terminal.screen;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Chinese (zh-CN, the default) or English, written side by side at the point of use:
 * {@code lang.t("签到", "Check-in")}. Chosen by {@code ?lang=en|zh} (remembered in a cookie), then
 * the cookie, then zh-CN; the same rule as the hub's pages.
 */
enum Lang {
  ZH("zh-CN"),
  EN("en");

  static final String COOKIE = "rv_lang";

  private final String tag;

  Lang(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }

  String t(String zh, String en) {
    return this == ZH ? zh : en;
  }

  /** The other language, for the switch button. */
  Lang other() {
    return this == ZH ? EN : ZH;
  }

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Lang of(Context ctx) {
    String asked = ctx.queryParam("lang");
    if (asked != null) {
      Lang lang = parse(asked);
      ctx.cookie(COOKIE, lang.code());
      return lang;
    }
    String cookie = ctx.cookie(COOKIE);
    return cookie == null ? ZH : parse(cookie);
  }

  static Lang parse(String value) {
    return value.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ZH;
  }

  /**
   * The kiosk's messages are written "中文 (English)"; this is the part for this language, or
   * the whole message when it has no English part.
   */
  String pick(String bilingual) {
    int open = bilingual.lastIndexOf(" (");
    if (open < 0 || !bilingual.endsWith(")")) {
      return bilingual;
    }
    return this == ZH ? bilingual.substring(0, open) : bilingual.substring(open + 2, bilingual.length() - 1);
  }
}
