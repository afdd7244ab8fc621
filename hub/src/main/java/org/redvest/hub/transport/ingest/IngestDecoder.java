package org.redvest.hub.transport.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.redvest.hub.store.IngestBatch;
import org.redvest.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage between the ingest queue and the writer: one thread that decodes and validates
 * messages ({@link Triage}) in arrival order, so the writer thread does only SQL, the commit and
 * the acks. Signature checks, the costly part, run on a pool of one thread per core, one per
 * chain run where a terminal's events link ({@link Triage}): parts of up to {@value #MAX_PART}
 * messages, so that a burst of one terminal's events mostly falls in one part. Arrival order is
 * kept because the first of two events claiming the same terminal
 * seq is the one stored and the later status of a terminal is the one kept. At most
 * {@value #MAX_PARTS_AHEAD} parts of {@value #MAX_PART} messages wait decoded; beyond that the
 * decoder waits and the ingest queue takes up the burst.
 */
final class IngestDecoder implements AutoCloseable {
  static final int MAX_PART = 2000;
  private static final int MAX_PARTS_AHEAD = 4;
  private static final long WAIT_MS = 200;
  private static final Logger LOG = LoggerFactory.getLogger("ingest");

  private final IngestQueue inbound;
  private final Triage triage;
  private final BlockingQueue<IngestBatch> decoded = new ArrayBlockingQueue<>(MAX_PARTS_AHEAD);
  private final AtomicInteger decodedMessages = new AtomicInteger();
  private final AtomicLong failedParts = new AtomicLong();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "ingest-decoder"));
  private volatile boolean running = true;

  private final ExecutorService verifiers;

  private IngestDecoder(IngestQueue inbound, Topics topics, Signatures signatures) {
    this.inbound = inbound;
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger n = new AtomicInteger();
    this.verifiers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ingest-verify-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.triage = new Triage(topics, signatures, verifiers);
  }

  static IngestDecoder start(IngestQueue inbound, Topics topics, Signatures signatures) {
    IngestDecoder decoder = new IngestDecoder(inbound, topics, signatures);
    decoder.thread.execute(decoder::run);
    return decoder;
  }

  /**
   * Decoded parts merged in arrival order, up to {@code maxMessages} messages (more only if the
   * first part alone is larger), waiting at most {@code waitMs} for the first part.
   */
  IngestBatch next(int maxMessages, long waitMs) throws InterruptedException {
    IngestBatch first = decoded.poll(waitMs, TimeUnit.MILLISECONDS);
    if (first == null) {
      return new IngestBatch(List.of(), List.of(), List.of(), List.of());
    }
    List<IngestBatch> parts = new ArrayList<>(List.of(first));
    int messages = size(first);
    IngestBatch more = decoded.peek();
    while (more != null && messages + size(more) <= maxMessages) {
      parts.add(decoded.poll());
      messages += size(more);
      more = decoded.peek();
    }
    decodedMessages.addAndGet(-messages);
    return merge(parts);
  }

  /** Messages decoded and waiting for the writer. */
  int size() {
    return decodedMessages.get();
  }

  /** Parts whose decoding failed unexpectedly (nothing of them acked; terminals re-publish). */
  long failedParts() {
    return failedParts.get();
  }

  private void run() {
    while (running) {
      try {
        List<InboundMessage> raw = inbound.drain(MAX_PART, WAIT_MS);
        if (!raw.isEmpty()) {
          handOver(triage.sort(raw));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failedParts.incrementAndGet();
        LOG.error("decoding ingest messages failed; they stay unacknowledged", e);
      }
    }
  }

  /** Only the decoder thread puts, so a part never overtakes an earlier one. */
  private void handOver(IngestBatch part) throws InterruptedException {
    if (part.isEmpty()) {
      return;
    }
    decodedMessages.addAndGet(size(part));
    while (running) {
      if (decoded.offer(part, WAIT_MS, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
    decodedMessages.addAndGet(-size(part));
  }

  private static int size(IngestBatch b) {
    return b.events().size() + b.refusals().size() + b.statuses().size() + b.heartbeats().size()
        + b.held().size();
  }

  private static IngestBatch merge(List<IngestBatch> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    IngestBatch merged = new IngestBatch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>());
    for (IngestBatch p : parts) {
      merged.events().addAll(p.events());
      merged.refusals().addAll(p.refusals());
      merged.statuses().addAll(p.statuses());
      merged.heartbeats().addAll(p.heartbeats());
      merged.held().addAll(p.held());
    }
    return merged;
  }

  /** Stops after the part in hand; what is not yet handed to the writer stays unacknowledged. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    verifiers.shutdown();
    stop(thread);
  }

  /** Shuts {@code thread} down, letting the task in hand finish for up to 10 s. */
  static void stop(ExecutorService thread) {
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
