package org.redvest.hub.web.hours;

/** A request parameter of the hours routes that cannot be used: 400 naming the parameter. */
final class HoursRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  HoursRequestException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
