package org.redvest.hub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bounded hand-over between broker threads and the writer. A full queue makes the broker's
 * delivering thread wait, which is the back-pressure; after {@link #close()} new messages are
 * dropped, safely, because nothing acknowledges them and terminals re-publish.
 */
public final class IngestQueue implements Consumer<InboundMessage> {
  public static final int DEFAULT_CAPACITY = 20_000;
  private static final long WAIT_SLICE_MS = 100;

  private final BlockingQueue<InboundMessage> queue;
  private volatile boolean closed;

  public IngestQueue(int capacity) {
    queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Enqueues the message, waiting while the queue is full; returns at once after close. */
  @Override
  public void accept(InboundMessage message) {
    try {
      while (!closed) {
        if (queue.offer(message, WAIT_SLICE_MS, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Up to {@code max} messages, waiting at most {@code waitMs} for the first. */
  List<InboundMessage> drain(int max, long waitMs) throws InterruptedException {
    List<InboundMessage> batch = new ArrayList<>();
    InboundMessage first = queue.poll(waitMs, TimeUnit.MILLISECONDS);
    if (first != null) {
      batch.add(first);
      queue.drainTo(batch, max - 1);
    }
    return batch;
  }

  public int size() {
    return queue.size();
  }

  void close() {
    closed = true;
  }
}
