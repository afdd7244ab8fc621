package org.redvest.hub.web;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * At most {@value #MAX_FAILURES} failed sign-ins per user name per minute; then the name is
 * refused, even with the right password, until the oldest failure is a minute old. Kept in memory:
 * a restart forgets it, which costs an attacker a restart per five guesses.
 */
public final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  private static final long WINDOW_MS = 60_000;
  private static final int MAX_NAMES = 10_000;

  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new HashMap<>();

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  public synchronized boolean blocked(String username) {
    Deque<Long> times = failures.get(key(username));
    if (times == null) {
      return false;
    }
    expire(times);
    return times.size() >= MAX_FAILURES;
  }

  public synchronized void failed(String username) {
    if (failures.size() >= MAX_NAMES) {
      failures.values().forEach(this::expire);
      failures.values().removeIf(Deque::isEmpty);
    }
    failures.computeIfAbsent(key(username), k -> new ArrayDeque<>()).addLast(clock.millis());
  }

  public synchronized void succeeded(String username) {
    failures.remove(key(username));
  }

  private void expire(Deque<Long> times) {
    long cutoff = clock.millis() - WINDOW_MS;
    while (!times.isEmpty() && times.peekFirst() <= cutoff) {
      times.removeFirst();
    }
  }

  private static String key(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
