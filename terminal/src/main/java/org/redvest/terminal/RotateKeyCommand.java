package org.redvest.terminal;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.redvest.protocol.fleet.TlsPin;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.cli.Flags;
import org.redvest.terminal.cli.Flags.Flag;
import org.redvest.terminal.fleet.ProvisioningException;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.outbox.DeliveryLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code redvest-terminal rotate-key}: replaces a joined terminal's key at its hub while the kiosk
 * is stopped (docs/security.md, "Rotation"). The smallest command with options of its own: a table
 * of {@link Flag}s, read as {@link Flags.Values}, and a {@code call()} returning the exit code.
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class, sortOptions = false,
    description = {"Replaces this joined terminal's key at its hub.", "Stop the kiosk first, start it"
        + " after; the outbox's events signed with the old key still count."})
final class RotateKeyCommand implements Callable<Integer> {
  static final List<Flag> FLAGS = List.of(
      Flags.value("data-dir", "DIR", "The terminal's data directory.", "data/terminal"),
      Flags.required("hub", "URL", "The hub's web address, like https://hub.local:8443."),
      Flags.computed("hub-pin", "SHA256:...", "The hub's TLS key: an https --hub is trusted only"
          + " when it shows this key.", "the pin kept when the terminal joined"));

  private final Map<String, String> env;
  private final PrintStream out;
  @Spec private CommandSpec spec;

  RotateKeyCommand(Map<String, String> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public Integer call() {
    Flags.Values values = new Flags.Values(FLAGS, Flags.given(spec.commandLine().getParseResult()), env);
    Path dataDir;
    URI hub;
    TlsPin pin;
    try {
      dataDir = Path.of(values.required("data-dir"));
      String url = values.required("hub");
      if (!url.matches("https?://[^/]+/?")) {
        throw new IllegalArgumentException("--hub: must look like https://hub.local:8443, was " + url);
      }
      hub = URI.create(url);
      String pinText = values.get("hub-pin");
      try {
        pin = pinText == null ? null : TlsPin.parse(pinText.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--hub-pin: " + e.getMessage(), e);
      }
    } catch (IllegalArgumentException e) {
      return Commands.usageError(spec, e.getMessage());
    }
    Optional<DeliveryLock> lock = DeliveryLock.tryAcquire(dataDir);
    if (lock.isEmpty()) {
      return Commands.failed(spec, "the kiosk of " + dataDir + " is running: stop it first (its"
          + " links would keep the old login), then start it again after");
    }
    // Held while the key changes, so the kiosk cannot start on the old login meanwhile.
    DeliveryLock held = lock.get();
    try {
      TerminalIdentity identity = TerminalIdentity.open(dataDir);
      String before = identity.fingerprint();
      TerminalIdentity rotated = identity.rotate(hub, pin);
      out.println("rotated key " + before + " -> " + rotated.fingerprint()
          + "; the outbox's events signed with the old key still count");
      return Commands.OK;
    } catch (ProvisioningException e) {
      return Commands.failed(spec, e.getMessage());
    } finally {
      held.close();
    }
  }
}
