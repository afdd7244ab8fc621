package org.redvest.hub.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the hub's templates ({@code src/main/jte/web/FEATURE/*.jte} and the frame in {@code src/main/jte/web}), compiled with the hub by
 * jte-maven-plugin into each feature's package; every value a template shows is HTML-escaped
 * unless the template says otherwise.
 */
public final class Templates {
  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(null, ContentType.Html, null, "org.redvest.hub");

  private Templates() {}

  /** {@code template} with its parameters given as name, value, name, value…; a value may be null. */
  public static String render(String template, Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    StringOutput out = new StringOutput();
    ENGINE.render(template, params, out);
    return out.toString();
  }
}
