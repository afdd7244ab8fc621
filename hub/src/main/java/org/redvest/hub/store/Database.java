package org.redvest.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The hub's SQLite database file. One connection writes (the ingest writer thread); another,
 * shared under a lock, serves reads, which WAL lets run beside the writer. {@code synchronous=FULL}
 * because an ack promises the events survive a power cut.
 */
public final class Database implements AutoCloseable {
  private static final int CACHE_KIB = 32 * 1024;
  private static final int CHECKPOINT_PAGES = 4000;
  private final Path file;
  private final Connection writer;
  private final Connection reader;
  private final Connection office;

  private Database(Path file, Connection writer, Connection reader, Connection office) {
    this.file = file;
    this.writer = writer;
    this.reader = reader;
    this.office = office;
  }

  /**
   * Opens (creating if needed) the database at {@code file} and migrates its schema ({@link
   * Schema}).
   *
   * @throws StoreException when a migration fails (naming it) or the schema is newer than this hub
   */
  public static Database open(Path file) {
    try {
      // Connected first so the file is in WAL mode while Flyway migrates: one sync per commit.
      Connection writer = connect(file);
      try {
        Schema.migrate(file);
        return new Database(file, writer, connect(file), connect(file));
      } catch (SQLException | RuntimeException e) {
        writer.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("opening database " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  /** The single writing connection; only the ingest writer thread may use it. */
  Connection writer() {
    return writer;
  }

  /**
   * Runs {@code work} in one write transaction on the dashboard's own connection (users,
   * corrections, certificates, imports: low-volume writes beside the ingest writer). The
   * transaction starts with {@code BEGIN IMMEDIATE}, so it takes SQLite's write lock up front
   * and waits (busy timeout) instead of failing half-way; calls are serialised.
   *
   * @param operation what is being done, for the error message
   */
  public <T> T transaction(String operation, SqlWork<T> work) {
    synchronized (office) {
      try (Statement st = office.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
      } catch (SQLException e) {
        throw new StoreException(operation, e);
      }
      try {
        T result = work.run(office);
        try (Statement st = office.createStatement()) {
          st.execute("COMMIT");
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        try (Statement st = office.createStatement()) {
          st.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new StoreException(operation, (SQLException) e);
      }
    }
  }

  /**
   * Runs {@code work} in one transaction on {@code connection} (a store's own connection, or the
   * ingest writer's): committed when it returns, rolled back when it throws. The one way the hub's
   * stores run a transaction; {@link #transaction(String, SqlWork)} adds the office connection's
   * write lock and serialisation.
   *
   * @param operation what is being done, for the error message
   * @throws StoreException when the database refuses; a {@link RuntimeException} of {@code work}
   *     passes through after the rollback
   */
  public static <T> T transaction(Connection connection, String operation, SqlWork<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /** Runs {@code work} on the shared read connection. */
  public <T> T read(String operation, SqlWork<T> work) {
    synchronized (reader) {
      try {
        return work.run(reader);
      } catch (SQLException e) {
        throw new StoreException(operation, e);
      }
    }
  }

  /** Whether the database answers a trivial query. */
  public boolean isHealthy() {
    try {
      return read("health check", c -> {
        try (Statement st = c.createStatement()) {
          return st.executeQuery("SELECT 1").next();
        }
      });
    } catch (StoreException e) {
      return false;
    }
  }

  /** Closes the connections; later calls do nothing (JDBC closes a closed connection as a no-op). */
  @Override
  public synchronized void close() {
    try {
      office.close();
      reader.close();
      writer.close();
    } catch (SQLException e) {
      throw new StoreException("closing database " + file, e);
    }
  }

  /**
   * A read-only connection to the database at {@code file}, which must exist: it never migrates
   * or writes, so an audit can run beside a running hub (WAL lets it read a consistent snapshot
   * while the hub writes). Whoever opens it closes it.
   */
  public static Connection readOnly(Path file) {
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    try {
      return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    } catch (SQLException e) {
      throw new StoreException("opening database " + file + " read-only", e);
    }
  }

  static Connection connect(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA synchronous=FULL");
      st.execute("PRAGMA busy_timeout=10000");
      st.execute("PRAGMA foreign_keys=ON");
      // Neither weakens durability: a page cache that holds the indexes a burst of inserts
      // touches (2 MiB by default), sort and temporary b-trees in memory, and fewer, larger
      // checkpoints (each one syncs the database file) than the default of every 1,000 pages.
      st.execute("PRAGMA cache_size=-" + CACHE_KIB);
      st.execute("PRAGMA temp_store=MEMORY");
      st.execute("PRAGMA wal_autocheckpoint=" + CHECKPOINT_PAGES);
    }
    return connection;
  }

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
