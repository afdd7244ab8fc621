package org.redvest.protocol;

/**
 * A message that does not follow the wire protocol. The message names the offending field so a
 * dead-letter entry or a log line says exactly what a third-party implementer got wrong.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public ProtocolException(String field, String problem) {
    super(field.isEmpty() ? problem : field + ": " + problem);
    this.field = field;
  }

  /** The JSON field or topic part at fault, or an empty string when the whole payload is. */
  public String field() {
    return field;
  }
}
