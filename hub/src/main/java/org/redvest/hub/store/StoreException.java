package org.redvest.hub.store;

import java.sql.SQLException;

/** The database failed; the message says which operation. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String operation, SQLException cause) {
    super(operation + " failed: " + cause.getMessage(), cause);
  }
}
