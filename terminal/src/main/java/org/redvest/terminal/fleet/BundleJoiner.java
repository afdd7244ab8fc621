package org.redvest.terminal.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the fleet with a kept offline bundle as soon as the hub answers (docs/security.md,
 * "Offline bundles"): tries every {@code interval} on a thread of its own, calls {@code onJoined}
 * once it has, and gives up (logging why) when the hub refuses the bundle's code.
 */
public final class BundleJoiner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BundleJoiner.class);

  private final ScheduledExecutorService thread;
  private volatile Thread worker;

  private BundleJoiner(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  public static BundleJoiner start(Path dataDir, Duration interval, Runnable onJoined) {
    return start(dataDir, interval, onJoined, reason -> { });
  }

  /** Like the above; {@code onRefused} hears the hub's reason when it refuses the bundle. */
  public static BundleJoiner start(Path dataDir, Duration interval, Runnable onJoined,
      java.util.function.Consumer<String> onRefused) {
    BundleJoiner[] self = new BundleJoiner[1];
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bundle-joiner");
      t.setDaemon(true);
      self[0].worker = t;
      return t;
    });
    BundleJoiner joiner = new BundleJoiner(thread);
    self[0] = joiner;
    thread.scheduleWithFixedDelay(() -> {
      try {
        TerminalIdentity identity = TerminalIdentity.open(dataDir);
        if (identity.provisioning().isEmpty() && identity.bundle().isEmpty()) {
          LOG.info("the kept offline bundle was forgotten: no longer trying to join with it");
          thread.shutdown();
          return;
        }
        if (identity.provisioning().isEmpty()) {
          identity.claimWithBundle();
          LOG.info("joined the fleet with the offline bundle as {}", identity.fingerprint());
        }
        thread.shutdown();
        onJoined.run();
      } catch (ProvisioningException e) {
        if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
          // Stopped while asking (the kiosk is closing): not the hub's answer, so nothing to forget.
          thread.shutdown();
        } else if (e.unreachable()) {
          LOG.info("the hub is not reachable yet ({}); trying again in {}", e.getMessage(), interval);
        } else {
          LOG.error("the hub refused the offline bundle: {}. Ask its admin for a new one", e.getMessage());
          thread.shutdown();
          onRefused.accept(e.getMessage());
        }
      } catch (RuntimeException e) {
        LOG.warn("joining with the offline bundle failed: {}; trying again in {}", e.toString(), interval);
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return joiner;
  }

  /**
   * Stops trying. Called from {@code onJoined} itself (the kiosk closing once joined), it lets the
   * current try end rather than interrupt the thread the kiosk is closing on.
   */
  @Override
  public void close() {
    if (Thread.currentThread() == worker) {
      thread.shutdown();
    } else {
      thread.shutdownNow();
    }
  }
}
