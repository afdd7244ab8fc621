package org.redvest.hub.domain.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.HubConfig;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.exports.CsvTable;
import org.redvest.hub.web.exports.HoursExport;

/**
 * Windowing of large exports against a session source that, like the store, answers at most
 * {@link Reports#MAX_ROWS} sessions per query: one session starts every minute, so a 7-day window
 * (10,080 sessions) comes back truncated and must be halved.
 */
class HoursRowsTest {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(30));

  @TempDir Path dir;
  private Database database;
  private final AtomicInteger queries = new AtomicInteger();
  private int largestAnswer;
  private Dashboard dashboard;

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("hub.db"));
    Clock clock = Clock.fixed(TO, ZoneOffset.UTC);
    SessionSource everyMinute = this::everyMinute;
    dashboard = new Dashboard(HubConfig.defaults(dir).dataDir(), HubConfig.defaults(dir).evidence(), clock, HoursFixture.ZONE, database, new Reports(database),
        new HoursCalculator(HoursCalculator.DEFAULT_MAX_SESSION, clock), everyMinute, HoursFixture.CATALOGUE);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void forEach_windowsOverTheCap_halvedSoEverySessionComesOnceInOrder() {
    List<Instant> starts = new ArrayList<>();
    new HoursRows(dashboard).forEach(filter(), row -> starts.add(row.session().start()));

    assertThat(starts).hasSize(30 * 24 * 60);
    assertThat(starts).isSorted().doesNotHaveDuplicates();
    assertThat(largestAnswer).isLessThan(Reports.MAX_ROWS);
  }

  @Test
  void csvExport_43200Sessions_streamedWithBoundedWindows() throws Exception {
    AtomicLong bytes = new AtomicLong();
    OutputStream counting = new OutputStream() {
      @Override public void write(int b) { bytes.incrementAndGet(); }
      @Override public void write(byte[] b, int off, int len) { bytes.addAndGet(len); }
    };
    long started = System.nanoTime();
    new HoursExport(new HoursRows(dashboard), HoursFixture.ZONE)
        .write(filter(), HoursExport.Shape.SESSIONS, Lang.ZH, new CsvTable(counting));
    long ms = (System.nanoTime() - started) / 1_000_000;

    assertThat(bytes.get()).isGreaterThan(43_200L * 60);
    System.out.printf("export of 43,200 sessions: %,d bytes of CSV in %,d ms, %d queries, largest answer %,d%n",
        bytes.get(), ms, queries.get(), largestAnswer);
  }

  private HoursFilter filter() {
    return new HoursFilter(FROM, TO, null, null, null, station -> true);
  }

  /** One 30-minute session starting each minute of the query, at most MAX_ROWS, as the store does. */
  private List<Session> everyMinute(SessionQuery q) {
    queries.incrementAndGet();
    List<Session> sessions = new ArrayList<>();
    for (Instant t = q.from(); t.isBefore(q.to()) && sessions.size() < Reports.MAX_ROWS; t = t.plusSeconds(60)) {
      sessions.add(new Session(HoursFixture.ZHANG, HoursFixture.RUIJIN, t.atOffset(ZoneOffset.ofHours(8)),
          t.plusSeconds(1800).atOffset(ZoneOffset.ofHours(8)), 30, SessionStatus.CLOSED,
          EnumSet.noneOf(SessionFlag.class), null, null));
    }
    largestAnswer = Math.max(largestAnswer, sessions.size() < Reports.MAX_ROWS ? sessions.size() : largestAnswer);
    return sessions;
  }
}
