package org.redvest.terminal.face;

/** Face check-in cannot start: a model is missing or altered, or the template store or key is unusable. */
public final class FaceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FaceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
