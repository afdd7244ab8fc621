package org.redvest.terminal.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.fleet.TlsPin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins this kiosk to the fleet from the kiosk itself (docs/security.md, "Joining at the kiosk"):
 * a signed-in station manager types the claim code on the manager screen, or arms the camera
 * and holds up a join code (an offline bundle as a QR code, {@link ProvisioningBundle#joinCode})
 * from the hub's fleet page.
 *
 * <p>The camera reads join codes only while a manager has armed it, for {@link #ARMED_FOR}, and a
 * code it read is claimed only once the manager confirmed, on the PIN-protected screen, the hub
 * it names (address, TLS pin, signing key): the camera faces the public, anyone can make a join
 * code for a hub of their own, and a kiosk that took one would hand that hub the station's
 * records. A kiosk that has joined reads none. The claim runs on a thread of its own; {@code
 * onJoined} is called once the hub has bound this kiosk's key, so the kiosk starts again with its
 * new login. A hub that cannot be reached yet is tried again every {@code retry} with a join code
 * (it is kept like an offline bundle, until it joins or a manager forgets it), not with a typed
 * code.
 *
 * <p>Thread-safe: the frame loop, the manager's HTTP requests and the claim thread call in.
 */
public final class JoinDesk implements AutoCloseable {
  /** How long the camera reads join codes after a manager armed it. */
  public static final Duration ARMED_FOR = Duration.ofMinutes(3);
  private static final Logger LOG = LoggerFactory.getLogger(JoinDesk.class);

  /** Where joining stands. */
  public enum State {
    /** Not joined, and no claim under way. */
    NOT_JOINED,
    /** A manager armed the camera: the next join code for this kiosk is shown for confirmation. */
    ARMED,
    /** A join code was read; the manager confirms its hub ({@link Status#code}) or forgets it. */
    CONFIRM,
    /** A claim is at the hub. */
    JOINING,
    /** A join code is kept and tried again until its hub answers. */
    WAITING_FOR_HUB,
    /** The hub refused the last claim; {@link Status#detail} says why. */
    REFUSED,
    /** Joined: the kiosk starts again with its login (or already runs with it). */
    JOINED
  }

  /**
   * Where joining stands, for the manager screen.
   *
   * @param detail the hub's reason, the account joined, or null
   * @param by the manager who armed or claimed, or null
   * @param until when an armed camera stops reading join codes (or a read one waits no longer
   *     for confirmation), or null
   * @param code the join code read, while it waits for confirmation; else null
   */
  public record Status(State state, String detail, String by, Instant until, ProvisioningBundle code) {
    Status(State state, String detail, String by, Instant until) {
      this(state, detail, by, until, null);
    }
  }

  /**
   * What the kiosk says to a join code held up to its camera.
   *
   * @param accepted true when a claim started (or is under way), false when refused
   * @param message the screen's text, Chinese then English in brackets like the kiosk's others
   */
  public record Reply(boolean accepted, String message) {}

  private final Path dataDir;
  private final TerminalAccount account;
  private final Clock clock;
  private final Duration retry;
  private final Runnable onJoined;
  private final String suggestedHub;
  private final ExecutorService worker;
  private Status status;
  private byte[] read;
  private BundleJoiner waiting;
  private boolean closed;

  private JoinDesk(Path dataDir, TerminalAccount account, Clock clock, Duration retry,
      String suggestedHub, Runnable onJoined) {
    this.dataDir = dataDir;
    this.account = account;
    this.clock = clock;
    this.retry = retry;
    this.suggestedHub = suggestedHub;
    this.onJoined = onJoined;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "join-desk");
      t.setDaemon(true);
      return t;
    });
    TerminalIdentity identity = TerminalIdentity.open(dataDir);
    if (identity.joinedAs(account)) {
      this.status = new Status(State.JOINED, account.username(), null, null);
    } else if (identity.bundle().isPresent()) {
      // Kept from before (a bundle, or a join code read before a restart): the kiosk's start
      // tries it; a manager may forget it here.
      this.status = new Status(State.WAITING_FOR_HUB, "the kept join code or offline bundle for "
          + identity.bundle().get().hub() + " is tried again until its hub answers", null, null);
    } else {
      this.status = new Status(State.NOT_JOINED, null, null, null);
    }
  }

  /**
   * The join desk of the kiosk {@code account} with its data in {@code dataDir}.
   *
   * @param suggestedHub the hub's web address the manager screen offers, e.g. {@code
   *     https://hub.local:8443} (the manager may change it)
   * @param onJoined called once on the claim thread when the hub bound this kiosk
   */
  public static JoinDesk open(Path dataDir, TerminalAccount account, Clock clock, Duration retry,
      String suggestedHub, Runnable onJoined) {
    return new JoinDesk(dataDir, account, clock, retry, suggestedHub, onJoined);
  }

  public TerminalAccount account() {
    return account;
  }

  public String suggestedHub() {
    return suggestedHub;
  }

  /** The host of the hub address offered, which is the broker's this kiosk is set up with. */
  public String brokerHost() {
    String host = URI.create(suggestedHub).getHost();
    return host == null ? "" : host;
  }

  /**
   * Where joining stands now; an armed camera that timed out, or a read code nobody confirmed in
   * time, reads as not joined.
   */
  public synchronized Status status() {
    if ((status.state() == State.ARMED || status.state() == State.CONFIRM)
        && !clock.instant().isBefore(status.until())) {
      status = new Status(State.NOT_JOINED, null, null, null);
      read = null;
    }
    return status;
  }

  /**
   * Has the camera read join codes for {@link #ARMED_FOR}, on behalf of {@code manager}.
   *
   * @throws IllegalStateException when this kiosk has joined, or a claim is under way
   */
  public synchronized Status arm(String manager) {
    Objects.requireNonNull(manager, "manager");
    refuseWhenBusy();
    status = new Status(State.ARMED, null, manager, clock.instant().plus(ARMED_FOR));
    LOG.info("manager {} armed the camera for a join code until {}", manager, status.until());
    return status;
  }

  /**
   * Stops the camera reading join codes and drops a read one not yet confirmed (a manager pressed
   * cancel, or signed out).
   */
  public synchronized void disarm() {
    State state = status().state();
    if (state == State.ARMED || state == State.CONFIRM) {
      status = new Status(State.NOT_JOINED, null, null, null);
      read = null;
    }
  }

  /**
   * Claims with the join code read, once {@code manager} checked the hub it names.
   *
   * @throws IllegalStateException when no read code waits for confirmation
   */
  public synchronized Status confirm(String manager) {
    Objects.requireNonNull(manager, "manager");
    if (closed) {
      throw new IllegalStateException("the kiosk is stopping");
    }
    if (status().state() != State.CONFIRM) {
      throw new IllegalStateException("no join code waits for confirmation: scan one first");
    }
    ProvisioningBundle code = status.code();
    TerminalIdentity.open(dataDir).keepBundle(read);
    read = null;
    status = new Status(State.JOINING, code.hub().toString(), manager, null);
    LOG.info("manager {} confirmed the join code for {}: claiming at {}", manager,
        account.username(), code.hub());
    worker.execute(() -> claimKept(manager));
    return status;
  }

  /**
   * Forgets a join code kept while its hub could not be reached, or refused, or read and not yet
   * confirmed; the kiosk stays unjoined and stops trying it.
   *
   * @throws IllegalStateException when this kiosk has joined, or a claim is at the hub right now
   */
  public synchronized Status forget(String manager) {
    State state = status().state();
    if (state == State.JOINED || state == State.JOINING) {
      throw new IllegalStateException(state == State.JOINED
          ? "this kiosk has joined its fleet as " + account.username()
          : "a claim is at the hub right now: wait for its answer");
    }
    if (waiting != null) {
      waiting.close();
      waiting = null;
    }
    TerminalIdentity.open(dataDir).forgetBundle();
    read = null;
    status = new Status(State.NOT_JOINED, null, null, null);
    LOG.info("manager {} had the kiosk forget its kept join code", manager);
    return status;
  }

  /**
   * Claims this kiosk's place at {@code hub} with the one-time {@code code} a manager typed,
   * trusting an https hub only with the key {@code pin} names (null: the system's authorities);
   * the answer comes through {@link #status()}.
   *
   * @throws IllegalStateException when this kiosk has joined, or a claim is under way
   * @throws IllegalArgumentException when the address or pin cannot be used
   */
  public synchronized Status claim(String manager, URI hub, TlsPin pin, String code) {
    Objects.requireNonNull(manager, "manager");
    refuseWhenBusy();
    if (closed) {
      throw new IllegalStateException("the kiosk is stopping");
    }
    if (!ProvisioningBundle.isHubAddress(hub)) {
      throw new IllegalArgumentException("hub: the hub's web address, like https://hub.local:8443");
    }
    if (pin != null && !"https".equals(hub.getScheme())) {
      throw new IllegalArgumentException("pin: a TLS pin checks an https hub, not " + hub);
    }
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("code: the claim code from the hub's fleet page is required");
    }
    status = new Status(State.JOINING, hub.toString(), manager, null);
    LOG.info("manager {} claims {} at {}", manager, account.username(), hub);
    worker.execute(() -> {
      try {
        TerminalIdentity.open(dataDir).claim(hub, pin, code.strip(), account);
        joinedNow(manager);
      } catch (ProvisioningException e) {
        refused(manager, e.getMessage());
      } catch (RuntimeException e) {
        refused(manager, e.toString());
      }
    });
    return status;
  }

  /**
   * A join code the camera (or a scanner) read; empty when {@code text} is no join code at all,
   * so the kiosk reads it as a volunteer's code. When a manager armed the camera and the code is
   * whole, unexpired and for this kiosk, it waits for that manager to {@link #confirm} its hub.
   */
  public synchronized Optional<Reply> offer(String text) {
    if (!ProvisioningBundle.isJoinCode(text)) {
      return Optional.empty();
    }
    State state = status().state();
    if (state == State.JOINED) {
      return refuse("本机已入网，入网码无效", "this kiosk has joined its fleet: join code ignored");
    }
    if (state == State.JOINING || state == State.WAITING_FOR_HUB) {
      return Optional.of(new Reply(true, "正在入网… (joining the fleet…)"));
    }
    if (state == State.CONFIRM) {
      return Optional.of(new Reply(true, CONFIRM_MESSAGE));
    }
    if (state != State.ARMED) {
      return refuse("入网码需站长先在管理页点“扫码入网”",
          "a manager must arm joining on the manager screen first");
    }
    byte[] file = ProvisioningBundle.fileOfJoinCode(text);
    ProvisioningBundle bundle;
    try {
      bundle = ProvisioningBundle.read(file);
    } catch (ProtocolException e) {
      return refuse("入网码已损坏或被改动", "damaged or altered join code: " + e.getMessage());
    }
    if (!bundle.account().equals(account)) {
      // Not named on the public screen: whoever holds up codes learns nothing of this kiosk.
      LOG.info("join code for {} refused: this kiosk is {}", bundle.account().username(), account.username());
      return refuse("此入网码属于另一台终端", "this join code is for another kiosk");
    }
    if (!clock.instant().isBefore(bundle.expiresAt())) {
      return refuse("入网码已过期，请向中心管理员重新索取", "join code expired at " + bundle.expiresAt());
    }
    read = file;
    status = new Status(State.CONFIRM, bundle.hub().toString(), status.by(), clock.instant().plus(ARMED_FOR),
        bundle);
    LOG.info("join code for {} read while armed by {}: waiting for the manager to confirm hub {}",
        account.username(), status.by(), bundle.hub());
    return Optional.of(new Reply(true, CONFIRM_MESSAGE));
  }

  private static final String CONFIRM_MESSAGE =
      "已读取入网码，请站长在管理页核对中心后确认 (join code read: the manager confirms its hub on the manager screen)";

  /** Claims with the kept join code; keeps trying while its hub cannot be reached. */
  private void claimKept(String manager) {
    try {
      TerminalIdentity.open(dataDir).claimWithBundle();
      joinedNow(manager);
    } catch (ProvisioningException e) {
      if (e.unreachable()) {
        synchronized (this) {
          if (closed) {
            return;
          }
          status = new Status(State.WAITING_FOR_HUB, e.getMessage(), manager, null);
          waiting = BundleJoiner.start(dataDir, retry, () -> joinedNow(manager), reason -> {
            synchronized (this) {
              if (closed) {
                return;
              }
            }
            TerminalIdentity.open(dataDir).forgetBundle();
            refused(manager, reason);
          });
        }
      } else {
        TerminalIdentity.open(dataDir).forgetBundle();
        refused(manager, e.getMessage());
      }
    } catch (RuntimeException e) {
      TerminalIdentity.open(dataDir).forgetBundle();
      refused(manager, e.toString());
    }
  }

  private void joinedNow(String manager) {
    boolean stopped;
    synchronized (this) {
      status = new Status(State.JOINED, account.username(), manager, null);
      stopped = closed;
    }
    LOG.info("joined the fleet as {} from the kiosk (manager {})", account.username(), manager);
    if (!stopped) {
      // Not under this desk's lock: the kiosk closes (and so this desk) from here.
      onJoined.run();
    }
  }

  private synchronized void refused(String manager, String reason) {
    status = new Status(State.REFUSED, reason, manager, null);
    LOG.warn("the hub refused this kiosk's claim: {}", reason);
  }

  private void refuseWhenBusy() {
    State state = status().state();
    if (state == State.JOINED || joined()) {
      throw new IllegalStateException("this kiosk has joined its fleet as " + account.username());
    }
    if (state == State.JOINING || state == State.WAITING_FOR_HUB || state == State.CONFIRM) {
      throw new IllegalStateException(state == State.CONFIRM
          ? "a join code waits for confirmation: confirm or forget it first"
          : "a claim is under way: wait for the hub's answer, or forget the kept join code");
    }
  }

  private boolean joined() {
    return TerminalIdentity.open(dataDir).joinedAs(account);
  }

  private static Optional<Reply> refuse(String zh, String en) {
    return Optional.of(new Reply(false, zh + " (" + en + ")"));
  }

  /** Stops the claim thread and any retries; a kept join code is tried at the next start. */
  @Override
  public synchronized void close() {
    closed = true;
    // Not shutdownNow: the claim thread itself closes the kiosk once joined.
    worker.shutdown();
    if (waiting != null) {
      waiting.close();
    }
  }
}
