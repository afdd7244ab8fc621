package org.redvest.hub.domain.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.PahoTerminal;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.exports.HoursFilter;
import org.redvest.hub.domain.exports.HoursFixture;
import org.redvest.hub.domain.exports.HoursRow;
import org.redvest.hub.domain.exports.HoursRows;
import org.redvest.hub.hours.Approval;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.DayApprovals;
import org.redvest.hub.store.Reports;
import org.redvest.protocol.EventKind;

/**
 * Certificates and exports state the hours that count: a day over the daily cap contributes its
 * first 8 h until the day is approved, then up to 12 h (organisation) or all of it (higher).
 * Sessions come from real check-ins over MQTT into a real hub; the reports read its SQLite file.
 */
class CappedReportsTest {
  private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
  private static final LocalDate TO = LocalDate.of(2026, 11, 30);

  @TempDir Path dataDir;
  private Hub hub;
  private Database database;
  private DayApprovals approvals;
  private Certificates certificates;
  private HoursRows rows;

  @BeforeEach
  void start() throws Exception {
    hub = Hub.start(HubConfig.local(dataDir));
    String v = HoursFixture.ZHANG.value();
    // 10 Nov: 06:00-12:00 at Ganzhou, 13:00-19:30 at Ruijin, 12 h 30 min in all; 11 Nov: 1 h at Ruijin
    try (PahoTerminal ganzhou = new PahoTerminal(hub, 
        HoursFixture.GANZHOU.value(), "kiosk-2")) {
      ganzhou.publish(ganzhou.event(1, v, EventKind.CHECK_IN, "2026-11-10T06:00:00+08:00"));
      ganzhou.publish(ganzhou.event(2, v, EventKind.CHECK_OUT, "2026-11-10T12:00:00+08:00"));
      await().atMost(Duration.ofSeconds(15)).until(() -> Long.valueOf(2).equals(ganzhou.lastAck()));
    }
    try (PahoTerminal ruijin = new PahoTerminal(hub, 
        HoursFixture.RUIJIN.value(), "kiosk-1")) {
      ruijin.publish(ruijin.event(1, v, EventKind.CHECK_IN, "2026-11-10T13:00:00+08:00"));
      ruijin.publish(ruijin.event(2, v, EventKind.CHECK_OUT, "2026-11-10T19:30:00+08:00"));
      ruijin.publish(ruijin.event(3, v, EventKind.CHECK_IN, "2026-11-11T09:00:00+08:00"));
      ruijin.publish(ruijin.event(4, v, EventKind.CHECK_OUT, "2026-11-11T10:00:00+08:00"));
      await().atMost(Duration.ofSeconds(15)).until(() -> Long.valueOf(4).equals(ruijin.lastAck()));
    }
    database = Database.open(dataDir.resolve("hub.db"));
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), HoursFixture.ZONE);
    Reports reports = new Reports(database);
    HoursCalculator hours = new HoursCalculator(hub.config().maxSession(), clock);
    SessionSource sessions = q -> reports.sessions(q).stream().map(hours::asOfNow).toList();
    assertThat(sessions.sessions(new SessionQuery(null, null, null, null))).hasSize(3);
    approvals = new DayApprovals(database, clock);
    Dashboard dashboard = new Dashboard(hub.config().dataDir(), hub.config().evidence(), clock, HoursFixture.ZONE, database, reports, hours,
        sessions, HoursFixture.CATALOGUE, approvals);
    certificates = new Certificates(dashboard, CertificateSettings.defaults());
    rows = new HoursRows(dashboard);
  }

  @AfterEach
  void stop() {
    database.close();
    hub.close();
  }

  @Test
  void record_dayOverCap_pendingMinutesLeftOutUntilApproved() {
    assertThat(minutes(FROM, TO)).as("8 h of the long day + 1 h").isEqualTo(480 + 60);

    approvals.grant(HoursFixture.ZHANG, LocalDate.of(2026, 11, 10), Approval.ORGANISATION, "rj-manager", "flood relief");
    assertThat(minutes(FROM, TO)).as("organisation approval: up to 12 h").isEqualTo(720 + 60);

    approvals.grant(HoursFixture.ZHANG, LocalDate.of(2026, 11, 10), Approval.HIGHER, "admin", "confirmed");
    assertThat(minutes(FROM, TO)).as("higher approval: all of it").isEqualTo(750 + 60);
  }

  @Test
  void record_managerOfOneStation_dayCapCountsTheOtherStationsSessionFirst() {
    // the Ruijin manager certifies only Ruijin's sessions, but the morning at Ganzhou used 6 h of
    // the day's 8 h: the Ruijin evening counts 2 h until the day is approved
    assertThat(minutes(FROM, TO, HoursFixture.MANAGER)).isEqualTo(120 + 60);
    approvals.grant(HoursFixture.ZHANG, LocalDate.of(2026, 11, 10), Approval.ORGANISATION, "rj-manager", "ok");
    assertThat(minutes(FROM, TO, HoursFixture.MANAGER)).isEqualTo(360 + 60);
    // a period starting the day after: the long day is not in it
    assertThat(minutes(LocalDate.of(2026, 11, 11), TO, HoursFixture.ADMIN)).isEqualTo(60);
    assertThatThrownBy(() -> minutes(LocalDate.of(2026, 11, 12), TO, HoursFixture.ADMIN))
        .isInstanceOf(CertificateException.class).hasMessageContaining("no credited hours");
  }

  @Test
  void exportRows_everyStationOrOneStation_countedAndPendingMinutesPerSession() {
    Instant from = FROM.atStartOfDay(HoursFixture.ZONE).toInstant();
    Instant to = TO.plusDays(1).atStartOfDay(HoursFixture.ZONE).toInstant();
    // every station (the window's own sessions are the day's context)
    List<HoursRow> all = rows.list(new HoursFilter(from, to, null, null, null, s -> true));
    assertThat(all).extracting(HoursRow::countedMinutes).containsExactly(360L, 120L, 60L);
    assertThat(all).extracting(r -> r.cap().pendingMinutes()).containsExactly(0L, 270L, 0L);
    assertThat(all.get(1).grade()).isEqualTo(org.redvest.hub.hours.EvidenceGrade.NEEDS_REVIEW);
    assertThat(all.get(1).hours()).isEqualTo(2.0);
    // one station: the day's morning elsewhere is read by volunteer and still counted first
    List<HoursRow> ruijin = rows.list(new HoursFilter(from, to, null, HoursFixture.RUIJIN, null,
        s -> s.equals(HoursFixture.RUIJIN)));
    assertThat(ruijin).extracting(HoursRow::countedMinutes).containsExactly(120L, 60L);

    approvals.grant(HoursFixture.ZHANG, LocalDate.of(2026, 11, 10), Approval.HIGHER, "admin", "confirmed");
    assertThat(rows.list(new HoursFilter(from, to, null, null, null, s -> true)))
        .extracting(HoursRow::countedMinutes).containsExactly(360L, 390L, 60L);
  }

  private long minutes(LocalDate from, LocalDate to) {
    return minutes(from, to, HoursFixture.ADMIN);
  }

  private long minutes(LocalDate from, LocalDate to, org.redvest.hub.domain.Principal who) {
    return certificates.record(new Certificates.Request(HoursFixture.ZHANG, from, to, null), who).totalMinutes();
  }
}
