package org.redvest.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub database's schema: Flyway migrations {@code V<n>__<what>.sql} in {@link #LOCATION}, the
 * pending ones run in order in one transaction (SQLite's DDL is transactional, so a failed
 * migration leaves the schema as it was). A migration that shipped is never edited (Flyway refuses
 * a changed checksum); a change is a new file.
 *
 * <p>Databases made before Flyway recorded versions 1 to 14 in {@code schema_version}; such a
 * database is adopted at its recorded version (a Flyway baseline), so only later migrations run.
 */
final class Schema {
  /** Where the hub database's migrations live on the classpath. */
  static final String LOCATION = "classpath:db/migration/hub";
  /** Flyway's own default, named here because tests and the docs read it. */
  static final String HISTORY_TABLE = "flyway_schema_history";
  /** The pre-Flyway runner's table: {@code version}, {@code applied_at}. */
  static final String LEGACY_TABLE = "schema_version";
  /**
   * Written into {@link #LEGACY_TABLE} when a database is adopted: a pre-Flyway hub started on it
   * then stops with its own "schema version 1000000 is newer than this hub" instead of running on
   * a schema it does not know.
   */
  static final int LEGACY_FENCE = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

  private Schema() {}

  /** Brings the database at {@code file} to the newest migration in {@link #LOCATION}. */
  static void migrate(Path file) {
    migrate(file, LOCATION);
  }

  /**
   * Brings the database at {@code file} to the newest migration found in {@code locations}.
   *
   * @throws StoreException naming the migration that failed (the schema stays at the version
   *     before it), or when the database's schema is newer than the migrations this hub has
   */
  static void migrate(Path file, String... locations) {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    try {
      OptionalInt legacy = legacyVersion(url);
      Flyway flyway = Flyway.configure()
          .dataSource(url, null, null)
          .locations(locations)
          .failOnMissingLocations(true)
          // All pending migrations in one transaction: a hub several versions behind either
          // reaches the newest or stays where it was, and a new database costs one commit.
          .group(true)
          .baselineVersion(String.valueOf(legacy.orElse(0)))
          .baselineDescription("adopted from " + LEGACY_TABLE)
          .load();
      if (legacy.isPresent()) {
        adopt(file, url, flyway, legacy.getAsInt());
      }
      refuseNewer(file, flyway);
      MigrateResult result = flyway.migrate();
      if (result.migrationsExecuted > 0 && result.initialSchemaVersion == null) {
        LOG.info("{}: schema created at version {}", file.getFileName(),
            result.targetSchemaVersion);
      } else if (result.migrationsExecuted > 0) {
        LOG.info("{}: schema migrated from version {} to {}", file.getFileName(),
            result.initialSchemaVersion, result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new StoreException("migrating database " + file, e);
    } catch (SQLException e) {
      throw new StoreException("reading the schema version of " + file, e);
    }
  }

  /**
   * The version a pre-Flyway hub recorded, when the database has {@link #LEGACY_TABLE} and no
   * Flyway history yet; empty for a new database or one Flyway already runs.
   */
  private static OptionalInt legacyVersion(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      if (hasTable(connection, HISTORY_TABLE) || !hasTable(connection, LEGACY_TABLE)) {
        return OptionalInt.empty();
      }
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM "
              + LEGACY_TABLE + " WHERE version < " + LEGACY_FENCE)) {
        rs.next();
        return OptionalInt.of(rs.getInt(1));
      }
    }
  }

  private static boolean hasTable(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getTables(null, null, table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }

  /**
   * Fences off pre-Flyway hubs, then baselines Flyway's history at the legacy version. In this
   * order so a hub stopped in between adopts the database again at the next start.
   */
  private static void adopt(Path file, String url, Flyway flyway, int version)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO "
            + LEGACY_TABLE + " (version, applied_at) VALUES (?, ?)")) {
      insert.setInt(1, LEGACY_FENCE);
      insert.setString(2, Instant.now().toString());
      insert.executeUpdate();
    }
    flyway.baseline();
    LOG.info("{}: adopted a pre-Flyway database at schema version {}", file.getFileName(), version);
  }

  /** Refuses a database a newer hub has migrated past what this hub knows. */
  private static void refuseNewer(Path file, Flyway flyway) {
    MigrationInfo[] all = flyway.info().all();
    Arrays.stream(all)
        .filter(info -> info.getState() == MigrationState.FUTURE_SUCCESS
            || info.getState() == MigrationState.FUTURE_FAILED)
        .reduce((first, second) -> second)
        .ifPresent(newest -> {
          throw new FlywayException(file.getFileName() + " has schema version "
              + newest.getVersion() + " (" + newest.getScript() + "), newer than this hub's newest"
              + " migration (" + newestKnown(all) + "): a newer hub has migrated it; upgrade"
              + " this hub");
        });
  }

  private static String newestKnown(MigrationInfo[] all) {
    return Arrays.stream(all)
        .filter(info -> info.getState().isResolved() && info.getVersion() != null)
        .map(MigrationInfo::getVersion)
        .max(MigrationVersion::compareTo)
        .map(MigrationVersion::getVersion)
        .orElse("none");
  }
}
