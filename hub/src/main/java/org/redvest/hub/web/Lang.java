package org.redvest.hub.web;

import gg.jte.support.LocalizationSupport;
import io.javalin.http.Context;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The two languages of every page: Chinese (zh-CN, the default) and English, with the words from
 * the message bundle {@code hub.properties} ({@code hub_en.properties}), keyed by the feature that
 * uses them: {@code lang.get("login.title")} in code, {@code ${t.localize("login.title")}} in a
 * template. ({@link #t} writes both texts at the point of use: only pages not yet on templates.)
 *
 * <p>Chosen by {@code ?lang=en|zh} (remembered in a cookie), then the {@code rv_lang} cookie,
 * then the browser's {@code Accept-Language} (whichever of Chinese and English it ranks higher),
 * then zh-CN.
 */
public enum Lang implements LocalizationSupport {
  ZH("zh-CN", Locale.ROOT),
  EN("en", Locale.ENGLISH);

  static final String COOKIE = "rv_lang";
  private static final String BUNDLE = "org.redvest.hub.web.hub";

  private final String tag;
  private final ResourceBundle words;

  Lang(String tag, Locale locale) {
    this.tag = tag;
    this.words = ResourceBundle.getBundle(BUNDLE, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The words of {@code key}, {@code {0}}, {@code {1}}, … filled with {@code args}. */
  public String get(String key, Object... args) {
    String pattern = words.getString(key);
    if (args.length == 0) {
      return pattern;
    }
    // A quote is text in the bundle, not MessageFormat's quoting; numbers are shown as they are
    // (no grouping), as the templates' localize() shows them.
    Object[] texts = Arrays.stream(args).map(String::valueOf).toArray();
    return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(texts);
  }

  /** The words of {@code key} when the bundle has them, else {@code fallback}. */
  public String getOr(String key, String fallback) {
    return words.containsKey(key) ? words.getString(key) : fallback;
  }

  @Override
  public String lookup(String key) {
    return words.getString(key);
  }

  /** The other language, for the switch link. */
  public Lang other() {
    return this == ZH ? EN : ZH;
  }

  /** {@code zh} or {@code en}, as {@code ?lang=} takes it. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The BCP 47 tag for {@code <html lang>}. */
  public String tag() {
    return tag;
  }

  /** The text in this language; for pages not yet on templates and words. */
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
