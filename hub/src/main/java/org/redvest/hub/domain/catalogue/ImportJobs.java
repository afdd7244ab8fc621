package org.redvest.hub.domain.catalogue;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.redvest.hub.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs CSV imports one at a time on a thread of its own ({@code redvest-import}). An upload is
 * first copied to {@code <dataDir>/imports/<id>.csv}, so the request returns at once; the job then
 * streams the file, commits {@value #BATCH_ROWS} rows per transaction (upsert by id) together with
 * its progress and rejected rows, and deletes the copy when done. A job still running when the
 * hub stops is marked INTERRUPTED at the next start; importing the same file again is safe.
 */
public final class ImportJobs implements AutoCloseable {
  static final int BATCH_ROWS = 1000;
  /** Rejected rows stored per job; all are counted, the first this many are listed. */
  public static final int MAX_STORED_REJECTIONS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

  private final Database database;
  private final CatalogueRows catalogue;
  private final Path dir;
  private final Clock clock;
  private final Consumer<ImportJob> progress;
  private final ExecutorService executor;
  private final ImportJobRows rows;
  private volatile boolean closing;
  private boolean closed;

  private ImportJobs(Database database, CatalogueRows catalogue, Path dir, Clock clock,
      Consumer<ImportJob> progress) {
    this.database = database;
    this.catalogue = catalogue;
    this.dir = dir;
    this.clock = clock;
    this.progress = progress;
    this.rows = new ImportJobRows(database);
    this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "redvest-import"));
  }

  /**
   * Starts the import runner; jobs left running by a previous hub are marked INTERRUPTED.
   *
   * @param progress told after every committed batch (the tests watch progress with it)
   */
  public static ImportJobs start(Database database, CatalogueRows catalogue, Path dataDir,
      Clock clock, Consumer<ImportJob> progress) {
    Path dir = dataDir.resolve("imports");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir, e);
    }
    ImportJobs jobs = new ImportJobs(database, catalogue, dir, clock, progress);
    jobs.rows.interruptUnfinished(clock.instant());
    try (var leftovers = Files.list(dir)) {
      leftovers.forEach(ImportJobs::deleteQuietly);
    } catch (IOException e) {
      LOG.warn("cannot list {}", dir, e);
    }
    return jobs;
  }

  /** Copies {@code body} aside and queues its import; returns the QUEUED job. */
  public ImportJob submit(ImportKind kind, String fileName, InputStream body, String startedBy)
      throws IOException {
    String id = UUID.randomUUID().toString();
    Path file = dir.resolve(id + ".csv");
    long size = Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
    ImportJob job = new ImportJob(id, kind, fileName, ImportJob.State.QUEUED, size, 0, 0, 0, 0,
        startedBy, clock.instant(), null, null);
    rows.insert(job);
    executor.execute(() -> run(job, file));
    return job;
  }

  public Optional<ImportJob> job(String id) {
    return rows.find(id);
  }

  /** The newest jobs first. */
  public List<ImportJob> recent(int limit) {
    return rows.recent(limit);
  }

  /** The job's rejected rows by line, at most {@code limit}. */
  public List<ImportJobRows.Rejection> rejections(String id, int limit) {
    return rows.rejections(id, limit);
  }

  private void run(ImportJob queued, Path file) {
    if (closing) {
      rows.update(queued.with(ImportJob.State.INTERRUPTED, 0, 0, 0, 0, clock.instant(),
          "the hub stopped before this import started; import the file again"));
      deleteQuietly(file);
      return;
    }
    ImportJob job = queued.with(ImportJob.State.RUNNING, 0, 0, 0, 0, null, null);
    try (CountingStream counted = new CountingStream(Files.newInputStream(file));
        Reader reader = new InputStreamReader(new BufferedInputStream(counted, 1 << 16),
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
      job = importRows(job, new CsvReader(reader), counted);
    } catch (IllegalArgumentException | IOException e) {
      job = job.with(ImportJob.State.FAILED, job.bytesRead(), job.rowsRead(), job.imported(),
          job.rejected(), clock.instant(), e.getMessage());
      rows.update(job);
    } catch (RuntimeException e) {
      LOG.error("import {} failed", job.id(), e);
      job = job.with(ImportJob.State.FAILED, job.bytesRead(), job.rowsRead(), job.imported(),
          job.rejected(), clock.instant(), "internal error: " + e);
      rows.update(job);
    } finally {
      deleteQuietly(file);
    }
    progress.accept(job);
    LOG.info("import {} of {} {}: {} rows, {} imported, {} rejected", job.id(), job.kind().code(),
        job.state(), job.rowsRead(), job.imported(), job.rejected());
  }

  private ImportJob importRows(ImportJob start, CsvReader csv, CountingStream counted)
      throws IOException {
    CsvReader.Row header = csv.next();
    if (header == null) {
      throw new IllegalArgumentException("the file is empty: it needs a header row");
    }
    RowParser parser = RowParser.of(start.kind(), header.fields(),
        catalogue.ids("organisations"), catalogue.ids("stations"), rows.parents());
    rows.update(start);
    ImportJob job = start;
    List<Object> batch = new ArrayList<>(BATCH_ROWS);
    List<ImportJobRows.Rejection> rejected = new ArrayList<>();
    long read = 0;
    CsvReader.Row row;
    while (true) {
      row = csv.next();
      if (row != null) {
        read++;
        try {
          batch.add(parser.parse(row.fields()));
        } catch (RowParser.Rejected e) {
          rejected.add(new ImportJobRows.Rejection(row.line(), e.getMessage(), e.zh()));
        }
      }
      boolean end = row == null || closing;
      if (end || batch.size() + rejected.size() >= BATCH_ROWS) {
        ImportJob.State state = row == null ? ImportJob.State.DONE
            : closing ? ImportJob.State.INTERRUPTED : ImportJob.State.RUNNING;
        job = job.with(state, row == null ? job.bytesTotal() : counted.count, read,
            job.imported() + batch.size(), job.rejected() + rejected.size(),
            state.finished() ? clock.instant() : null,
            state == ImportJob.State.INTERRUPTED ? "the hub stopped; import the file again" : null);
        commit(job, batch, rejected);
        batch.clear();
        rejected.clear();
        if (end) {
          return job;
        }
        progress.accept(job);
      }
    }
  }

  private void commit(ImportJob job, List<Object> batch, List<ImportJobRows.Rejection> rejected) {
    Instant now = clock.instant();
    database.transaction("importing " + job.kind().code(), c -> {
      upsert(c, job.kind(), batch, now);
      long alreadyStored = job.rejected() - rejected.size();
      int room = (int) Math.max(0, Math.min(rejected.size(), MAX_STORED_REJECTIONS - alreadyStored));
      ImportJobRows.insertRejections(c, job.id(), rejected.subList(0, room));
      ImportJobRows.update(c, job);
      return null;
    });
  }

  @SuppressWarnings("unchecked")
  private static void upsert(Connection c, ImportKind kind, List<Object> batch, Instant now)
      throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    List<?> values = batch;
    switch (kind) {
      case ORGANISATIONS -> CatalogueRows.upsertOrganisations(c, (List<Organisation>) values, now);
      case STATIONS -> CatalogueRows.upsertStations(c, (List<StationInfo>) values, now);
      case ACTIVITIES -> CatalogueRows.upsertActivities(c, (List<ActivityInfo>) values, now);
      case VOLUNTEERS -> CatalogueRows.upsertVolunteers(c, (List<VolunteerInfo>) values, now);
    }
  }

  /** Stops after the running job's current batch (marking it INTERRUPTED); idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    // Not shutdownNow: an interrupt would close the file channel under the reader mid-batch.
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("an import did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}", file, e);
    }
  }

  /** Counts bytes read, for the progress bar. */
  private static final class CountingStream extends FilterInputStream {
    volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
