package org.redvest.hub.domain;

/**
 * The acting {@link Principal} may not do what it asked; the message says why. The web answers it
 * with 403 Forbidden.
 */
public final class Forbidden extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Forbidden(String message) {
    super(message);
  }
}
