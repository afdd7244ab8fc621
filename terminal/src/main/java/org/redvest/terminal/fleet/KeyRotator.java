package org.redvest.terminal.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redvest.protocol.fleet.RotationNotice;
import org.redvest.protocol.fleet.TerminalAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates this kiosk's key when its hub asks (a {@link RotationNotice} the hub signed, read from
 * the terminal's {@code rotate} topic; docs/security.md, "Rotation"): on a thread of its own, through
 * {@link TerminalIdentity#rotate} at the hub's HTTPS port on the host the kiosk reaches its broker
 * by, trusting the hub's key as when it joined. Each request is carried out once: the time it was
 * asked is kept in {@code <data-dir>/fleet/rotation-done}, so the retained notice, read again at
 * each reconnection, does nothing more. When the hub cannot be reached the rotation is tried again
 * every {@link #RETRY}. After a rotation, {@code rotated} runs: the kiosk's links must start again
 * with the new login.
 */
public final class KeyRotator implements AutoCloseable {
  static final String DONE_FILE = "rotation-done";
  static final Duration RETRY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotator.class);

  private final Path dataDir;
  private final TerminalAccount account;
  private final String host;
  private final Runnable rotated;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "key-rotation");
        t.setDaemon(true);
        return t;
      });
  private volatile boolean closed;

  private KeyRotator(Path dataDir, TerminalAccount account, String host, Runnable rotated) {
    this.dataDir = dataDir;
    this.account = account;
    this.host = host;
    this.rotated = rotated;
  }

  /**
   * A rotator for the kiosk in {@code dataDir}, whose broker is at {@code brokerUrl} (the hub's
   * HTTPS is on the same host).
   */
  public static KeyRotator start(Path dataDir, TerminalAccount account, String brokerUrl,
      Runnable rotated) {
    return new KeyRotator(dataDir, account, URI.create(brokerUrl).getHost(), rotated);
  }

  /** Carries out {@code notice} in the background, unless it was carried out before. */
  public void request(RotationNotice notice) {
    if (!closed && notice.account().equals(account)) {
      thread.execute(() -> rotate(notice));
    }
  }

  private void rotate(RotationNotice notice) {
    if (closed || done().filter(at -> !at.isBefore(notice.requestedAt())).isPresent()) {
      return;
    }
    URI hub = URI.create("https://" + host + ":" + notice.httpsPort());
    TerminalIdentity identity;
    try {
      identity = TerminalIdentity.open(dataDir).rotate(hub, null);
    } catch (ProvisioningException e) {
      if (!e.unreachable()) {
        // Refused (revoked, or not the bound key): asking again would only be refused again.
        LOG.error("the key rotation {} asked for at {} was refused: {}", notice.requestedBy(),
            notice.requestedAt(), e.getMessage());
        return;
      }
      LOG.warn("the key rotation {} asked for at {} failed ({}); trying again in {}",
          notice.requestedBy(), notice.requestedAt(), e.getMessage(), RETRY);
      if (!closed) {
        thread.schedule(() -> rotate(notice), RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
      return;
    }
    try {
      markDone(notice.requestedAt());
    } catch (UncheckedIOException e) {
      // Rotated all the same; the hub clears its request, so it is not read again.
      LOG.error("rotated, but {}", e.getMessage());
    }
    LOG.info("rotated this kiosk's key at {}'s request (asked {}): now {}", notice.requestedBy(),
        notice.requestedAt(), identity.fingerprint());
    rotated.run();
  }

  private Optional<Instant> done() {
    Path file = dataDir.resolve(TerminalIdentity.DIR).resolve(DONE_FILE);
    try {
      return Files.exists(file)
          ? Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip()))
          : Optional.empty();
    } catch (IOException | java.time.DateTimeException e) {
      LOG.warn("{} unreadable ({}): a rotation asked again is carried out again", file, e.toString());
      return Optional.empty();
    }
  }

  private void markDone(Instant requestedAt) {
    TerminalIdentity.writeKept(dataDir.resolve(TerminalIdentity.DIR).resolve(DONE_FILE),
        requestedAt + "\n");
  }

  /** Stops; a rotation under way finishes, none is tried again. */
  @Override
  public void close() {
    closed = true;
    thread.shutdown();
  }
}
