package org.redvest.hub.store;

/** The database failed (a JDBC call or a schema migration); the message says which operation. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String operation, Exception cause) {
    super(operation + " failed: " + cause.getMessage(), cause);
  }
}
