package org.redvest.terminal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.capture.CaptureException;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.TableCommand;
import org.redvest.terminal.face.FaceSetup;
import org.redvest.terminal.face.FaceUnavailableException;
import org.redvest.terminal.face.LivenessPolicy;
import org.redvest.terminal.fleet.BundleJoiner;
import org.redvest.terminal.fleet.ProvisioningException;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.kiosk.ConsoleScreen;
import org.redvest.terminal.outbox.OutboxException;
import org.redvest.terminal.policy.StationPolicy;
import org.redvest.terminal.screen.ScreenSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code redvest-terminal run}: the kiosk. Joins the fleet first when asked ({@code --claim},
 * {@code --bundle}), then runs the camera's frames through the check-in until the camera ends
 * (a replay) or the process is stopped; starts again with the new login when it joins or rotates
 * its key in the background. Its options are {@link TerminalOptions}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
    sortOptions = false,
    description = {"Runs the kiosk.", "The camera's QR codes and faces become check-ins and check-outs in"
        + " the outbox, delivered to the hub over MQTT, shown on the kiosk screen."},
    footerHeading = "%nSettings%n",
    footer = {"Flags win over REDVEST_* environment variables, which win over the defaults."
        + " Durations: 500ms, 30s, 3m, 2h, 7d or ISO-8601 (PT3M). REDVEST_FACE_KEY names another"
        + " place for the face template key (default DATA-DIR/face-templates.key); REDVEST_JOIN_RETRY"
        + " how often a kiosk waiting to join with its bundle asks again (default 30s).",
        "Exit codes: 0 done (a replay with --exit-at-end, all acknowledged), 1 runtime failure or"
            + " not all acknowledged, 2 bad usage or configuration."})
final class RunCommand extends TableCommand<RunCommand.Startup> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /** What the kiosk starts with, every option checked. */
  record Startup(TerminalConfig config, StationPolicy policy, ScreenSettings screen,
      java.util.Optional<TerminalOptions.Claim> claim, java.util.Optional<Path> bundleFile) {}

  private final PrintStream out;
  private final PrintStream err;

  RunCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    super(TerminalOptions.ALL, env);
    this.out = out;
    this.err = err;
  }

  @Override
  protected Startup read(Flags.Values values) {
    TerminalOptions options = TerminalOptions.of(values);
    try {
      TerminalConfig config = options.config();
      return new Startup(config, options.policy(), options.screen(config), options.claim(), options.bundle());
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Claims this kiosk's place at the hub, unless it already holds a login for it. */
  private static void joinFleet(TerminalConfig config, TerminalOptions.Claim claim, PrintStream out) {
    TerminalIdentity identity = TerminalIdentity.open(config.dataDir());
    TerminalAccount account = new TerminalAccount(config.station(), config.terminal());
    if (identity.joinedAs(account)) {
      LOG.info("already provisioned as {}; --claim ignored", account.username());
      return;
    }
    identity.claim(claim.hub(), claim.pin(), claim.code(), account);
    out.println("joined the fleet as " + account.username() + " with key " + identity.fingerprint());
  }

  @Override
  protected int run(Startup startup) {
    TerminalConfig config = startup.config();
    StationPolicy policy = startup.policy();
    ScreenSettings screen = startup.screen();
    java.util.Optional<TerminalOptions.Claim> claim = startup.claim();
    java.util.Optional<Path> bundleFile = startup.bundleFile();
    if (claim.isPresent()) {
      try {
        joinFleet(config, claim.get(), out);
      } catch (ProvisioningException e) {
        err.println("redvest-terminal run: cannot join the fleet: " + e.getMessage());
        return 1;
      }
    }
    boolean waitingToJoin;
    try {
      waitingToJoin = joinWithBundle(config, bundleFile, out);
    } catch (ProvisioningException | org.redvest.protocol.ProtocolException e) {
      err.println("redvest-terminal run: cannot join the fleet with the offline bundle: " + e.getMessage());
      return bundleFile.isPresent() && e instanceof org.redvest.protocol.ProtocolException ? 2 : 1;
    }
    FaceSetup face = config.profile().models().map(models -> new FaceSetup(
        config.baseDir().resolve(models.directory()), models,
        Path.of(env().getOrDefault("REDVEST_FACE_KEY", config.dataDir().resolve(Main.FACE_KEY).toString())),
        LivenessPolicy.PASSIVE)).orElse(null);
    while (true) {
      java.util.concurrent.atomic.AtomicBoolean joined = new java.util.concurrent.atomic.AtomicBoolean();
      int result = runKioskOnce(config, policy, screen, face, out, err, waitingToJoin, joined);
      if (!joined.get()) {
        return result;
      }
      // Joined in the background, or rotated its key at the hub's request: start again with the
      // new login, the outbox kept as it is.
      LOG.info("starting the kiosk again with its new login");
      waitingToJoin = false;
    }
  }

  /**
   * Keeps {@code bundleFile} (when given) and, if this kiosk has not joined but keeps a bundle,
   * claims with it; true when the hub cannot be reached yet (the kiosk then starts unjoined and
   * keeps trying).
   *
   * @throws ProvisioningException when the hub refuses the bundle
   * @throws org.redvest.protocol.ProtocolException when the file is not a whole bundle, or is for
   *     another terminal
   */
  private static boolean joinWithBundle(TerminalConfig config, java.util.Optional<Path> bundleFile,
      PrintStream out) {
    TerminalIdentity identity = TerminalIdentity.open(config.dataDir());
    TerminalAccount account = new TerminalAccount(config.station(), config.terminal());
    if (identity.joinedAs(account)) {
      bundleFile.ifPresent(f -> LOG.info("already provisioned as {}; --bundle ignored", account.username()));
      return false;
    }
    if (bundleFile.isPresent()) {
      byte[] bytes;
      try {
        bytes = java.nio.file.Files.readAllBytes(bundleFile.get());
      } catch (IOException e) {
        throw new org.redvest.protocol.ProtocolException("bundle", "cannot read " + bundleFile.get());
      }
      org.redvest.protocol.fleet.ProvisioningBundle bundle =
          org.redvest.protocol.fleet.ProvisioningBundle.read(bytes);
      if (!bundle.account().equals(account)) {
        throw new org.redvest.protocol.ProtocolException("bundle", "is for "
            + bundle.account().username() + ", not " + account.username());
      }
      identity.keepBundle(bytes);
    }
    if (identity.bundle().isEmpty()) {
      return false;
    }
    try {
      identity.claimWithBundle();
      out.println("joined the fleet as " + account.username() + " with key " + identity.fingerprint()
          + " (offline bundle)");
      return false;
    } catch (ProvisioningException e) {
      if (!e.unreachable() && bundleFile.isEmpty()) {
        // Kept from an earlier run (a join code read at the kiosk, or a bundle): refused since,
        // e.g. it expired while the kiosk was off. Forgotten, so the kiosk still starts, unjoined.
        identity.forgetBundle();
        LOG.error("the hub refused the kept join code or offline bundle: {}. It is forgotten; the kiosk"
            + " starts unjoined: join from the manager screen with a new code", e.getMessage());
        return false;
      }
      if (!e.unreachable()) {
        throw e;
      }
      LOG.warn("the hub is not reachable ({}): recording into the outbox unjoined, and joining with"
          + " the offline bundle as soon as it answers", e.getMessage());
      return true;
    }
  }

  /** One run of the kiosk; {@code joined} is set when the background join asks for a new run. */
  private int runKioskOnce(TerminalConfig config, StationPolicy policy,
      ScreenSettings screen, FaceSetup face, PrintStream out, PrintStream err,
      boolean waitingToJoin, java.util.concurrent.atomic.AtomicBoolean joined) {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    try (Terminal terminal = Terminal.start(config, new ConsoleScreen(out), face, policy, screen);
        BundleJoiner joiner = waitingToJoin ? BundleJoiner.start(config.dataDir(), joinRetry(),
            restartWhenJoined(terminal::close, joined, stop)) : null) {
      Runtime.getRuntime().addShutdownHook(new Thread(terminal::close, "redvest-shutdown"));
      terminal.onRestartNeeded(restartWhenJoined(terminal::close, joined, stop));
      LOG.info("terminal {}/{} started: profile {}, broker {}, data {}", config.station(),
          config.terminal(), config.profile().name(), config.brokerUrl(), config.dataDir().toAbsolutePath());
      if (joiner != null) {
        LOG.info("not joined yet: the offline bundle is tried every {}", joinRetry());
      }
      if (terminal.webScreen() != null) {
        out.println("kiosk screen: " + terminal.webScreen().url() + "  (manager view: "
            + terminal.webScreen().url() + "manage)");
      }
      long frames = terminal.runFrames();
      LOG.info("frame loop ended after {} frames; {} events recorded this run", frames, terminal.kiosk().recorded());
      if (joined.get()) {
        return 0;
      }
      if (config.exitAtEnd()) {
        boolean drained = terminal.awaitDrained(config.drainTimeout());
        LOG.info(drained ? "every event acknowledged by the hub" : "{} events still unacknowledged; they stay in the outbox",
            terminal.outbox().depth());
        return drained ? 0 : 1;
      }
      LOG.info("replay finished; staying connected (Ctrl-C to stop)");
      stop.await();
      return 0;
    } catch (OutboxException | CaptureException e) {
      err.println("redvest-terminal run: " + e.getMessage());
      return 1;
    } catch (FaceUnavailableException e) {
      err.println("redvest-terminal run: face check-in cannot start: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Marks the run for a restart with the new login and ends it. */
  private static Runnable restartWhenJoined(Runnable closeKiosk,
      java.util.concurrent.atomic.AtomicBoolean joined, java.util.concurrent.CountDownLatch stop) {
    return () -> {
      joined.set(true);
      closeKiosk.run();
      stop.countDown();
    };
  }

  /** How often a kiosk waiting to join with its bundle asks the hub again (REDVEST_JOIN_RETRY). */
  private java.time.Duration joinRetry() {
    String value = env().get("REDVEST_JOIN_RETRY");
    return value == null ? java.time.Duration.ofSeconds(30) : java.time.Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
  }
}
