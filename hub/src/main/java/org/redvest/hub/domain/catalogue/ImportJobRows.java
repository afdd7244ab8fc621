package org.redvest.hub.domain.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.store.Database;

/** SQL of the import_jobs and import_rejections tables. */
public final class ImportJobRows {
  private static final String COLUMNS = "id, kind, file_name, state, bytes_total, bytes_read,"
      + " rows_read, imported, rejected, started_by, started_at, finished_at, error";

  private final Database database;

  ImportJobRows(Database database) {
    this.database = database;
  }

  /** A rejected row: its line in the file (1 is the header) and why, in English and Chinese. */
  public record Rejection(long line, String reason, String reasonZh) {}

  void insert(ImportJob job) {
    database.transaction("recording import job", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO import_jobs (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        st.setString(1, job.id());
        st.setString(2, job.kind().name());
        st.setString(3, job.fileName());
        st.setString(4, job.state().name());
        st.setLong(5, job.bytesTotal());
        st.setLong(6, job.bytesRead());
        st.setLong(7, job.rowsRead());
        st.setLong(8, job.imported());
        st.setLong(9, job.rejected());
        st.setString(10, job.startedBy());
        st.setString(11, job.startedAt().toString());
        st.setString(12, job.finishedAt() == null ? null : job.finishedAt().toString());
        st.setString(13, job.error());
        st.executeUpdate();
      }
      return null;
    });
  }

  void update(ImportJob job) {
    database.transaction("updating import job", c -> {
      update(c, job);
      return null;
    });
  }

  static void update(Connection c, ImportJob job) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE import_jobs SET state = ?,"
        + " bytes_read = ?, rows_read = ?, imported = ?, rejected = ?, finished_at = ?, error = ?"
        + " WHERE id = ?")) {
      st.setString(1, job.state().name());
      st.setLong(2, job.bytesRead());
      st.setLong(3, job.rowsRead());
      st.setLong(4, job.imported());
      st.setLong(5, job.rejected());
      st.setString(6, job.finishedAt() == null ? null : job.finishedAt().toString());
      st.setString(7, job.error());
      st.setString(8, job.id());
      st.executeUpdate();
    }
  }

  static void insertRejections(Connection c, String jobId, List<Rejection> rejections)
      throws SQLException {
    if (rejections.isEmpty()) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO import_rejections (job_id, line, reason, reason_zh) VALUES (?, ?, ?, ?)")) {
      for (Rejection r : rejections) {
        st.setString(1, jobId);
        st.setLong(2, r.line());
        st.setString(3, r.reason());
        st.setString(4, r.reasonZh());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  void interruptUnfinished(Instant now) {
    database.transaction("interrupting unfinished imports", c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE import_jobs SET state = 'INTERRUPTED',"
          + " finished_at = ?, error = 'the hub stopped during this import; import the file again'"
          + " WHERE state IN ('QUEUED', 'RUNNING')")) {
        st.setString(1, now.toString());
        return st.executeUpdate();
      }
    });
  }

  Optional<ImportJob> find(String id) {
    List<ImportJob> jobs = query("SELECT " + COLUMNS + " FROM import_jobs WHERE id = ?", id);
    return jobs.stream().findFirst();
  }

  List<ImportJob> recent(int limit) {
    return query("SELECT " + COLUMNS + " FROM import_jobs ORDER BY started_at DESC LIMIT "
        + Math.max(1, limit), null);
  }

  List<Rejection> rejections(String id, int limit) {
    return database.read("listing rejected rows", c -> {
      List<Rejection> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT line, reason, reason_zh FROM import_rejections"
          + " WHERE job_id = ? ORDER BY line LIMIT ?")) {
        st.setString(1, id);
        st.setInt(2, limit);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      return out;
    });
  }

  /** Every organisation's parent, for the import's cycle check. */
  Map<String, String> parents() {
    return database.read("reading organisation parents", c -> {
      Map<String, String> parents = new HashMap<>();
      try (PreparedStatement st = c.prepareStatement("SELECT id, parent_id FROM organisations");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          parents.put(rs.getString(1), rs.getString(2));
        }
      }
      return parents;
    });
  }

  private List<ImportJob> query(String sql, String id) {
    return database.read("reading import jobs", c -> {
      List<ImportJob> jobs = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(sql)) {
        if (id != null) {
          st.setString(1, id);
        }
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            jobs.add(new ImportJob(rs.getString(1), ImportKind.valueOf(rs.getString(2)),
                rs.getString(3), ImportJob.State.valueOf(rs.getString(4)), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
                Instant.parse(rs.getString(11)), instant(rs.getString(12)), rs.getString(13)));
          }
        }
      }
      return jobs;
    });
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
