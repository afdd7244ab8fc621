package org.redvest.hub.domain.corrections;

/**
 * A correction or review action that cannot be done: 400 (bad field, named), 403 (not your
 * station, your own request, needs a hub admin), 404 (unknown) or 409 (already decided, changed).
 */
public final class CorrectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  public CorrectionException(int status, String field, String problem) {
    super(field == null ? problem : field + ": " + problem);
    this.status = status;
    this.field = field;
  }

  /** The HTTP status that answers it. */
  public int status() {
    return status;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}
