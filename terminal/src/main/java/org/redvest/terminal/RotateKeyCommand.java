package org.redvest.terminal;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redvest.protocol.fleet.TlsPin;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;
import org.redvest.terminal.cli.TableCommand;
import org.redvest.terminal.fleet.ProvisioningException;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.outbox.DeliveryLock;
import picocli.CommandLine.Command;

/**
 * {@code redvest-terminal rotate-key}: replaces a joined terminal's key at its hub while the kiosk
 * is stopped (docs/security.md, "Rotation"). The smallest command with options of its own: a table
 * of {@link Flag}s, read into a record, and {@link #run} returning the exit code; {@code Main} adds
 * it with {@code TableCommand.commandLine}.
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class, sortOptions = false,
    description = {"Replaces this joined terminal's key at its hub.", "Stop"
        + " the kiosk first, start it after; the outbox's events signed with the old key still count."})
final class RotateKeyCommand extends TableCommand<RotateKeyCommand.Options> {
  static final List<Flag> FLAGS = List.of(
      Flags.value("data-dir", "DIR", "The terminal's data directory.", "data/terminal"),
      Flags.required("hub", "URL", "The hub's web address, like https://hub.local:8443."),
      Flags.computed("hub-pin", "SHA256:...", "The hub's TLS key: an https --hub is trusted only"
          + " when it shows this key.", "the pin kept when the terminal joined"));

  /** Which terminal, and the hub to ask (pinned, or null to use the kept pin). */
  record Options(Path dataDir, URI hub, TlsPin pin) {}

  private final PrintStream out;

  RotateKeyCommand(Map<String, String> env, PrintStream out) {
    super(FLAGS, env);
    this.out = out;
  }

  @Override
  protected Options read(Flags.Values values) {
    String url = values.required("hub");
    if (!url.matches("https?://[^/]+/?")) {
      throw new IllegalArgumentException("--hub: must look like https://hub.local:8443, was " + url);
    }
    String pin = values.get("hub-pin");
    try {
      return new Options(Path.of(values.required("data-dir")), URI.create(url),
          pin == null ? null : TlsPin.parse(pin.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--hub-pin: " + e.getMessage(), e);
    }
  }

  @Override
  protected int run(Options o) {
    Optional<DeliveryLock> lock = DeliveryLock.tryAcquire(o.dataDir());
    if (lock.isEmpty()) {
      return Commands.failed(spec(), "the kiosk of " + o.dataDir() + " is running: stop it first (its"
          + " links would keep the old login), then start it again after");
    }
    // Held while the key changes, so the kiosk cannot start on the old login meanwhile.
    DeliveryLock held = lock.get();
    try {
      TerminalIdentity identity = TerminalIdentity.open(o.dataDir());
      String before = identity.fingerprint();
      TerminalIdentity rotated = identity.rotate(o.hub(), o.pin());
      out.println("rotated key " + before + " -> " + rotated.fingerprint()
          + "; the outbox's events signed with the old key still count");
      return Commands.OK;
    } catch (ProvisioningException e) {
      return Commands.failed(spec(), e.getMessage());
    } finally {
      held.close();
    }
  }
}
