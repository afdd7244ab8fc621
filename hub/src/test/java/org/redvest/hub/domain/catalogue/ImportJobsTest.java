package org.redvest.hub.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.store.Database;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/** Imports over a real SQLite file: real CSV fixtures, progress, rejections by line. */
class ImportJobsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Database database;
  private CatalogueRows catalogue;
  private ImportJobs jobs;
  private final List<ImportJob> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("hub.db"));
    catalogue = new CatalogueRows(database);
    jobs = ImportJobs.start(database, catalogue, dir, Clock.systemUTC(), progress::add);
  }

  @AfterEach
  void close() {
    jobs.close();
    database.close();
  }

  private ImportJob run(ImportKind kind, InputStream csv) throws IOException {
    ImportJob job = jobs.submit(kind, kind.code() + ".csv", csv, "admin");
    await().atMost(WAIT).until(() -> jobs.job(job.id()).orElseThrow().state().finished());
    return jobs.job(job.id()).orElseThrow();
  }

  private ImportJob runFixture(ImportKind kind, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/catalogue/" + name)) {
      return run(kind, in);
    }
  }

  private static InputStream text(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void import_organisationsFixture_goodRowsStoredBadRowRejectedWithLine() throws IOException {
    ImportJob job = runFixture(ImportKind.ORGANISATIONS, "organisations.csv");

    assertThat(job.state()).isEqualTo(ImportJob.State.DONE);
    assertThat(job.imported()).isEqualTo(2);
    assertThat(jobs.rejections(job.id(), 10)).extracting(ImportJobRows.Rejection::line)
        .containsExactly(4L);
    assertThat(jobs.rejections(job.id(), 10).get(0).reason())
        .startsWith("parent_id: unknown organisation \"ORG-NOPE\"");
    assertThat(catalogue.organisation("ORG-RJ").orElseThrow().parentId()).isEqualTo("ORG-JX");
    assertThat(catalogue.organisation("ORG-JX").orElseThrow().personInCharge()).isEqualTo("王主任");
  }

  @Test
  void import_volunteersWithBom_rejectsBadRowsByLineAndMasksIdNumbers() throws IOException {
    runFixture(ImportKind.ORGANISATIONS, "organisations.csv");

    ImportJob job = runFixture(ImportKind.VOLUNTEERS, "volunteers.csv");

    assertThat(job.state()).isEqualTo(ImportJob.State.DONE);
    assertThat(job.rowsRead()).isEqualTo(7);
    assertThat(job.imported()).isEqualTo(3);
    assertThat(job.rejected()).isEqualTo(4);
    assertThat(jobs.rejections(job.id(), 10))
        .extracting(ImportJobRows.Rejection::line, ImportJobRows.Rejection::reason)
        .containsExactly(
            tuple(4L, "id: not a volunteer id (letters, digits, . _ -, up to 64)"),
            tuple(5L, "name: missing"),
            tuple(6L, "organisation_id: unknown organisation \"ORG-NOPE\" (import organisations"
                + " first)"),
            tuple(7L, "id_number: the check digit of this resident identity number is wrong"));
    assertThat(jobs.rejections(job.id(), 10).get(2).reasonZh())
        .isEqualTo("organisation_id：未知组织“ORG-NOPE”（请先导入组织）");
    VolunteerInfo zhang = catalogue.volunteer(VolunteerId.of("V-360781-000101")).orElseThrow();
    assertThat(zhang.name()).isEqualTo("张三");
    assertThat(zhang.organisationId()).isEqualTo("ORG-RJ");
    assertThat(zhang.idNumberMasked()).isEqualTo("1****************X");
    assertThat(catalogue.volunteer(VolunteerId.of("V-360781-000107")).orElseThrow()
        .idNumberMasked()).isEqualTo("E*******8");
  }

  @Test
  void import_volunteers_fullIdNumberNeverWrittenToDatabaseFile() throws IOException {
    runFixture(ImportKind.ORGANISATIONS, "organisations.csv");
    runFixture(ImportKind.VOLUNTEERS, "volunteers.csv");
    database.close();

    byte[] needle = "11010519491231002".getBytes(StandardCharsets.US_ASCII);
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as(f.toString()).doesNotContain(new String(needle, StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(dir.resolve("imports")).isEmptyDirectory(); // the upload copy is gone too
    database = Database.open(dir.resolve("hub.db"));
  }

  @Test
  void import_tenThousandRows_reportsProgressPerBatchAndCompletes() throws IOException {
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 1; i <= 10_000; i++) {
      csv.append("V-").append(i).append(",志愿者").append(i).append('\n');
    }

    ImportJob job = run(ImportKind.VOLUNTEERS, text(csv.toString()));

    assertThat(job.state()).isEqualTo(ImportJob.State.DONE);
    assertThat(job.imported()).isEqualTo(10_000);
    assertThat(job.bytesRead()).isEqualTo(job.bytesTotal());
    List<ImportJob> running = progress.stream()
        .filter(p -> p.state() == ImportJob.State.RUNNING).toList();
    assertThat(running).hasSizeGreaterThanOrEqualTo(9);
    assertThat(running).extracting(ImportJob::rowsRead).isSorted();
    assertThat(running.get(0).progress()).isBetween(0.0, 0.99);
    assertThat(progress.get(progress.size() - 1).state()).isEqualTo(ImportJob.State.DONE);
    assertThat(catalogue.volunteer(VolunteerId.of("V-10000")).orElseThrow().name())
        .isEqualTo("志愿者10000");
  }

  @Test
  void import_sameIdAgain_updatesInPlace() throws IOException {
    run(ImportKind.STATIONS, text("id,name,latitude,longitude\nJX-RJ-0001,旧名,25.88,116.02\n"));

    run(ImportKind.STATIONS, text("id,name\nJX-RJ-0001,新名\n"));

    StationInfo s = catalogue.station(StationId.of("JX-RJ-0001")).orElseThrow();
    assertThat(s.name()).isEqualTo("新名");
    assertThat(s.latitude()).isNull();
    assertThat(catalogue.stations()).hasSize(1);
  }

  @Test
  void import_headerWithoutRequiredColumn_failsNamingIt() throws IOException {
    ImportJob job = run(ImportKind.STATIONS, text("id,title\nJX-1,x\n"));

    assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
    assertThat(job.error()).contains("no \"name\" column");
  }

  @Test
  void import_badCoordinatesAndUnknownStation_rejectedNamingColumn() throws IOException {
    ImportJob stations = run(ImportKind.STATIONS,
        text("id,name,latitude,longitude\nS-1,站,95,116\nS-2,站,25.8,\nS-3,站,25.8,116.0\n"));
    ImportJob activities = run(ImportKind.ACTIVITIES,
        text("id,name,station_id,content\nA-1,文明劝导,S-3,路口劝导\nA-2,x,S-1,\n"));

    assertThat(jobs.rejections(stations.id(), 10)).extracting(ImportJobRows.Rejection::reason)
        .containsExactly("latitude: must be decimal degrees from -90 to 90, was \"95\"",
            "latitude/longitude: give both or neither");
    assertThat(jobs.rejections(activities.id(), 10)).extracting(ImportJobRows.Rejection::line)
        .containsExactly(3L);
    assertThat(catalogue.activity("A-1").orElseThrow().content()).isEqualTo("路口劝导");
  }

  @Test
  void import_organisationCycle_rejected() throws IOException {
    run(ImportKind.ORGANISATIONS, text("id,name,parent_id\nA,甲,\nB,乙,A\n"));

    ImportJob job = run(ImportKind.ORGANISATIONS, text("id,name,parent_id\nA,甲,B\n"));

    assertThat(jobs.rejections(job.id(), 10).get(0).reason()).contains("a cycle");
    assertThat(catalogue.organisation("A").orElseThrow().parentId()).isNull();
  }

  @Test
  void start_afterHubStoppedMidImport_marksJobInterrupted() throws IOException {
    ImportJob job = run(ImportKind.STATIONS, text("id,name\nS-1,站\n"));
    database.transaction("simulate", c -> c.createStatement().executeUpdate(
        "UPDATE import_jobs SET state = 'RUNNING' WHERE id = '" + job.id() + "'"));
    jobs.close();

    jobs = ImportJobs.start(database, catalogue, dir, Clock.systemUTC(), p -> { });

    assertThat(jobs.job(job.id()).orElseThrow().state()).isEqualTo(ImportJob.State.INTERRUPTED);
  }

  @Test
  void close_calledTwice_isHarmless() {
    jobs.close();
    jobs.close();
  }
}
