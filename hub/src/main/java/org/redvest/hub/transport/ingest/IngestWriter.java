package org.redvest.hub.transport.ingest;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.redvest.hub.hours.HoursCalculator;
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
 * The one thread that writes: takes decoded messages from the {@link IngestDecoder} in batches of
 * up to {@value #MAX_BATCH}, commits each batch in one transaction, then publishes each affected
 * terminal's ack, then recomputes the sessions of the affected volunteers (after the acks, so
 * hours never delay an ack). It owns the decoder and starts and stops it.
 */
public final class IngestWriter implements AutoCloseable {
  public static final int MAX_BATCH = 2000;
  private static final long IDLE_WAIT_MS = 200;
  private static final long MAX_SESSION_LAG_NS = TimeUnit.SECONDS.toNanos(2);
  private static final int SESSION_STEP = 500;
  /** Volunteers rewritten per transaction while no message waits (a recovery or full recompute). */
  private static final int IDLE_SESSION_STEP = 2_000;
  private static final long REWRITE_RETRY_NS = TimeUnit.SECONDS.toNanos(5);
  /** The stored setting naming the rules the sessions were computed with. */
  static final String SESSION_RULES = "session-rules";
  private static final Logger LOG = LoggerFactory.getLogger("ingest");
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final IngestQueue queue;
  private final IngestDecoder decoder;
  private final Ledger ledger;
  private final AckPublisher acks;
  private final HoursCalculator hours;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "ingest-writer"));
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final Set<VolunteerId> staleVolunteers = new LinkedHashSet<>();
  private final AtomicInteger pendingSessions = new AtomicInteger();
  private final AtomicBoolean recomputeRequested = new AtomicBoolean();
  private volatile int recomputeTotal;
  private long lastRecomputeNanos = System.nanoTime();
  private long rewriteRetryAt = System.nanoTime();
  private volatile boolean running = true;
  private volatile Consumer<List<ReceivedEvent>> committedListener = events -> {};

  private IngestWriter(IngestQueue queue, Ledger ledger, AckPublisher acks, Topics topics,
      HoursCalculator hours, Signatures signatures) {
    this.queue = queue;
    this.decoder = IngestDecoder.start(queue, topics, signatures);
    this.ledger = ledger;
    this.acks = acks;
    this.hours = hours;
  }

  /** Starts the writer thread; it first re-publishes every known terminal's ack. */
  public static IngestWriter start(IngestQueue queue, Ledger ledger, AckPublisher acks,
      Topics topics, HoursCalculator hours, Signatures signatures) {
    IngestWriter writer = new IngestWriter(queue, ledger, acks, topics, hours, signatures);
    writer.thread.execute(writer::run);
    return writer;
  }

  /**
   * Calls {@code listener} on the writer thread with the events each batch stored for the first
   * time, after the commit and the acks. It must return at once (hand off, never block); what it
   * throws is logged and ignored.
   */
  public void onCommitted(Consumer<List<ReceivedEvent>> listener) {
    committedListener = listener;
  }

  public IngestStats stats() {
    return new IngestStats(stored.get(), duplicates.get(), deadLettered.get(), batches.get(),
        failedBatches.get() + decoder.failedParts(), waiting(), queue.brokerWaits());
  }

  /** Messages received and not yet in a batch: still encoded, or decoded. */
  private int waiting() {
    return queue.size() + decoder.size();
  }

  private void run() {
    republishAcks();
    recoverStaleSessions();
    while (running) {
      try {
        boolean rewriteDue = !staleVolunteers.isEmpty() && System.nanoTime() >= rewriteRetryAt;
        IngestBatch batch = decoder.next(MAX_BATCH, rewriteDue ? 0 : IDLE_WAIT_MS);
        if (!batch.isEmpty()) {
          process(batch);
        }
        if (recomputeRequested.get()) {
          try {
            recomputeTotal = ledger.markAllStale();
            staleVolunteers.addAll(ledger.staleVolunteers());
            pendingSessions.set(staleVolunteers.size());
            LOG.info("recomputing the sessions of {} volunteer(s)", recomputeTotal);
          } finally {
            recomputeRequested.set(false); // a failure is logged below; the admin may ask again
          }
        }
        if (waiting() == 0) {
          recomputeSessions(IDLE_SESSION_STEP);
        } else if (System.nanoTime() - lastRecomputeNanos > MAX_SESSION_LAG_NS) {
          recomputeSessions(SESSION_STEP);
        }
        pendingSessions.set(staleVolunteers.size());
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

  private void process(IngestBatch batch) {
    CommitResult result = ledger.commit(batch);
    batches.incrementAndGet();
    stored.addAndGet(result.stored().size());
    duplicates.addAndGet(result.duplicates());
    deadLettered.addAndGet(result.deadLettered());
    result.stored().forEach(IngestWriter::logCommitted);
    if (result.deadLettered() > 0) {
      LOG.warn("{} message(s) dead-lettered; see GET /api/dead-letters", result.deadLettered());
    }
    result.committedSeq().forEach((terminal, seq) -> acks.publishAck(terminal, new Ack(seq)));
    staleVolunteers.addAll(result.volunteers());
    if (!result.stored().isEmpty()) {
      try {
        committedListener.accept(result.stored());
      } catch (RuntimeException e) {
        LOG.warn("committed-events listener failed", e);
      }
    }
  }

  /**
   * At start: volunteers whose sessions a stopped hub left behind their events (marked in the
   * ingest transaction, cleared by the rewrite), and every volunteer when the sessions were
   * computed with other rules or settings ({@link HoursCalculator#fingerprint()}), including a
   * database from before the marks existed. They are rewritten between batches, as after a burst.
   */
  private void recoverStaleSessions() {
    try {
      String rules = hours.fingerprint();
      String stored = ledger.setting(SESSION_RULES);
      if (!rules.equals(stored)) {
        recomputeTotal = ledger.markAllStale();
        if (recomputeTotal > 0) {
          LOG.info("session rules changed ({} -> {}): recomputing the sessions of {} volunteer(s)",
              stored, rules, recomputeTotal);
        }
        ledger.saveSetting(SESSION_RULES, rules);
      }
      List<VolunteerId> stale = ledger.staleVolunteers();
      if (!stale.isEmpty() && recomputeTotal == 0) {
        recomputeTotal = stale.size();
        LOG.info("rewriting the sessions of {} volunteer(s) left behind their events by the last stop",
            stale.size());
      }
      staleVolunteers.addAll(stale);
      pendingSessions.set(staleVolunteers.size());
    } catch (RuntimeException e) {
      LOG.error("could not read the volunteers whose sessions are stale; they are rewritten with"
          + " their next event", e);
    }
  }

  /** Queues a recompute of every volunteer's sessions from their events (an admin action). */
  public void recomputeAll() {
    recomputeRequested.set(true);
  }

  /**
   * Progress of session rewrites: volunteers still to rewrite, out of the last recovery or full
   * recompute (0 of 0 when none ran).
   */
  public Recompute recompute() {
    int pending = recomputeRequested.get() ? Math.max(1, pendingSessions.get()) : pendingSessions.get();
    return new Recompute(pending, Math.max(recomputeTotal, pending));
  }

  /** Volunteers whose sessions wait to be rewritten, out of {@code total}. */
  public record Recompute(int pending, int total) {}

  /**
   * Rewrites the sessions of up to {@code max} volunteers with new events, those waiting longest
   * first. Runs after the batch's acks: {@value #IDLE_SESSION_STEP} per pass while no message
   * waits (passes follow each other without waiting); during a burst, once {@link
   * #MAX_SESSION_LAG_NS} has passed, {@value #SESSION_STEP} between consecutive batches until none
   * wait, so a volunteer in many consecutive batches is recomputed once and thousands of
   * volunteers never hold up the next batch's ack for long.
   */
  private void recomputeSessions(int max) {
    if (staleVolunteers.isEmpty()) {
      lastRecomputeNanos = System.nanoTime();
      return;
    }
    if (System.nanoTime() < rewriteRetryAt) {
      return;
    }
    List<VolunteerId> step = staleVolunteers.stream().limit(max).toList();
    try {
      ledger.rewriteSessions(step, hours::sessions);
      step.forEach(staleVolunteers::remove);
    } catch (RuntimeException e) {
      rewriteOneByOne(step, e);
    }
    if (staleVolunteers.isEmpty()) {
      lastRecomputeNanos = System.nanoTime();
    }
  }

  /**
   * After a failed step: each volunteer on their own, so one volunteer whose sessions cannot be
   * rewritten (their mark stays in the database for the next start, and the error is logged)
   * does not hold up everyone else. When none succeeds (the database is failing), retry later
   * rather than spin while batches keep being committed and acknowledged.
   */
  private void rewriteOneByOne(List<VolunteerId> step, RuntimeException stepFailure) {
    int rewritten = 0;
    for (VolunteerId volunteer : step) {
      try {
        ledger.rewriteSessions(List.of(volunteer), hours::sessions);
        staleVolunteers.remove(volunteer);
        rewritten++;
      } catch (RuntimeException e) {
        if (rewritten > 0 || step.size() == 1) {
          staleVolunteers.remove(volunteer);
          LOG.error("the sessions of {} cannot be rewritten; they stay marked stale until the next"
              + " start or recompute", volunteer, e);
        }
      }
    }
    if (rewritten == 0 && step.size() > 1) {
      rewriteRetryAt = System.nanoTime() + REWRITE_RETRY_NS;
      LOG.error("rewriting the sessions of {} volunteer(s) failed; retrying in {} s", step.size(),
          TimeUnit.NANOSECONDS.toSeconds(REWRITE_RETRY_NS), stepFailure);
    }
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
    queue.close();
    decoder.close();
    IngestDecoder.stop(thread);
  }
}
