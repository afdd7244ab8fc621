package org.redvest.terminal;

import java.time.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import org.redvest.profiles.Camera;
import org.redvest.profiles.Scanner;
import org.redvest.protocol.credential.Verifier;
import org.redvest.terminal.attendance.ActivityEnds;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.credential.BadgePolicy;
import org.redvest.terminal.credential.CodeReader;
import org.redvest.terminal.credential.RefusalLog;
import org.redvest.terminal.credential.RosterFile;
import org.redvest.terminal.credential.UsedPasses;
import org.redvest.terminal.face.CardCheck;
import org.redvest.terminal.face.FaceCheckIn;
import org.redvest.terminal.face.FaceSettings;
import org.redvest.terminal.face.FaceSetup;
import org.redvest.terminal.face.FaceUnavailableException;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.enrolment.Enrolments;
import org.redvest.terminal.face.enrolment.TemplateKey;
import org.redvest.terminal.face.enrolment.TemplateVault;
import org.redvest.terminal.face.opencv.OpenCvFaceReader;
import org.redvest.terminal.kiosk.CameraMonitor;
import org.redvest.terminal.kiosk.FrameLoop;
import org.redvest.terminal.kiosk.Kiosk;
import org.redvest.terminal.kiosk.LineInput;
import org.redvest.terminal.kiosk.Screen;
import org.redvest.terminal.kiosk.StationClock;
import org.redvest.terminal.policy.StationPolicy;
import java.util.Optional;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.fleet.JoinDesk;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.mqtt.MqttLogin;
import org.redvest.terminal.mqtt.PahoCredentialRelay;
import org.redvest.terminal.mqtt.PahoEnrolmentRelay;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.DeliveryLock;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.terminal.qr.QrScanner;
import org.redvest.terminal.attendance.Sightings;
import org.redvest.terminal.screen.FaceTap;
import org.redvest.terminal.screen.KioskParts;
import org.redvest.terminal.screen.ScreenPair;
import org.redvest.terminal.screen.ScreenSettings;
import org.redvest.terminal.screen.WebScreen;

/**
 * One running kiosk: outbox, relay to the hub, check-in decisions, QR input and the frame loop,
 * wired from a {@link TerminalConfig}. {@code main} and the end-to-end tests both start it here.
 */
public final class Terminal implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Terminal.class);
  private static final Duration REOPEN_CAMERA_AFTER = Duration.ofSeconds(5);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** How often a join code read at the kiosk is tried again while its hub cannot be reached. */
  private static final Duration JOIN_RETRY = Duration.ofSeconds(30);

  private final Outbox outbox;
  private final PahoRelay relay;
  private final Kiosk kiosk;
  private final FrameLoop frames;
  private final LineInput lineInput;
  private final FaceParts face;
  private final CredentialParts credentials;
  private final ScreenParts screenParts;
  private final DeliveryLock delivery;
  private final org.redvest.terminal.fleet.KeyRotator rotator;
  private final RestartSignal restart;
  private final JoinDesk joinDesk;
  private volatile boolean running;
  private boolean closed;

  /**
   * Set when the kiosk must start again with a new login (its key was rotated at the hub's
   * request); runs the hook {@link #onRestartNeeded} gives, even when it is given after.
   */
  private static final class RestartSignal {
    private volatile boolean needed;
    private volatile Runnable hook;

    void fire() {
      needed = true;
      Runnable h = hook;
      if (h != null) {
        h.run();
      }
    }

    void hook(Runnable h) {
      hook = h;
      if (needed) {
        h.run();
      }
    }
  }

  private Terminal(Outbox outbox, PahoRelay relay, Kiosk kiosk, FrameLoop frames, LineInput lineInput,
      FaceParts face, CredentialParts credentials, ScreenParts screenParts, DeliveryLock delivery,
      org.redvest.terminal.fleet.KeyRotator rotator, RestartSignal restart, JoinDesk joinDesk) {
    this.outbox = outbox;
    this.relay = relay;
    this.kiosk = kiosk;
    this.frames = frames;
    this.lineInput = lineInput;
    this.face = face;
    this.credentials = credentials;
    this.screenParts = screenParts;
    this.delivery = delivery;
    this.rotator = rotator;
    this.restart = restart;
    this.joinDesk = joinDesk;
  }

  /**
   * {@code hook} runs (on another thread) when this kiosk has rotated its key at the hub's
   * request: it must be closed and started again, so its links log in with the new login and its
   * outbox signs with the new key. Runs at once if that already happened.
   */
  public void onRestartNeeded(Runnable hook) {
    restart.hook(hook);
  }

  /** Whether the kiosk rotated its key and must start again ({@link #onRestartNeeded}). */
  public boolean restartNeeded() {
    return restart.needed;
  }

  /** Opens the outbox, starts relaying it, and prepares the kiosk; call {@link #runFrames()} next. */
  public static Terminal start(TerminalConfig config, Screen screen) {
    return start(config, screen, null);
  }

  /**
   * Like {@link #start(TerminalConfig, Screen)}, with face check-in when {@code faceSetup} is not
   * null: models loaded (checksums verified), templates decrypted from the vault into the gallery.
   */
  public static Terminal start(TerminalConfig config, Screen screen, FaceSetup faceSetup) {
    return start(config, screen, faceSetup, BadgePolicy.defaults());
  }

  /**
   * Like {@link #start(TerminalConfig, Screen, FaceSetup)} under the station's {@code policy} for
   * plain badges; signed credentials are verified offline against the roster either way.
   */
  public static Terminal start(TerminalConfig config, Screen screen, FaceSetup faceSetup, BadgePolicy policy) {
    return start(config, screen, faceSetup, policy, ScreenSettings.none());
  }

  /**
   * Like {@link #start(TerminalConfig, Screen, FaceSetup)} under the station's {@code policy}:
   * accepted methods, plain badges, activities (terminal README, "Station policy").
   */
  public static Terminal start(TerminalConfig config, Screen screen, FaceSetup faceSetup, StationPolicy policy) {
    return start(config, screen, faceSetup, policy, ScreenSettings.none());
  }

  /** Like {@link #start(TerminalConfig, Screen, FaceSetup, StationPolicy, ScreenSettings)} for a badge policy. */
  public static Terminal start(TerminalConfig config, Screen screen, FaceSetup faceSetup, BadgePolicy policy,
      ScreenSettings screenSettings) {
    StationPolicy all = StationPolicy.permissive();
    return start(config, screen, faceSetup, new StationPolicy(all.accepted(), policy.plainBadges(), List.of()),
        screenSettings);
  }

  /**
   * Like {@link #start(TerminalConfig, Screen, FaceSetup, StationPolicy)}, with the kiosk's web
   * screen on 127.0.0.1 when {@code screenSettings} enable it (besides {@code screen}, which keeps
   * logging), and with forgotten check-outs asked about there; the policy's activity schedule
   * supplies activity end times.
   */
  public static Terminal start(TerminalConfig config, Screen screen, FaceSetup faceSetup, StationPolicy policy,
      ScreenSettings screenSettings) {
    if (screenSettings.activities() == null || screenSettings.activities() == ActivityEnds.UNKNOWN) {
      screenSettings = screenSettings.withActivities(checkIn -> policy.activityEndAfter(checkIn.occurredAt()));
    }
    Clock wall = Clock.system(config.zone());
    Outbox outbox = Outbox.open(config.dataDir(), config.station(), config.terminal(), wall);
    TerminalIdentity identity = TerminalIdentity.open(config.dataDir());
    DeliveryLock delivery = DeliveryLock.tryAcquire(config.dataDir()).orElse(null);
    if (delivery == null) {
      LOG.warn("another process relays {} (a publish --wait?): it and this kiosk log in as the same"
          + " client and take turns until it ends", config.dataDir());
    }
    FaceParts face = null;
    CredentialParts credentials = null;
    ScreenParts screenParts = null;
    org.redvest.terminal.fleet.KeyRotator rotator = null;
    RestartSignal restart = new RestartSignal();
    TerminalAccount account = new TerminalAccount(config.station(), config.terminal());
    JoinDesk joinDesk = null;
    try {
      joinDesk = JoinDesk.open(config.dataDir(), account, wall, JOIN_RETRY,
          suggestedHub(config.brokerUrl()), restart::fire);
      MqttLogin login = brokerLogin(identity, config.dataDir(),
          account);
      if (login != null) {
        outbox.signWith(identity::sign);
      }
      String brokerUrl = login == null ? config.brokerUrl() : login.route(config.brokerUrl());
      if (!brokerUrl.equals(config.brokerUrl())) {
        LOG.info("joined terminals reach another machine's broker over TLS only: {} instead of {}",
            brokerUrl, config.brokerUrl());
      }
      credentials = CredentialParts.open(config, brokerUrl, policy.badgePolicy(), login);
      face = faceSetup == null ? null : FaceParts.open(faceSetup, config, brokerUrl, login);
      CameraMonitor monitor = new CameraMonitor();
      RelayConfig relayConfig = RelayConfig.of(brokerUrl, config.station(), config.terminal(),
              TerminalConfig.SOFTWARE)
          .withTopics(config.topics())
          .withResendAfter(config.resendAfter())
          .withHeartbeatInterval(config.heartbeatInterval())
          .withLogin(login);
      PahoRelay relay = PahoRelay.start(relayConfig, outbox, monitor::health, wall);
      outbox.connectedWhen(relay::isConnected);
      if (login != null && login.hubKey() != null) {
        rotator = org.redvest.terminal.fleet.KeyRotator.start(config.dataDir(),
            account, brokerUrl, restart::fire);
        relay.onRotationRequested(rotator::request);
      }
      Camera camera = config.profile().camera();
      StationClock stationClock = camera.clock() == Camera.Clock.MEDIA
          ? StationClock.media(config.replayStart(), camera.replaySpeed(), config.zone())
          : StationClock.wall(wall);
      Scanner scanner = config.profile().scanner();
      QrScanner qr = scanner.kind() == Scanner.Kind.CAMERA ? new QrScanner() : null;
      CheckIns checkIns = new CheckIns(outbox, config.debounce());
      if (screenSettings.enabled()) {
        screenParts = ScreenParts.start(screenSettings, wall, new KioskParts(config.station().value(),
            config.terminal().value(), outbox, checkIns, Sightings.open(config.dataDir(), wall.instant()),
            stationClock::now, relay::isConnected, relay::fleetState, monitor::health, qr == null ? null : qr::lastLocation,
            face == null ? null : face.tap(), face == null ? null : face.enrolments(), joinDesk));
        screen = new ScreenPair(screenParts.web(), screen);
      }
      Kiosk kiosk = face == null ? new Kiosk(qr, checkIns, screen, stationClock)
          : new Kiosk(qr, checkIns, screen, stationClock, face.checkIn(), face.vault()::displayName);
      kiosk.readCodesWith(credentials.reader());
      kiosk.readJoinCodesWith(joinDesk);
      kiosk.applyPolicy(policy);
      if (face != null) {
        kiosk.verifyCardsWith(CardCheck.Factory.of(face.reader(), face.settings(), new SecureRandom()));
      }
      LineInput lineInput = scanner.kind() == Scanner.Kind.CAMERA ? null : LineInput.start(scanner.device(), kiosk);
      FrameLoop frames = new FrameLoop(() -> FrameSource.open(camera, config.baseDir(), wall),
          camera.source().isReplay() && !camera.loop(), config.pace(), REOPEN_CAMERA_AFTER, kiosk,
          screen, monitor);
      return new Terminal(outbox, relay, kiosk, frames, lineInput, face, credentials, screenParts, delivery,
          rotator, restart, joinDesk);
    } catch (RuntimeException e) {
      if (joinDesk != null) {
        joinDesk.close();
      }
      if (rotator != null) {
        rotator.close();
      }
      if (screenParts != null) {
        screenParts.close();
      }
      if (face != null) {
        face.close();
      }
      if (credentials != null) {
        credentials.close();
      }
      if (delivery != null) {
        delivery.close();
      }
      outbox.close();
      throw e;
    }
  }

  /**
   * The hub's web address a manager joining at the kiosk is offered: the broker's host at the
   * hub's default HTTPS port ({@code https://HOST:8443}).
   */
  static String suggestedHub(String brokerUrl) {
    try {
      // An IPv6 host comes back in its brackets already.
      String host = java.net.URI.create(brokerUrl).getHost();
      return "https://" + (host == null ? "HUB" : host) + ":8443";
    } catch (IllegalArgumentException e) {
      return "https://HUB:8443";
    }
  }

  /** The kiosk's join desk: joining the fleet from the manager screen or a join code. */
  public JoinDesk joinDesk() {
    return joinDesk;
  }

  /** The web screen and the sightings store it reads, when the kiosk has a web screen. */
  private record ScreenParts(WebScreen web, Sightings sightings) implements AutoCloseable {
    static ScreenParts start(ScreenSettings settings, Clock wall, KioskParts parts) {
      parts.checkIns().proposeForgottenCheckOuts(parts.sightings(), settings.rules(), settings.activities());
      try {
        return new ScreenParts(WebScreen.start(parts, settings, wall), parts.sightings());
      } catch (RuntimeException e) {
        parts.sightings().close();
        throw e;
      }
    }

    @Override
    public void close() {
      web.close();
      sightings.close();
    }
  }

  /** The kiosk's web screen, or null when it runs without one. */
  public WebScreen webScreen() {
    return screenParts == null ? null : screenParts.web();
  }

  /**
   * The broker login this kiosk got when it joined the fleet (docs/security.md), or null when it
   * has not joined: then it connects anonymously, which only a broker open to anyone accepts; a
   * RedVest hub refuses it, and the log says how to join.
   */
  static MqttLogin brokerLogin(java.nio.file.Path dataDir, TerminalAccount account) {
    return brokerLogin(TerminalIdentity.open(dataDir), dataDir, account);
  }

  private static MqttLogin brokerLogin(TerminalIdentity identity, java.nio.file.Path dataDir,
      TerminalAccount account) {
    Optional<MqttLogin> login = identity.login();
    if (login.isEmpty() && identity.bundle().isPresent()) {
      LOG.warn("terminal {} (key {}) has not joined the fleet yet: recording into the outbox until"
          + " the hub of its offline bundle answers", account.username(), identity.fingerprint());
      return null;
    }
    if (login.isEmpty()) {
      LOG.warn("terminal {} (key {}) has not joined the fleet: the hub will refuse its"
          + " connection. Ask the hub admin for a claim code and enter it (or scan its join code) on"
          + " the manager screen, or start once with --claim CODE --hub https://HUB:8443"
          + " --hub-pin SHA256:…, or --bundle FILE",
          account.username(), identity.fingerprint());
      return null;
    }
    if (!login.get().username().equals(account.username())) {
      throw new IllegalStateException(dataDir + " was provisioned as " + login.get().username()
          + ", not " + account.username() + "; use that station and terminal id, or another data directory");
    }
    return login.get();
  }

  /** The code reader, refusal log and credential link every kiosk owns. */
  private record CredentialParts(RefusalLog refusals, UsedPasses used, CodeReader reader, PahoCredentialRelay relay)
      implements AutoCloseable {
    static CredentialParts open(TerminalConfig config, String brokerUrl, BadgePolicy policy,
        MqttLogin login) {
      RefusalLog refusals = RefusalLog.open(config.dataDir(), config.station(), config.terminal());
      UsedPasses used = null;
      try {
        used = UsedPasses.open(config.dataDir());
        CodeReader reader = new CodeReader(config.station(), policy, refusals, new RosterFile(config.dataDir()),
            Verifier.DEFAULT_SKEW);
        reader.rememberPassesIn(used);
        return new CredentialParts(refusals, used, reader, PahoCredentialRelay.start(brokerUrl,
            login, config.topics(), config.station(), config.terminal(), reader, refusals, config.resendAfter()));
      } catch (RuntimeException e) {
        if (used != null) {
          used.close();
        }
        refusals.close();
        throw e;
      }
    }

    @Override
    public void close() {
      relay.close();
      used.close();
      refusals.close();
    }
  }

  /** Refused attempts recorded at this kiosk, kept until the hub acknowledges them. */
  public RefusalLog refusals() {
    return credentials.refusals();
  }

  /** How this kiosk reads codes: the roster in force and the station's badge policy. */
  public CodeReader codeReader() {
    return credentials.reader();
  }

  /** The face reader, template vault and enrolment relay a face kiosk owns. */
  private record FaceParts(OpenCvFaceReader reader, FaceTap tap, TemplateVault vault, PahoEnrolmentRelay relay,
      FaceCheckIn checkIn, Enrolments enrolments, FaceSettings settings) implements AutoCloseable {
    static FaceParts open(FaceSetup setup, TerminalConfig config, String brokerUrl,
        MqttLogin login) {
      TemplateVault vault;
      try {
        vault = TemplateVault.open(config.dataDir(), TemplateKey.openOrCreate(setup.keyFile()),
            config.station(), config.terminal());
      } catch (RuntimeException e) {
        throw new FaceUnavailableException(e.getMessage(), e);
      }
      OpenCvFaceReader reader = null;
      try {
        reader = OpenCvFaceReader.open(setup.modelsDir(), setup.models(), QualityGate.KIOSK);
        FaceSettings settings = FaceSettings.defaults(reader.threshold()).withLiveness(setup.liveness());
        Gallery gallery = vault.gallery(reader.dimensions());
        PahoEnrolmentRelay relay = PahoEnrolmentRelay.start(brokerUrl, login, config.topics(), config.station(),
            config.terminal(), vault, config.resendAfter());
        FaceTap tap = new FaceTap(reader);
        return new FaceParts(reader, tap, vault, relay, new FaceCheckIn(tap, gallery, settings, new SecureRandom()),
            new Enrolments(vault, gallery, relay::nudge), settings);
      } catch (RuntimeException e) {
        if (reader != null) {
          reader.close();
        }
        vault.close();
        throw new FaceUnavailableException(e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      relay.close();
      reader.close();
      vault.close();
    }
  }

  /** Face enrolment and withdrawal at this kiosk, or null for a QR-only kiosk. */
  public Enrolments faceEnrolments() {
    return face == null ? null : face.enrolments();
  }

  /** The face template vault, or null for a QR-only kiosk. */
  public TemplateVault faceVault() {
    return face == null ? null : face.vault();
  }

  /** Runs the frame loop on this thread until a replay ends or the terminal is closed. */
  public long runFrames() {
    running = true;
    try {
      return frames.run();
    } finally {
      running = false;
    }
  }

  /**
   * Waits until the hub has acknowledged every event in the outbox (the relay applies acks on its
   * own thread; the outbox is polled a few times a second).
   */
  public boolean awaitDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outbox.depth() > 0) {
      if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    return true;
  }

  public Outbox outbox() {
    return outbox;
  }

  public Kiosk kiosk() {
    return kiosk;
  }

  public boolean isConnected() {
    return relay.isConnected();
  }

  /** This kiosk's place in the fleet as its relay sees it (also on the manager view and in heartbeats). */
  public org.redvest.terminal.mqtt.FleetState fleetState() {
    return relay.fleetState();
  }

  /** Stops the frame loop (waiting for it briefly), the scanner, the relay and the outbox. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    frames.close();
    try {
      if (running && !frames.awaitFinished(STOP_TIMEOUT)) {
        throw new IllegalStateException("frame loop did not stop within " + STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (lineInput != null) {
        lineInput.close();
      }
      if (screenParts != null) {
        screenParts.close();
      }
      if (rotator != null) {
        rotator.close();
      }
      joinDesk.close();
      relay.close();
      if (delivery != null) {
        delivery.close();
      }
      if (face != null) {
        face.close();
      }
      credentials.close();
      outbox.close();
    }
  }
}
