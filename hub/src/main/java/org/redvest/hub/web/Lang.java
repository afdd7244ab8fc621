package org.redvest.hub.web;

import io.javalin.http.Context;

/**
 * The two languages of every page: Chinese (zh-CN, the default) and English. Pages write both
 * texts side by side at the point of use, {@code lang.t("签到", "Check-in")}, so a page and its
 * translation cannot drift apart and no bundle file is shared between features.
 *
 * <p>Chosen by {@code ?lang=en|zh} (remembered in a cookie), then the {@code lang} cookie, then
 * zh-CN.
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
    return cookie == null ? ZH : parse(cookie);
  }

  static Lang parse(String value) {
    return value.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? EN : ZH;
  }
}
