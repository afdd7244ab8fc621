package org.redvest.terminal.outbox;

/** The outbox file could not be read or written, or belongs to another station or terminal. */
public class OutboxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutboxException(String message) {
    super(message);
  }

  public OutboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
