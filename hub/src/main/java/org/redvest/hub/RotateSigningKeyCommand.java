package org.redvest.hub;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redvest.hub.transport.link.HubSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redvest-hub rotate-signing-key [--data-dir DIR]}: makes the hub's next signing key; the
 * next start hands over to it (docs/security.md, "Rotation").
 */
@Command(name = "rotate-signing-key", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Makes the hub's next signing key. The hub switches to it at its next start, and"
        + " terminals follow the signed hand-over it publishes.")
final class RotateSigningKeyCommand implements Callable<Integer> {
  private final Map<String, String> env;
  @Spec private CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The hub's data directory. Default: data; env REDVEST_HUB_DATA_DIR.")
  private Path dataDir;

  RotateSigningKeyCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Path dir = dataDir != null ? dataDir : Path.of(env.getOrDefault("REDVEST_HUB_DATA_DIR", "data"));
    try {
      String next = HubSigner.prepareRotation(dir);
      spec.commandLine().getOut().println("next signing key " + next + ": the hub switches to it"
          + " at its next start, and terminals follow the signed hand-over it publishes (restart"
          + " the hub now)");
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
