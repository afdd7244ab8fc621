package org.redvest.hub.domain.catalogue;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.redvest.hub.store.Database;

/**
 * Time to import N volunteer rows (default 1,000,000) with names, organisations and identity
 * numbers into a fresh SQLite file, as the background job does it. Prints rows/s and the file
 * size; run like {@code HoursBenchmark} (docs/benchmarks.md, "Volunteer import").
 */
public final class ImportBenchmark {
  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("import-bench");
    Path csv = dir.resolve("volunteers.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("\uFEFFid,name,organisation_id,id_number\n");
      for (int i = 0; i < rows; i++) {
        out.write(String.format(Locale.ROOT, "V-360781-%07d,志愿者%d,ORG-%d,E%08d%n", i, i,
            i % 20, i));
      }
    }
    try (Database db = Database.open(dir.resolve("hub.db"))) {
      db.transaction("bench organisations", c -> {
        try (var st = c.createStatement()) {
          for (int o = 0; o < 20; o++) {
            st.executeUpdate("INSERT INTO organisations (id, name, updated_at) VALUES ('ORG-" + o
                + "', '组织', 'x')");
          }
        }
        return null;
      });
      CatalogueRows catalogue = new CatalogueRows(db);
      try (ImportJobs jobs = ImportJobs.start(db, catalogue, dir, Clock.systemUTC(), j -> { });
          InputStream in = Files.newInputStream(csv)) {
        long t0 = System.nanoTime();
        ImportJob job = jobs.submit(ImportKind.VOLUNTEERS, "volunteers.csv", in, "bench");
        while (!jobs.job(job.id()).orElseThrow().state().finished()) {
          Thread.sleep(200); // a benchmark main polling, not a test
        }
        double s = (System.nanoTime() - t0) / 1e9;
        ImportJob done = jobs.job(job.id()).orElseThrow();
        System.out.printf(Locale.ROOT, "%s: %,d rows (%,d MB) imported %,d rejected %,d in %.1f s"
            + " = %,.0f rows/s; database %,d MB%n", done.state(), done.rowsRead(),
            Files.size(csv) >> 20, done.imported(), done.rejected(), s, done.rowsRead() / s,
            Files.size(dir.resolve("hub.db")) >> 20);
        // Run twice on the same rows: every row now updates an existing id.
        try (InputStream again = Files.newInputStream(csv)) {
          long t1 = System.nanoTime();
          ImportJob second = jobs.submit(ImportKind.VOLUNTEERS, "again.csv", again, "bench");
          while (!jobs.job(second.id()).orElseThrow().state().finished()) {
            Thread.sleep(200);
          }
          System.out.printf(Locale.ROOT, "re-import (all updates): %.1f s%n",
              (System.nanoTime() - t1) / 1e9);
        }
      }
    }
  }
}
