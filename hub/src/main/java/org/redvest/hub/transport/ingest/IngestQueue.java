package org.redvest.hub.transport.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The hand-over between broker threads and the decoder, bounded by the memory its messages take
 * rather than by their number. A broker thread must not wait here: the embedded broker first
 * {@link #offer offers} each message and, when the bound is reached, hands it to a thread of its
 * own that waits in {@link #accept} while the publisher's PUBACK waits too, so a full queue slows
 * publishers without holding up the broker's logins and subscriptions. The bound is large
 * ({@value #DEFAULT_MAX_BYTES} bytes, about 100,000 typical events) and a wait is counted. After
 * {@link #close()} new messages are dropped, safely, because nothing acknowledges them and
 * terminals re-publish.
 */
public final class IngestQueue implements Consumer<InboundMessage> {
  public static final int DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
  /** Object headers, the topic string and the timestamp of a message, beside its payload. */
  private static final int OVERHEAD_BYTES = 160;
  private static final long WAIT_SLICE_MS = 100;

  private final BlockingQueue<InboundMessage> queue = new LinkedBlockingQueue<>();
  private final int maxBytes;
  private final Semaphore room;
  private final AtomicLong brokerWaits = new AtomicLong();
  private volatile boolean closed;

  public IngestQueue(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.room = new Semaphore(maxBytes, true);
  }

  /**
   * Enqueues the message if there is room for it now; {@code false} when the bytes queued are at
   * the bound (nothing enqueued). After {@link #close()} the message is dropped and {@code true}
   * returned: nobody waits for a closed queue.
   */
  public boolean offer(InboundMessage message) {
    if (closed) {
      return true;
    }
    if (!room.tryAcquire(footprint(message))) {
      return false;
    }
    queue.add(message);
    return true;
  }

  /** Enqueues the message, waiting only while the bytes queued are at the bound. */
  @Override
  public void accept(InboundMessage message) {
    int bytes = footprint(message);
    if (closed) {
      return;
    }
    if (!room.tryAcquire(bytes)) {
      brokerWaits.incrementAndGet();
      if (!awaitRoom(bytes)) {
        return;
      }
    }
    queue.add(message);
  }

  private boolean awaitRoom(int bytes) {
    try {
      while (!closed) {
        if (room.tryAcquire(bytes, WAIT_SLICE_MS, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** Up to {@code max} messages in arrival order, waiting at most {@code waitMs} for the first. */
  public List<InboundMessage> drain(int max, long waitMs) throws InterruptedException {
    List<InboundMessage> batch = new ArrayList<>();
    InboundMessage first = queue.poll(waitMs, TimeUnit.MILLISECONDS);
    if (first != null) {
      batch.add(first);
      queue.drainTo(batch, max - 1);
      room.release(batch.stream().mapToInt(this::footprint).sum());
    }
    return batch;
  }

  /** Messages waiting. */
  public int size() {
    return queue.size();
  }

  /** How often a broker thread found the queue at its bound and had to wait. */
  public long brokerWaits() {
    return brokerWaits.get();
  }

  void close() {
    closed = true;
  }

  /** The bytes a queued message is counted as; a message larger than the bound counts as it. */
  private int footprint(InboundMessage m) {
    long bytes = (long) m.payload().length + 2L * m.topic().length() + OVERHEAD_BYTES;
    return (int) Math.min(bytes, maxBytes);
  }
}
