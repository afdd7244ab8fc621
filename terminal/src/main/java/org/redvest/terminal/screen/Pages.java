package org.redvest.terminal.screen;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the screen's templates ({@code src/main/jte/screen/*.jte}), compiled with the terminal
 * by jte-maven-plugin into this package; every value a template shows is HTML-escaped unless the
 * template says otherwise.
 */
final class Pages {
  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(null, ContentType.Html, null, "org.redvest.terminal");

  private Pages() {}

  /** {@code template} with its parameters given as name, value, name, value…; a value may be null. */
  static String render(String template, Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    StringOutput out = new StringOutput();
    TEMPLATES.render(template, params, out);
    return out.toString();
  }
}
