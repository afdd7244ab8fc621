package org.redvest.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flyway migrations of the hub database, checked against databases made by the pre-Flyway runner
 * ({@link LegacySchema}, a frozen copy): the same schema for a new hub, data directories of any
 * earlier version adopted in place, a failed migration leaving nothing behind, a newer database
 * refused.
 */
class SchemaTest {
  private static final int LEGACY_LATEST = 14;
  private static final String BROKEN = "classpath:store/broken-migration";
  private static final String NEWER = "classpath:store/newer-migration";

  @TempDir Path dir;

  @Test
  void migrate_newDatabase_givesTheSchemaOfThePreFlywayRunner() throws SQLException {
    Path legacy = legacyDatabase("legacy.db", LEGACY_LATEST);

    Database.open(dir.resolve("hub.db")).close();

    assertThat(objects(dir.resolve("hub.db"))).isEqualTo(objects(legacy));
    assertThat(history(dir.resolve("hub.db")))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, LEGACY_LATEST)
            .mapToObj(v -> v + " SQL true").toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 12, LEGACY_LATEST})
  void open_preFlywayDatabase_adoptsItsVersionAndRunsOnlyLaterMigrations(int version)
      throws SQLException {
    Path file = legacyDatabase("hub.db", version);
    Path today = legacyDatabase("today.db", LEGACY_LATEST);

    Database.open(file).close();

    List<String> expected = new ArrayList<>(List.of(version + " BASELINE true"));
    IntStream.rangeClosed(version + 1, LEGACY_LATEST).forEach(v -> expected.add(v + " SQL true"));
    assertThat(history(file)).containsExactlyElementsOf(expected);
    assertThat(objects(file)).isEqualTo(objects(today));
  }

  @Test
  void open_preFlywayDatabaseWithRows_keepsEveryRow() throws SQLException {
    Path file = legacyDatabase("hub.db", 12);
    List<String> inserts = List.of(
        "INSERT INTO events VALUES ('e-1', 'JX-RJ-0001', 'kiosk-1', 1, 'V-1', 'CHECK_IN', 'QR',"
            + " '2026-11-23T09:00:00+08:00', 1795395600000, '2026-11-23T01:00:01Z', '{}')",
        "INSERT INTO terminals (station, terminal, committed_seq, alarms)"
            + " VALUES ('JX-RJ-0001', 'kiosk-1', 1, 'STORAGE_FULL')",
        "INSERT INTO sessions VALUES ('V-1', 0, 'JX-RJ-0001', '2026-11-23T09:00:00+08:00', NULL,"
            + " 1795395600000, 0, 'OPEN', '', 'e-1', NULL)",
        "INSERT INTO users VALUES ('admin', 'Admin', 'HUB_ADMIN', '', 'h', 's', 1, 0, 't', 't')",
        "INSERT INTO fleet_terminals (station, terminal, public_key, fingerprint, secret_sha256,"
            + " provisioned_at, provisioned_by, revoke_mode) VALUES ('JX-RJ-0001', 'kiosk-1', 'k',"
            + " 'f', 's', 't', 'admin', 'HOLD')",
        "INSERT INTO dead_letters (topic, payload_base64, reason, received_at)"
            + " VALUES ('t', 'eA==', 'bad', 't')");
    execute(file, inserts);
    Map<String, String> columns = columns(file);
    List<String> before = rows(file, columns);

    Database.open(file).close();
    Database.open(file).close();

    assertThat(rows(file, columns)).isEqualTo(before).hasSize(inserts.size());
    assertThat(query(file, "SELECT COUNT(*) FROM terminals WHERE fleet_state IS NULL"))
        .containsExactly("1");
    assertThat(history(file)).containsExactly("12 BASELINE true", "13 SQL true", "14 SQL true");
  }

  @Test
  void open_twice_secondOpenChangesNothing() throws SQLException {
    Path file = legacyDatabase("hub.db", LEGACY_LATEST);
    Database.open(file).close();
    List<String> history = query(file, "SELECT * FROM " + Schema.HISTORY_TABLE);
    List<String> objects = objects(file);
    List<String> legacyRows = query(file, "SELECT version FROM " + Schema.LEGACY_TABLE);

    Database.open(file).close();

    assertThat(query(file, "SELECT * FROM " + Schema.HISTORY_TABLE)).isEqualTo(history);
    assertThat(objects(file)).isEqualTo(objects);
    assertThat(query(file, "SELECT version FROM " + Schema.LEGACY_TABLE)).isEqualTo(legacyRows);
  }

  @Test
  void open_adoptedDatabase_refusedByAPreFlywayHub() throws SQLException {
    Path file = legacyDatabase("hub.db", LEGACY_LATEST);

    Database.open(file).close();

    try (Connection connection = DriverManager.getConnection(url(file))) {
      assertThatThrownBy(() -> LegacySchema.migrate(connection))
          .hasMessageContaining("newer than this hub");
    }
  }

  @Test
  void migrate_brokenMigration_namesItAndLeavesTheSchemaAsItWas() throws SQLException {
    Path file = dir.resolve("hub.db");
    Database.open(file).close();
    List<String> objects = objects(file);
    List<String> history = history(file);

    assertThatThrownBy(() -> Schema.migrate(file, Schema.LOCATION, BROKEN))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("V15__broken.sql")
        .hasMessageContaining("no_such_table");

    assertThat(objects(file)).isEqualTo(objects).noneMatch(o -> o.contains("half_done"));
    assertThat(history(file)).isEqualTo(history);
    Database.open(file).close();
  }

  @Test
  void migrate_brokenMigrationAfterPendingOnes_leavesThePreFlywayVersion() throws SQLException {
    Path file = legacyDatabase("hub.db", 12);
    List<String> objects = objects(file);

    assertThatThrownBy(() -> Schema.migrate(file, Schema.LOCATION, BROKEN))
        .hasMessageContaining("V15__broken.sql");

    assertThat(objects(file)).isEqualTo(objects);
    assertThat(history(file)).containsExactly("12 BASELINE true");
    Database.open(file).close();
    assertThat(history(file)).containsExactly("12 BASELINE true", "13 SQL true", "14 SQL true");
  }

  @Test
  void open_databaseANewerHubMigrated_refusesNamingTheVersion() throws SQLException {
    Path file = dir.resolve("hub.db");
    Schema.migrate(file, Schema.LOCATION, NEWER);
    List<String> objects = objects(file);

    assertThatThrownBy(() -> Database.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 15")
        .hasMessageContaining("newer than this hub");

    assertThat(objects(file)).isEqualTo(objects);
  }

  @Test
  void readOnly_preFlywayDatabase_neverMigrates() throws SQLException {
    Path file = legacyDatabase("hub.db", 12);
    List<String> objects = objects(file);

    try (Connection connection = Database.readOnly(file);
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
      assertThat(rs.next()).isTrue();
    }

    assertThat(objects(file)).isEqualTo(objects);
    assertThat(query(file, "SELECT MAX(version) FROM " + Schema.LEGACY_TABLE))
        .containsExactly("12");
  }

  /** A database as a pre-Flyway hub of {@code version} left it. */
  private Path legacyDatabase(String name, int version) throws SQLException {
    Path file = dir.resolve(name);
    try (Connection connection = DriverManager.getConnection(url(file))) {
      LegacySchema.migrateTo(connection, version);
    }
    return file;
  }

  /** The hub's tables and indexes, SQL compared without comments and layout. */
  private static List<String> objects(Path file) throws SQLException {
    return query(file, "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master"
        + " WHERE tbl_name NOT IN ('" + Schema.HISTORY_TABLE + "', '" + Schema.LEGACY_TABLE + "')"
        + " ORDER BY name").stream()
        .map(sql -> sql.replaceAll("--[^\n]*", "").replaceAll("\\s+", " ")
            .replace("( ", "(").replace(" )", ")"))
        .toList();
  }

  private static List<String> history(Path file) throws SQLException {
    return query(file, "SELECT version || ' ' || type || ' ' || CASE success WHEN 1 THEN 'true'"
        + " ELSE 'false' END FROM " + Schema.HISTORY_TABLE + " ORDER BY installed_rank");
  }

  /** Each table the rows test fills, with the columns it had before migrating. */
  private static Map<String, String> columns(Path file) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String table : List.of("events", "terminals", "sessions", "users", "fleet_terminals",
        "dead_letters")) {
      columns.put(table, query(file, "SELECT group_concat(name, ', ') FROM pragma_table_info('"
          + table + "')").get(0));
    }
    return columns;
  }

  /** Every row of those tables, those columns, as text. */
  private static List<String> rows(Path file, Map<String, String> columns) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, String> table : columns.entrySet()) {
      query(file, "SELECT " + table.getValue() + " FROM " + table.getKey())
          .forEach(row -> rows.add(table.getKey() + " " + row));
    }
    return rows;
  }

  private static List<String> query(Path file, String sql) throws SQLException {
    assertThat(file).exists();
    List<String> result = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url(file));
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        result.add(row.toString());
      }
    }
    return result;
  }

  private static void execute(Path file, List<String> statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url(file));
        Statement st = connection.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }
}
