package org.redvest.hub.ingest;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.Session;
import org.redvest.hub.store.CommitResult;
import org.redvest.hub.store.IngestBatch;
import org.redvest.hub.store.Ledger;
import org.redvest.hub.store.ReceivedEvent;
import org.redvest.protocol.Ack;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes: drains the queue in batches of up to {@value #MAX_BATCH}, commits
 * each batch in one transaction, then publishes each affected terminal's ack, then recomputes the
 * sessions of the affected volunteers (after the acks, so hours never delay an ack).
 */
public final class IngestWriter implements AutoCloseable {
  public static final int MAX_BATCH = 2000;
  private static final long IDLE_WAIT_MS = 200;
  private static final long MAX_SESSION_LAG_NS = TimeUnit.SECONDS.toNanos(2);
  private static final Logger LOG = LoggerFactory.getLogger("ingest");
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final IngestQueue queue;
  private final Ledger ledger;
  private final AckPublisher acks;
  private final Triage triage;
  private final HoursCalculator hours;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "ingest-writer"));
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final Set<VolunteerId> staleVolunteers = new LinkedHashSet<>();
  private long lastRecomputeNanos = System.nanoTime();
  private volatile boolean running = true;

  private IngestWriter(
      IngestQueue queue, Ledger ledger, AckPublisher acks, Topics topics, HoursCalculator hours) {
    this.queue = queue;
    this.ledger = ledger;
    this.acks = acks;
    this.triage = new Triage(topics);
    this.hours = hours;
  }

  /** Starts the writer thread; it first re-publishes every known terminal's ack. */
  public static IngestWriter start(
      IngestQueue queue, Ledger ledger, AckPublisher acks, Topics topics, HoursCalculator hours) {
    IngestWriter writer = new IngestWriter(queue, ledger, acks, topics, hours);
    writer.thread.execute(writer::run);
    return writer;
  }

  public IngestStats stats() {
    return new IngestStats(stored.get(), duplicates.get(), deadLettered.get(), batches.get(),
        failedBatches.get(), queue.size());
  }

  private void run() {
    republishAcks();
    while (running) {
      try {
        List<InboundMessage> batch = queue.drain(MAX_BATCH, IDLE_WAIT_MS);
        if (!batch.isEmpty()) {
          process(batch);
        }
        if (queue.size() == 0 || System.nanoTime() - lastRecomputeNanos > MAX_SESSION_LAG_NS) {
          recomputeSessions();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Nothing of this batch was acknowledged; terminals re-publish, so log and go on.
        failedBatches.incrementAndGet();
        LOG.error("ingest batch failed; its events stay unacknowledged", e);
      }
    }
  }

  public static final long[] T = new long[8];
  private void process(List<InboundMessage> messages) {
    long t0=System.nanoTime();
    IngestBatch batch = triage.sort(messages);
    T[0]+=System.nanoTime()-t0; t0=System.nanoTime();
    if (batch.isEmpty()) {
      return;
    }
    CommitResult result = ledger.commit(batch);
    T[1]+=System.nanoTime()-t0; t0=System.nanoTime();
    batches.incrementAndGet();
    stored.addAndGet(result.stored().size());
    duplicates.addAndGet(result.duplicates());
    deadLettered.addAndGet(result.deadLettered());
    result.stored().forEach(IngestWriter::logCommitted);
    if (result.deadLettered() > 0) {
      LOG.warn("{} message(s) dead-lettered; see GET /api/dead-letters", result.deadLettered());
    }
    result.committedSeq().forEach((terminal, seq) -> acks.publishAck(terminal, new Ack(seq)));
    T[2]+=System.nanoTime()-t0;
    staleVolunteers.addAll(result.volunteers());
  }

  /**
   * Rewrites the sessions of volunteers with new events. Runs after the batch's acks, as soon as
   * the queue is empty; during a burst at least every {@link #MAX_SESSION_LAG_NS} ns, so a
   * volunteer in many consecutive batches is recomputed once rather than once per batch.
   */
  private void recomputeSessions() {
    lastRecomputeNanos = System.nanoTime();
    if (staleVolunteers.isEmpty()) {
      return;
    }
    long t0=System.nanoTime(); T[4]++;
    Map<VolunteerId, List<Session>> sessions = new LinkedHashMap<>();
    for (VolunteerId volunteer : staleVolunteers) {
      sessions.put(volunteer, hours.sessions(ledger.attendanceOf(volunteer)));
    }
    ledger.replaceSessions(sessions);
    staleVolunteers.clear();
    T[3]+=System.nanoTime()-t0;
  }

  private void republishAcks() {
    try {
      ledger.committedSeqs().forEach((terminal, seq) -> acks.publishAck(terminal, new Ack(seq)));
    } catch (RuntimeException e) {
      LOG.warn("could not re-publish acks at start-up; they follow the next events", e);
    }
  }

  private static void logCommitted(ReceivedEvent received) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    AttendanceEvent e = received.event();
    LOG.info("{} {} at {}/{} {} (seq {})", e.kind(), e.volunteerId(), e.stationId(),
        e.terminalId(), CLOCK_TIME.format(e.occurredAt()), e.terminalSeq());
  }

  /** Stops after the batch in hand; what is still queued stays unacknowledged. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    System.err.printf("TIMERS triage %d commit %d acks %d sessions %d ms (%d recomputes) insert %d seq %d fsync %d%n", T[0]/1000000, T[1]/1000000, T[2]/1000000, T[3]/1000000, T[4], T[5]/1000000, T[6]/1000000, T[7]/1000000);
    queue.close();
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
