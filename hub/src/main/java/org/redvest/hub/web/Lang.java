package org.redvest.hub.web;

import gg.jte.support.LocalizationSupport;
import io.javalin.http.Context;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The two languages of every page: Chinese (zh-CN, the default) and English, with the words from
 * each feature's own bundle, {@code words.properties} and {@code words_en.properties} in its
 * package ({@link #bundles}), keyed by the feature: {@code lang.get("login.title")} in code,
 * {@code ${t.localize("login.title")}} in a template. A key in two bundles stops the hub at start.
 *
 * <p>Chosen by {@code ?lang=en|zh} (remembered in a cookie), then the {@code rv_lang} cookie,
 * then the browser's {@code Accept-Language} (whichever of Chinese and English it ranks higher),
 * then zh-CN.
 */
public enum Lang implements LocalizationSupport {
  ZH("zh-CN", Locale.ROOT),
  EN("en", Locale.ENGLISH);

  static final String COOKIE = "rv_lang";

  private final String tag;
  private final Map<String, String> words;

  Lang(String tag, Locale locale) {
    this.tag = tag;
    this.words = load(locale);
  }

  private static Map<String, String> load(Locale locale) {
    Map<String, String> words = new HashMap<>();
    for (String feature : bundles()) {
      ResourceBundle bundle = ResourceBundle.getBundle("org.redvest.hub." + feature + ".words", locale,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
      for (String key : bundle.keySet()) {
        String earlier = words.put(key, bundle.getString(key));
        if (earlier != null) {
          throw new IllegalStateException("the words of " + key + " are in two bundles, one of them "
              + feature + "'s");
        }
      }
    }
    return Map.copyOf(words);
  }

  /**
   * The packages whose {@code words*.properties} hold the pages' words (a method: the enum's
   * constants load them before any static field of the enum is set).
   */
  static List<String> bundles() {
    return List.of("web", "web.review", "web.corrections", "web.fleet", "web.catalogue", "web.exports",
        "web.certificates", "web.passes");
  }

  /** The words of {@code key}, {@code {0}}, {@code {1}}, … filled with {@code args}. */
  public String get(String key, Object... args) {
    String pattern = lookup(key);
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
    return words.getOrDefault(key, fallback);
  }

  @Override
  public String lookup(String key) {
    String value = words.get(key);
    if (value == null) {
      throw new java.util.MissingResourceException("no words for " + key, "Lang", key);
    }
    return value;
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
