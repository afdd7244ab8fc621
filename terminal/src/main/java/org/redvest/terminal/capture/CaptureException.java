package org.redvest.terminal.capture;

/** A camera or recording that cannot be opened or stopped delivering frames; the message says which. */
public final class CaptureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaptureException(String message) {
    super(message);
  }

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
