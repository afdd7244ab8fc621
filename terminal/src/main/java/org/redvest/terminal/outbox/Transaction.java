package org.redvest.terminal.outbox;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one way the terminal's SQLite stores (the {@link Outbox}, the face template vault, the
 * refusal log) run a transaction: {@code work} is committed when it returns and rolled back when
 * it throws, and the connection is back in auto-commit either way. A failing rollback never hides
 * the first error: on SQLITE_FULL SQLite has already rolled back, and the rollback's "no
 * transaction is active" would otherwise replace the full disk (found by the disk-full fault).
 */
public final class Transaction {
  /** Work on the connection inside the transaction. */
  public interface Work<T> {
    T run() throws SQLException;
  }

  private Transaction() {}

  /** Runs {@code work} in one transaction on {@code db}; its exception passes through. */
  public static <T> T run(Connection db, Work<T> work) throws SQLException {
    db.setAutoCommit(false);
    T result;
    try {
      result = work.run();
      db.commit();
    } catch (SQLException | RuntimeException e) {
      undoKeeping(db, e);
      throw e;
    }
    db.setAutoCommit(true);
    return result;
  }

  private static void undoKeeping(Connection db, Exception first) {
    try {
      db.rollback();
    } catch (SQLException e) {
      first.addSuppressed(e);
    }
    try {
      db.setAutoCommit(true);
    } catch (SQLException e) {
      first.addSuppressed(e);
    }
  }
}
