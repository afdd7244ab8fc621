package org.redvest.terminal.outbox;

/**
 * The outbox's disk is full (SQLite {@code SQLITE_FULL}): nothing was stored. Events already
 * committed are kept; new check-ins must be refused until space is freed.
 */
public final class OutboxFullException extends OutboxException {
  private static final long serialVersionUID = 1L;

  public OutboxFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
