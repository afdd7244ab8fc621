package org.redvest.hub.domain.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redvest.hub.store.Database;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * The catalogue in the hub database (schema version 5). Reads go through the shared read
 * connection; writes are batched upserts by id inside the caller's {@link Database#transaction},
 * so an import of millions of volunteers commits a batch at a time.
 */
public final class CatalogueRows implements Catalogue {
  private static final String ORG_COLUMNS = "id, name, parent_id, person_in_charge, handler, contact";
  private static final String STATION_COLUMNS = "id, name, organisation_id, latitude, longitude";
  private static final String ACTIVITY_COLUMNS = "id, name, station_id, organisation_id, content";
  private static final String VOLUNTEER_COLUMNS = "id, name, organisation_id, id_number_masked";

  private final Database database;

  public CatalogueRows(Database database) {
    this.database = database;
  }

  @Override
  public Optional<VolunteerInfo> volunteer(VolunteerId id) {
    return database.read("reading volunteer", c -> one(c, "SELECT " + VOLUNTEER_COLUMNS
        + " FROM volunteers WHERE id = ?", id.value(), CatalogueRows::volunteer));
  }

  @Override
  public List<StationInfo> stations() {
    return database.read("listing stations", c -> all(c, "SELECT " + STATION_COLUMNS
        + " FROM stations ORDER BY id", CatalogueRows::station));
  }

  @Override
  public Optional<StationInfo> station(StationId id) {
    return database.read("reading station", c -> one(c, "SELECT " + STATION_COLUMNS
        + " FROM stations WHERE id = ?", id.value(), CatalogueRows::station));
  }

  @Override
  public List<Organisation> organisations() {
    return database.read("listing organisations", c -> all(c, "SELECT " + ORG_COLUMNS
        + " FROM organisations ORDER BY id", CatalogueRows::organisation));
  }

  @Override
  public Optional<Organisation> organisation(String id) {
    return database.read("reading organisation", c -> one(c, "SELECT " + ORG_COLUMNS
        + " FROM organisations WHERE id = ?", id, CatalogueRows::organisation));
  }

  @Override
  public List<ActivityInfo> activities() {
    return database.read("listing activities", c -> all(c, "SELECT " + ACTIVITY_COLUMNS
        + " FROM activities ORDER BY id", CatalogueRows::activity));
  }

  @Override
  public Optional<ActivityInfo> activity(String id) {
    return database.read("reading activity", c -> one(c, "SELECT " + ACTIVITY_COLUMNS
        + " FROM activities WHERE id = ?", id, CatalogueRows::activity));
  }

  /** Names of the volunteers among {@code ids} that the catalogue knows (one query per 500). */
  public Map<String, String> volunteerNames(List<String> ids) {
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
      database.read("reading volunteer names", c -> {
        String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement st = c.prepareStatement(
            "SELECT id, name FROM volunteers WHERE id IN (" + marks + ")")) {
          for (int j = 0; j < chunk.size(); j++) {
            st.setString(j + 1, chunk.get(j));
          }
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              names.put(rs.getString(1), rs.getString(2));
            }
          }
        }
        return null;
      });
    }
    return names;
  }

  /** Registered volunteers per organisation id (indexed by organisation). */
  public Map<String, Long> volunteerCounts() {
    return database.read("counting volunteers", c -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      try (PreparedStatement st = c.prepareStatement("SELECT organisation_id, COUNT(*) FROM"
          + " volunteers WHERE organisation_id IS NOT NULL GROUP BY organisation_id");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  /** Ids in one of the small tables (organisations, stations, activities), for import checks. */
  public Set<String> ids(String table) {
    if (!Set.of("organisations", "stations", "activities").contains(table)) {
      throw new IllegalArgumentException("table: not a catalogue table: " + table);
    }
    return database.read("listing " + table, c -> {
      Set<String> ids = new HashSet<>();
      try (PreparedStatement st = c.prepareStatement("SELECT id FROM " + table);
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    });
  }

  static void upsertOrganisations(Connection c, List<Organisation> rows, Instant now)
      throws SQLException {
    upsert(c, "organisations", ORG_COLUMNS, rows.size(), now, (st, i) -> {
      Organisation o = rows.get(i);
      st.setString(1, o.id());
      st.setString(2, o.name());
      st.setString(3, o.parentId());
      st.setString(4, o.personInCharge());
      st.setString(5, o.handler());
      st.setString(6, o.contact());
    });
  }

  static void upsertStations(Connection c, List<StationInfo> rows, Instant now)
      throws SQLException {
    upsert(c, "stations", STATION_COLUMNS, rows.size(), now, (st, i) -> {
      StationInfo s = rows.get(i);
      st.setString(1, s.id().value());
      st.setString(2, s.name());
      st.setString(3, s.organisationId());
      setDouble(st, 4, s.latitude());
      setDouble(st, 5, s.longitude());
    });
  }

  static void upsertActivities(Connection c, List<ActivityInfo> rows, Instant now)
      throws SQLException {
    upsert(c, "activities", ACTIVITY_COLUMNS, rows.size(), now, (st, i) -> {
      ActivityInfo a = rows.get(i);
      st.setString(1, a.id());
      st.setString(2, a.name());
      st.setString(3, a.stationId() == null ? null : a.stationId().value());
      st.setString(4, a.organisationId());
      st.setString(5, a.content());
    });
  }

  static void upsertVolunteers(Connection c, List<VolunteerInfo> rows, Instant now)
      throws SQLException {
    upsert(c, "volunteers", VOLUNTEER_COLUMNS, rows.size(), now, (st, i) -> {
      VolunteerInfo v = rows.get(i);
      st.setString(1, v.id().value());
      st.setString(2, v.name());
      st.setString(3, v.organisationId());
      st.setString(4, v.idNumberMasked());
    });
  }

  /** {@code INSERT ... ON CONFLICT (id) DO UPDATE}: SQLite 3.24+ and PostgreSQL alike. */
  private static void upsert(Connection c, String table, String columns, int count, Instant now,
      Binder binder) throws SQLException {
    String[] names = columns.split(", ");
    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (" + columns
        + ", updated_at) VALUES (");
    sql.append("?, ".repeat(names.length)).append("?) ON CONFLICT (id) DO UPDATE SET ");
    for (int i = 1; i < names.length; i++) {
      sql.append(names[i]).append(" = excluded.").append(names[i]).append(", ");
    }
    sql.append("updated_at = excluded.updated_at");
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < count; i++) {
        binder.bind(st, i);
        st.setString(names.length + 1, now.toString());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private static void setDouble(PreparedStatement st, int index, Double value)
      throws SQLException {
    if (value == null) {
      st.setNull(index, Types.DOUBLE);
    } else {
      st.setDouble(index, value);
    }
  }

  private static <T> Optional<T> one(Connection c, String sql, String id, RowReader<T> reader)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
      }
    }
  }

  private static <T> List<T> all(Connection c, String sql, RowReader<T> reader)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
    }
    return rows;
  }

  private static VolunteerInfo volunteer(ResultSet rs) throws SQLException {
    return new VolunteerInfo(VolunteerId.of(rs.getString(1)), rs.getString(2), rs.getString(3),
        rs.getString(4));
  }

  private static StationInfo station(ResultSet rs) throws SQLException {
    return new StationInfo(StationId.of(rs.getString(1)), rs.getString(2), rs.getString(3),
        rs.getObject(4) == null ? null : rs.getDouble(4),
        rs.getObject(5) == null ? null : rs.getDouble(5));
  }

  private static Organisation organisation(ResultSet rs) throws SQLException {
    return new Organisation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6));
  }

  private static ActivityInfo activity(ResultSet rs) throws SQLException {
    String station = rs.getString(3);
    return new ActivityInfo(rs.getString(1), rs.getString(2),
        station == null ? null : StationId.of(station), rs.getString(4), rs.getString(5));
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement st, int index) throws SQLException;
  }
}
