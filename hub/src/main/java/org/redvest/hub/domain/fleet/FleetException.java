package org.redvest.hub.domain.fleet;

/** A fleet request refused, with the HTTP status that says why and a reason a person can act on. */
public final class FleetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public FleetException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
