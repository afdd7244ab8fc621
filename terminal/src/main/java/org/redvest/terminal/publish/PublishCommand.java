package org.redvest.terminal.publish;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.Topics;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.terminal.TerminalConfig;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;
import org.redvest.terminal.cli.TableCommand;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.MqttLogin;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.DeliveryLock;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.terminal.outbox.OutboxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code publish --data-dir DIR --events FILE.jsonl [--wait]}: appends every event of the file to
 * this provisioned terminal's own outbox, where it is numbered, chained and signed like a
 * check-in at the kiosk (terminal README, "Publishing a file of events"; docs/protocol.md §11).
 * The whole file is checked first: one bad line and nothing is appended. With {@code --wait} it
 * then delivers them, with the kiosk's own login, unless the kiosk is running and delivers them
 * itself ({@link DeliveryLock}), and waits for the hub's acks. Exit codes as {@code Main}: 0 done,
 * 1 runtime failure or not all acknowledged in time, 2 usage, a bad file, or a terminal that has
 * not joined the fleet.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class, sortOptions = false,
    description = {"Signs and sends a file of events as this terminal.", "Appends each line of FILE (an attendance event of docs/protocol.md §4"
        + " without the fields the outbox assigns: v, eventId, stationId, terminalId, terminalSeq,"
        + " prevHash, sig) to the outbox of the terminal provisioned in DATA-DIR, signed with its"
        + " key. The whole file is checked first: one bad line and nothing is appended. Safe while"
        + " that kiosk runs."},
    exitCodeListHeading = "%nExit codes%n",
    exitCodeList = {"0:appended (and with --wait, acknowledged)",
        "1:a runtime failure, or not all acknowledged in --drain-timeout",
        "2:bad usage, a bad file, or a terminal that has not joined the fleet"})
public final class PublishCommand extends TableCommand<PublishCommand.Options> {
  static final List<Flag> FLAGS = List.of(
      Flags.value("data-dir", "DIR", "The provisioned terminal's data directory.", "data/terminal"),
      Flags.required("events", "FILE.jsonl", "The events, one JSON object per line."),
      Flags.toggle("wait", "Deliver them and wait until the hub acknowledged every one: the running"
          + " kiosk delivers them if there is one, else this command logs in as the kiosk."),
      Flags.value("broker", "URL", "The hub's MQTT broker for --wait.", "tcp://localhost:1883"),
      Flags.value("drain-timeout", "DURATION", "How long --wait waits.", "10m"));
  private static final Duration POLL = Duration.ofMillis(50);

  private final PrintStream out;
  private final PrintStream err;

  private PublishCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    super(FLAGS, env);
    this.out = out;
    this.err = err;
  }

  /** The {@code publish} command, its options falling back to {@code env}. */
  public static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine line = TableCommand.commandLine(new PublishCommand(env, out, err));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line;
  }

  /** Runs {@code publish} with {@code args}; returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
    return Commands.settle(commandLine(env, out, err)).execute(args.toArray(String[]::new));
  }

  @Override
  protected Options read(Flags.Values values) {
    return Options.of(values);
  }

  @Override
  protected int run(Options o) {
    if (!Files.isDirectory(o.dataDir())) {
      err.println("redvest-terminal publish: --data-dir: " + o.dataDir() + " is not a directory");
      return 2;
    }
    TerminalIdentity identity = TerminalIdentity.open(o.dataDir());
    Optional<Provisioning> provisioning = identity.provisioning();
    if (provisioning.isEmpty()) {
      err.println("redvest-terminal publish: the terminal in " + o.dataDir() + " has not joined the"
          + " fleet, so the hub would refuse what it sends. Ask the hub admin for a claim code"
          + " (redvest-hub claim --station S --terminal T, or the dashboard's fleet page) and start"
          + " the kiosk once with --claim CODE --hub http://HUB:PORT (its key: " + identity.fingerprint() + ")");
      return 2;
    }
    Provisioning p = provisioning.get();
    List<Draft> drafts;
    try {
      drafts = EventLines.parse(Files.readString(o.events(), StandardCharsets.UTF_8), p.account().station(),
          p.account().terminal());
    } catch (IOException e) {
      err.println("redvest-terminal publish: --events: cannot read " + o.events() + ": " + e.getMessage());
      return 2;
    } catch (EventLines.BadLinesException e) {
      err.println("redvest-terminal publish: " + o.events() + " has " + e.badLines()
          + " bad line(s); nothing was appended:\n" + e.getMessage());
      return 2;
    }
    if (drafts.isEmpty()) {
      err.println("redvest-terminal publish: " + o.events() + " holds no events");
      return 2;
    }
    try (Outbox outbox = Outbox.open(o.dataDir(), p.account().station(), p.account().terminal(),
        Clock.systemDefaultZone())) {
      outbox.signWith(identity::sign);
      return publish(o, p, identity, outbox, drafts, out, err);
    } catch (OutboxException e) {
      err.println("redvest-terminal publish: " + e.getMessage());
      return 1;
    }
  }

  private static int publish(Options o, Provisioning p, TerminalIdentity identity, Outbox outbox,
      List<Draft> drafts, PrintStream out, PrintStream err) {
    long started = System.nanoTime();
    List<AttendanceEvent> events = outbox.appendAll(drafts);
    out.printf(Locale.ROOT, "appended %d events as %s (terminalSeq %d to %d) in %.2f s%n", events.size(),
        p.username(), events.get(0).terminalSeq(), events.get(events.size() - 1).terminalSeq(),
        seconds(System.nanoTime() - started));
    if (!o.await()) {
      out.println("they stay in " + o.dataDir().resolve(Outbox.FILE_NAME)
          + " until the kiosk delivers them (or run with --wait)");
      return 0;
    }
    long[] seqs = events.stream().mapToLong(AttendanceEvent::terminalSeq).toArray();
    Optional<DeliveryLock> lock = DeliveryLock.tryAcquire(o.dataDir());
    if (lock.isEmpty()) {
      out.println("the kiosk is running: it delivers them; waiting for the hub's acks");
    }
    try (DeliveryLock held = lock.orElse(null);
        PahoRelay relay = held == null ? null : startRelay(o, p, identity, outbox)) {
      long acked = awaitAcks(outbox, seqs, o.drainTimeout());
      double s = seconds(System.nanoTime() - started);
      out.printf(Locale.ROOT, "acknowledged %d of %d by the hub in %.2f s (%.0f events/s)%n", acked,
          seqs.length, s, acked / Math.max(s, 1e-3));
      if (acked < seqs.length && relay != null && relay.fleetState().detail() != null) {
        err.println("redvest-terminal publish: " + relay.fleetState().detail());
      } else if (acked < seqs.length && relay != null && !relay.isConnected()) {
        err.println("redvest-terminal publish: not connected to " + o.broker() + " (the log says why)");
      }
      if (acked < seqs.length) {
        err.println("redvest-terminal publish: not all acknowledged within " + o.drainTimeout()
            + "; the rest stay in the outbox and the kiosk delivers them");
        return 1;
      }
      return 0;
    }
  }

  private static PahoRelay startRelay(Options o, Provisioning p, TerminalIdentity identity, Outbox outbox) {
    Topics topics;
    try {
      topics = Topics.of(p.topicPrefix());
    } catch (ProtocolException e) {
      throw new OutboxException("provisioning.json: topicPrefix: " + e.getMessage(), e);
    }
    MqttLogin login = identity.login().orElseThrow();
    // As the kiosk does: another machine's broker over TLS, pinned to the hub's key.
    RelayConfig config = RelayConfig.of(login.route(o.broker()), p.account().station(),
        p.account().terminal(), TerminalConfig.SOFTWARE).withTopics(topics).withLogin(login);
    return PahoRelay.start(config, outbox, () -> CameraHealth.stopped("publish command: no camera"),
        Clock.systemDefaultZone());
  }

  /** How many of {@code seqs} the hub has acknowledged once all are, or when time runs out. */
  private static long awaitAcks(Outbox outbox, long[] seqs, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = seqs[seqs.length - 1];
    while (outbox.committedSeq() < last && System.nanoTime() < deadline
        && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL.toMillis()));
    }
    long committed = outbox.committedSeq();
    return java.util.Arrays.stream(seqs).filter(seq -> seq <= committed).count();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** The command's options, checked. */
  record Options(Path dataDir, Path events, boolean await, String broker, Duration drainTimeout) {
    static Options of(Flags.Values values) {
      return new Options(Path.of(values.required("data-dir")), Path.of(values.required("events")),
          values.on("wait"), values.broker("broker"), values.duration("drain-timeout"));
    }
  }
}
