package org.redvest.hub.web;

import io.javalin.http.Context;

/**
 * The two languages of every page: Chinese (zh-CN, the default) and English. Pages write both
 * texts side by side at the point of use, {@code lang.t("签到", "Check-in")}, so a page and its
 * translation cannot drift apart and no bundle file is shared between features.
 *
 * <p>Chosen by {@code ?lang=en|zh} (remembered in a cookie), then the {@code rv_lang} cookie,
 * then the browser's {@code Accept-Language} (whichever of Chinese and English it ranks higher),
 * then zh-CN.
 */
public enum Lang {
  ZH("zh-CN"),
  EN("en");

  static final String COOKIE = "rv_lang";

  private final String tag;

  Lang(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag for {@code <html lang>}. */
  public String tag() {
    return tag;
  }

  /** The text in this language. */
  public String t(String zh, String en) {
    return this == ZH ? zh : en;
  }

  /** The language of this request (and remembers an explicit {@code ?lang=} choice). */
  public static Lang of(Context ctx) {
    String asked = ctx.queryParam("lang");
    if (asked != null) {
      Lang lang = parse(asked);
      ctx.cookie(COOKIE, lang.name().toLowerCase(java.util.Locale.ROOT));
      return lang;
    }
    String cookie = ctx.cookie(COOKIE);
    return cookie != null ? parse(cookie) : preferred(ctx.header("Accept-Language"));
  }

  /** The first of Chinese or English in an {@code Accept-Language} header; zh-CN if neither. */
  static Lang preferred(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return ZH;
    }
    try {
      for (java.util.Locale.LanguageRange range : java.util.Locale.LanguageRange.parse(acceptLanguage)) {
        String tag = range.getRange().toLowerCase(java.util.Locale.ROOT);
        if (tag.startsWith("zh")) {
          return ZH;
        }
        if (tag.startsWith("en")) {
          return EN;
        }
      }
    } catch (IllegalArgumentException malformed) {
      return ZH;
    }
    return ZH;
  }

  static Lang parse(String value) {
    return value.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? EN : ZH;
  }
}
