package org.redvest.hub.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.redvest.hub.store.ReceivedEvent;
import org.redvest.protocol.StationId;

/**
 * Fans committed events out to the live pages. {@link #publish} runs on the ingest writer thread
 * and never blocks it: each subscriber has a queue of {@value #QUEUE} events, and a subscriber
 * that falls behind loses its oldest events, never delays the writer or the other subscribers.
 * The last {@value #KEEP} events are kept for a page that just opened.
 */
public final class LiveFeed implements AutoCloseable {
  static final int KEEP = 100;
  static final int QUEUE = 256;

  private final Deque<ReceivedEvent> recent = new ArrayDeque<>();
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /** Called by the ingest writer after a batch commits; returns at once. */
  public void publish(List<ReceivedEvent> events) {
    synchronized (recent) {
      for (ReceivedEvent e : events) {
        recent.addFirst(e);
        if (recent.size() > KEEP) {
          recent.removeLast();
        }
      }
    }
    for (Subscription s : subscriptions) {
      events.forEach(s::offer);
    }
  }

  /** The last events (newest first) that {@code canSee} admits. */
  public List<ReceivedEvent> recent(Predicate<StationId> canSee) {
    synchronized (recent) {
      return recent.stream().filter(e -> canSee.test(e.event().stationId())).toList();
    }
  }

  /** A subscription to events of the stations {@code canSee} admits; close it when done. */
  public Subscription subscribe(Predicate<StationId> canSee) {
    Subscription s = new Subscription(canSee);
    subscriptions.add(s);
    if (closed) {
      s.close();
    }
    return s;
  }

  /** Events dropped from slow subscribers' queues since start. */
  public long dropped() {
    return dropped.get();
  }

  int subscribers() {
    return subscriptions.size();
  }

  /** Ends every subscription, waking their readers. Idempotent. */
  @Override
  public void close() {
    closed = true;
    new ArrayList<>(subscriptions).forEach(Subscription::close);
  }

  /** One reader's queue. */
  public final class Subscription implements AutoCloseable {
    private final Predicate<StationId> canSee;
    private final LinkedBlockingDeque<Optional<ReceivedEvent>> queue =
        new LinkedBlockingDeque<>(QUEUE);
    private volatile boolean open = true;

    private Subscription(Predicate<StationId> canSee) {
      this.canSee = canSee;
    }

    private void offer(ReceivedEvent event) {
      if (!open || !canSee.test(event.event().stationId())) {
        return;
      }
      while (!queue.offerLast(Optional.of(event))) {
        if (queue.pollFirst() != null) {
          dropped.incrementAndGet();
        }
      }
    }

    /** The next event, or empty after {@code wait} without one or once closed. */
    public Optional<ReceivedEvent> next(Duration wait) throws InterruptedException {
      if (!open) {
        return Optional.empty();
      }
      Optional<ReceivedEvent> item = queue.pollFirst(wait.toMillis(), TimeUnit.MILLISECONDS);
      return item == null ? Optional.empty() : item;
    }

    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      if (!open) {
        return;
      }
      open = false;
      subscriptions.remove(this);
      queue.clear();
      queue.offerLast(Optional.empty());
    }
  }
}
