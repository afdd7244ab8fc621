package org.redvest.terminal.screen;

import gg.jte.support.LocalizationSupport;
import io.javalin.http.Context;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Chinese (zh-CN, the default) or English, with the screen's words from the message bundle
 * {@code kiosk.properties} ({@code kiosk_en.properties}): {@code lang.get("pin.title")} in code,
 * {@code ${t.localize("pin.title")}} in a template. Chosen by {@code ?lang=en|zh} (remembered in a
 * cookie), then the cookie, then zh-CN; the same rule as the hub's pages.
 */
enum Lang implements LocalizationSupport {
  ZH("zh-CN", Locale.ROOT),
  EN("en", Locale.ENGLISH);

  static final String COOKIE = "rv_lang";
  private static final String BUNDLE = "org.redvest.terminal.screen.kiosk";

  private final String tag;
  private final ResourceBundle words;

  Lang(String tag, Locale locale) {
    this.tag = tag;
    this.words = ResourceBundle.getBundle(BUNDLE, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  String tag() {
    return tag;
  }

  /** The words of {@code key}, {@code {0}}, {@code {1}}, … filled with {@code args}. */
  String get(String key, Object... args) {
    String pattern = words.getString(key);
    if (args.length == 0) {
      return pattern;
    }
    // A quote is text in these bundles (Today's sessions), not MessageFormat's quoting; numbers
    // are shown as they are (no grouping), as the templates' localize() shows them.
    Object[] texts = java.util.Arrays.stream(args).map(String::valueOf).toArray();
    return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(texts);
  }

  /** The words of {@code key} when the bundle has them, else {@code fallback} as it is. */
  String getOr(String key, String fallback) {
    return words.containsKey(key) ? words.getString(key) : fallback;
  }

  /** {@code at}'s day and time as this language writes them (11月22日 08:59, 22 Nov 08:59). */
  String day(java.time.temporal.TemporalAccessor at) {
    return java.time.format.DateTimeFormatter.ofPattern(get("format.day"),
        this == ZH ? Locale.CHINA : Locale.ENGLISH).format(at);
  }

  @Override
  public String lookup(String key) {
    return words.getString(key);
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
   * The kiosk's decisions are written "中文 (English)"; this is the part for this language, or
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
