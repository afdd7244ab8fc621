package org.redvest.terminal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.fleet.BundleJoiner;
import org.redvest.terminal.fleet.ProvisioningException;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.capture.CaptureException;
import org.redvest.terminal.credential.BadgePolicy;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;
import org.redvest.terminal.face.FaceSetup;
import org.redvest.terminal.face.FaceUnavailableException;
import org.redvest.terminal.face.LivenessPolicy;
import org.redvest.terminal.face.opencv.FaceCommand;
import org.redvest.terminal.kiosk.ConsoleScreen;
import org.redvest.terminal.outbox.OutboxException;
import org.redvest.terminal.policy.StationPolicy;
import org.redvest.terminal.qr.ScanCommand;
import org.redvest.terminal.screen.ManagerPin;
import org.redvest.terminal.screen.ScreenSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar redvest-terminal.jar COMMAND}: {@code run} the kiosk, {@code scan} badge
 * images, write the {@code demo-video}, or {@code publish} a file of events. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  /** Template key file name in the data dir unless REDVEST_FACE_KEY names another place. */
  static final String FACE_KEY = "face-templates.key";
  private static final String USAGE = """
      usage: redvest-terminal COMMAND
        run [options]        run the kiosk (run --help lists the options)
        scan FILE...         print what each badge image decodes to: FILE<TAB>text, or - for none
        face compare A B     similarity of the faces in two photos, and same/different
        face identify P DIR  who photo P shows among the people in DIR (one folder each), or unknown
        demo-video [DIR]     write the demo video badges.mp4 and printable badges into DIR (default demo)
        enrol [options]      enrol a volunteer's face from the camera after consent (enrol --help)
        withdraw [options]   delete a volunteer's face templates for good (withdraw --help)
        set-pin --data-dir DIR --manager ID   set a station manager's PIN for the kiosk screen
                             (read from standard input: 4 to 12 digits)
        publish --data-dir DIR --events FILE.jsonl [--wait]   sign and send a file of events as
                             this provisioned terminal, through its outbox (publish --help)
        rotate-key --data-dir DIR --hub URL [--hub-pin SHA256:...]   replace this joined
                             terminal's key at its hub (stop the kiosk first, start it after)
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args)));
  }

  static int run(List<String> args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "run" -> runKiosk(rest, out, err);
      case "scan" -> ScanCommand.run(rest, out, err);
      case "face" -> FaceCommand.run(rest, out, err);
      case "demo-video" -> demoVideo(rest, out, err);
      case "enrol" -> EnrolCommand.enrol(rest, out, err, System.getenv());
      case "withdraw" -> EnrolCommand.withdraw(rest, out, err, System.getenv());
      case "set-pin" -> setPin(rest, out, err);
      case "rotate-key" -> rotateKey(rest, out, err);
      case "publish" -> org.redvest.terminal.publish.PublishCommand.run(rest, out, err, System.getenv());
      default -> {
        err.print("unknown command " + args.get(0) + "\n" + USAGE);
        yield 2;
      }
    };
  }

  /** Takes {@code --policy FILE} (or REDVEST_POLICY) out of {@code args} and reads it; permissive without. */
  static StationPolicy policyOption(List<String> args, java.util.Map<String, String> env) {
    String file = env.get("REDVEST_POLICY");
    int at = args.indexOf("--policy");
    if (at >= 0) {
      if (at + 1 >= args.size()) {
        throw new IllegalArgumentException("--policy: needs a file");
      }
      file = args.get(at + 1);
      args.subList(at, at + 2).clear();
    }
    if (file == null || file.isBlank()) {
      return StationPolicy.permissive();
    }
    try {
      return StationPolicy.parse(Path.of(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--policy " + e.getMessage(), e);
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

  private static int runKiosk(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help")) {
      out.print(TerminalOptions.USAGE);
      return 0;
    }
    TerminalConfig config;
    StationPolicy policy;
    ScreenSettings screen;
    java.util.Optional<TerminalOptions.Claim> claim;
    java.util.Optional<Path> bundleFile;
    try {
      List<String> rest = new java.util.ArrayList<>(args);
      policy = policyOption(rest, System.getenv());
      config = TerminalOptions.parse(rest, System.getenv());
      screen = TerminalOptions.screen(rest, System.getenv(), config);
      claim = TerminalOptions.claim(rest, System.getenv());
      bundleFile = TerminalOptions.bundle(rest, System.getenv());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println("redvest-terminal: " + e.getMessage());
      return 2;
    }
    if (claim.isPresent()) {
      try {
        joinFleet(config, claim.get(), out);
      } catch (ProvisioningException e) {
        err.println("redvest-terminal: cannot join the fleet: " + e.getMessage());
        return 1;
      }
    }
    boolean waitingToJoin;
    try {
      waitingToJoin = joinWithBundle(config, bundleFile, out);
    } catch (ProvisioningException | org.redvest.protocol.ProtocolException e) {
      err.println("redvest-terminal: cannot join the fleet with the offline bundle: " + e.getMessage());
      return bundleFile.isPresent() && e instanceof org.redvest.protocol.ProtocolException ? 2 : 1;
    }
    FaceSetup face = config.profile().models().map(models -> new FaceSetup(
        config.baseDir().resolve(models.directory()), models,
        Path.of(System.getenv().getOrDefault("REDVEST_FACE_KEY", config.dataDir().resolve(FACE_KEY).toString())),
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
  private static int runKioskOnce(TerminalConfig config, StationPolicy policy,
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
      err.println("redvest-terminal: " + e.getMessage());
      return 1;
    } catch (FaceUnavailableException e) {
      err.println("redvest-terminal: face check-in cannot start: " + e.getMessage());
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
  private static java.time.Duration joinRetry() {
    String value = System.getenv("REDVEST_JOIN_RETRY");
    return value == null ? java.time.Duration.ofSeconds(30) : java.time.Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
  }


  private static int setPin(List<String> args, PrintStream out, PrintStream err) {
    int dir = args.indexOf("--data-dir");
    int manager = args.indexOf("--manager");
    if (dir < 0 || manager < 0 || dir + 1 >= args.size() || manager + 1 >= args.size()) {
      err.println("usage: redvest-terminal set-pin --data-dir DIR --manager ID  (PIN on standard input)");
      return 2;
    }
    Path file = Path.of(args.get(dir + 1)).resolve(ScreenSettings.PIN_FILE);
    try {
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
      String pin = in.readLine();
      ManagerPin.write(file, args.get(manager + 1), pin == null ? "" : pin.strip());
    } catch (IllegalArgumentException e) {
      err.println("redvest-terminal: " + e.getMessage());
      return 2;
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("redvest-terminal: " + e.getMessage());
      return 1;
    }
    out.println("PIN of " + args.get(manager + 1) + " stored as a salted hash in " + file);
    return 0;
  }

  /** {@code rotate-key --data-dir DIR --hub URL [--hub-pin PIN]} (docs/security.md, "Rotation"). */
  private static int rotateKey(List<String> args, PrintStream out, PrintStream err) {
    java.util.Map<String, String> flags = new java.util.HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!List.of("--data-dir", "--hub", "--hub-pin").contains(name) || i + 1 >= args.size()) {
        err.println("usage: redvest-terminal rotate-key --data-dir DIR --hub URL [--hub-pin SHA256:...]");
        return 2;
      }
      flags.put(name, args.get(++i));
    }
    if (!flags.containsKey("--data-dir") || !flags.getOrDefault("--hub", "").matches("https?://[^/]+/?")) {
      err.println("usage: redvest-terminal rotate-key --data-dir DIR --hub URL [--hub-pin SHA256:...]");
      return 2;
    }
    org.redvest.protocol.fleet.TlsPin pin;
    try {
      pin = flags.containsKey("--hub-pin") ? org.redvest.protocol.fleet.TlsPin.parse(flags.get("--hub-pin")) : null;
    } catch (IllegalArgumentException e) {
      err.println("redvest-terminal rotate-key: --hub-pin: " + e.getMessage());
      return 2;
    }
    Path dataDir = Path.of(flags.get("--data-dir"));
    java.util.Optional<org.redvest.terminal.outbox.DeliveryLock> lock =
        org.redvest.terminal.outbox.DeliveryLock.tryAcquire(dataDir);
    if (lock.isEmpty()) {
      err.println("redvest-terminal rotate-key: the kiosk of " + dataDir + " is running: stop it"
          + " first (its links would keep the old login), then start it again after");
      return 1;
    }
    try (org.redvest.terminal.outbox.DeliveryLock held = lock.get()) {
      LOG.debug("holding {} while the key changes", held);
      TerminalIdentity identity = TerminalIdentity.open(dataDir);
      String before = identity.fingerprint();
      TerminalIdentity rotated = identity.rotate(java.net.URI.create(flags.get("--hub")), pin);
      out.println("rotated key " + before + " -> " + rotated.fingerprint()
          + "; the outbox's events signed with the old key still count");
      return 0;
    } catch (ProvisioningException e) {
      err.println("redvest-terminal rotate-key: " + e.getMessage());
      return 1;
    }
  }

  private static int demoVideo(List<String> args, PrintStream out, PrintStream err) {
    Path dir = Path.of(args.isEmpty() ? "demo" : args.get(0));
    DemoScript script = DemoScript.defaultScript();
    try {
      DemoVideo.write(script, dir.resolve(DemoVideo.VIDEO_FILE));
      DemoVideo.writeBadges(script, dir);
    } catch (IOException e) {
      err.println("redvest-terminal: cannot write the demo into " + dir + ": " + e.getMessage());
      return 1;
    }
    out.println("wrote " + dir.resolve(DemoVideo.VIDEO_FILE) + " (" + script.lengthSeconds()
        + " s) and badges; expected minutes at replay speed " + (int) DemoScript.REPLAY_SPEED + ": "
        + script.expectedMinutes());
    return 0;
  }
}
