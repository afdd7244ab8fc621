package org.redvest.hub.api;

/**
 * A request parameter that cannot be used; answered with 400 naming the parameter (JSON under
 * {@code /api/}, the error page elsewhere).
 */
public final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  public BadRequest(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
