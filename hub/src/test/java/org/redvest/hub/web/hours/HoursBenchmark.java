package org.redvest.hub.web.hours;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.redvest.hub.HubConfig;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.catalogue.CatalogueRows;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.Period;
import org.redvest.hub.hours.StarRules;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;
import org.redvest.protocol.StationId;

/**
 * How long the hours overview takes over N stored sessions (default 100,000 over one year,
 * 10,000 volunteers, 50 stations under 5 district organisations and one city). Prints one line
 * per run: the year by month for every station (the admin overview), then one station.
 *
 * <pre>
 * java -cp hub/target/test-classes:hub/target/classes:protocol/target/classes:$(cat cp.txt) \
 *     org.redvest.hub.web.hours.HoursBenchmark 100000
 * </pre>
 */
public final class HoursBenchmark {
  private HoursBenchmark() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("hours-bench");
    Clock clock = Clock.fixed(OffsetDateTime.parse("2026-12-31T23:00:00+08:00").toInstant(),
        ZoneOffset.UTC);
    try (Database db = Database.open(dir.resolve("hub.db"))) {
      long t0 = System.nanoTime();
      fill(db, sessions);
      System.out.printf(Locale.ROOT, "filled %,d sessions and their check-in events in %.1f s%n",
          sessions, (System.nanoTime() - t0) / 1e9);
      HubConfig config = HubConfig.defaults(dir);
      HoursCalculator hours = new HoursCalculator(config.maxSession(), clock);
      Reports reports = new Reports(db);
      Dashboard dashboard = new Dashboard(config.dataDir(), config.evidence(), clock, config.zone(), db, reports, hours,
          q -> reports.sessions(q).stream().map(hours::asOfNow).toList(), new CatalogueRows(db));
      HoursReports hoursReports = new HoursReports(dashboard, StarRules.defaults());
      HoursReports.Range year = new HoursReports.Range(Period.MONTH, LocalDate.of(2026, 1, 1),
          LocalDate.of(2026, 12, 31), 2026);
      for (int run = 1; run <= 3; run++) {
        long t2 = System.nanoTime();
        long pages = 0;
        java.time.Instant cursor = java.time.Instant.EPOCH;
        while (true) {
          var page = reports.sessions(new org.redvest.hub.hours.SessionQuery(null, null, cursor,
              null));
          pages += page.size();
          if (page.size() < Reports.MAX_ROWS) {
            break;
          }
          cursor = page.get(page.size() - 1).start().plusMillis(1);
        }
        System.out.printf(Locale.ROOT, "session source pages only: %,d sessions in %,d ms%n",
            pages, (System.nanoTime() - t2) / 1_000_000);
        long t1 = System.nanoTime();
        long[] read = {0};
        hoursReports.scan().scan(null, null, java.time.Instant.EPOCH, null, 0,
            (s, a) -> read[0]++);
        System.out.printf(Locale.ROOT, "scan only (pages + activity ids): %,d sessions in %,d ms%n",
            read[0], (System.nanoTime() - t1) / 1_000_000);
      }
      for (int run = 1; run <= 5; run++) {
        HoursReports.Report all = hoursReports.report(new HoursReports.Scope("overview", null,
            "all", null, null, null), year);
        HoursReports.Report one = hoursReports.report(new HoursReports.Scope("station", "S-07",
            "S-07", Set.of(StationId.of("S-07")), null, null), year);
        System.out.printf(Locale.ROOT, "run %d: overview %,d sessions in %,d ms (%,.0f h, %d of"
            + " %d volunteers >= 25 h); one station %,d sessions in %,d ms%n", run,
            all.sessionsRead(), all.millis(), all.totals().minutes() / 60.0,
            all.yearShare().reached(), all.yearShare().active(), one.sessionsRead(), one.millis());
      }
    }
  }

  private static void fill(Database db, int count) {
    Random random = new Random(42);
    db.transaction("bench catalogue", c -> {
      try (var st = c.createStatement()) {
        st.executeUpdate("INSERT INTO organisations (id, name, updated_at) VALUES"
            + " ('CITY', '市', 'x')");
        for (int o = 1; o <= 5; o++) {
          st.executeUpdate("INSERT INTO organisations (id, name, parent_id, updated_at) VALUES"
              + " ('D-" + o + "', '区" + o + "', 'CITY', 'x')");
        }
        for (int s = 1; s <= 50; s++) {
          st.executeUpdate(String.format(Locale.ROOT, "INSERT INTO stations (id, name,"
              + " organisation_id, updated_at) VALUES ('S-%02d', '站%d', 'D-%d', 'x')", s, s,
              1 + s % 5));
        }
      }
      return null;
    });
    db.transaction("bench sessions", c -> {
      try (PreparedStatement session = c.prepareStatement("INSERT INTO sessions (volunteer,"
          + " ordinal, station, check_in_at, check_out_at, start_epoch_ms, minutes, status, flags,"
          + " check_in_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'CLOSED', '', ?)");
          PreparedStatement event = c.prepareStatement("INSERT INTO events (event_id, station,"
              + " terminal, terminal_seq, volunteer, kind, method, occurred_at,"
              + " occurred_at_epoch_ms, received_at, payload) VALUES (?, ?, 'k1', ?, ?,"
              + " 'CHECK_IN', 'QR', ?, ?, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          String volunteer = "V-" + random.nextInt(10_000);
          String station = String.format(Locale.ROOT, "S-%02d", 1 + random.nextInt(50));
          OffsetDateTime in = OffsetDateTime.of(2026, 1, 1, 7, 0, 0, 0, ZoneOffset.ofHours(8))
              .plusDays(random.nextInt(365)).plusMinutes(random.nextInt(600));
          int minutes = 60 + random.nextInt(180);
          String id = UUID.randomUUID().toString();
          session.setString(1, volunteer);
          session.setInt(2, i);
          session.setString(3, station);
          session.setString(4, in.toString());
          session.setString(5, in.plusMinutes(minutes).toString());
          session.setLong(6, in.toInstant().toEpochMilli());
          session.setLong(7, minutes);
          session.setString(8, id);
          session.addBatch();
          event.setString(1, id);
          event.setString(2, station);
          event.setLong(3, i + 1);
          event.setString(4, volunteer);
          event.setString(5, in.toString());
          event.setLong(6, in.toInstant().toEpochMilli());
          event.setString(7, in.toString());
          event.setString(8, "{\"v\":1,\"activityId\":\"A-" + random.nextInt(20) + "\"}");
          event.addBatch();
        }
        session.executeBatch();
        event.executeBatch();
      }
      return null;
    });
  }
}
