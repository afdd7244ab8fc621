package org.redvest.terminal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code redvest-terminal demo-video [DIR]}: the demo's video and its printable badges. */
@Command(name = "demo-video", mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class,
    description = {"Writes the demo video and its printable badges.", "Writes the demo video " + DemoVideo.VIDEO_FILE + " (volunteers showing their"
        + " badges) and the badges as printable PNGs into DIR, for the replay-video profile."})
final class DemoVideoCommand implements Callable<Integer> {
  private final PrintStream out;
  @Spec private CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "demo",
      description = "Where to write them. Default: ${DEFAULT-VALUE}.")
  private Path dir;

  DemoVideoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    DemoScript script = DemoScript.defaultScript();
    try {
      DemoVideo.write(script, dir.resolve(DemoVideo.VIDEO_FILE));
      DemoVideo.writeBadges(script, dir);
    } catch (IOException e) {
      return Commands.failed(spec, "cannot write the demo into " + dir + ": " + e.getMessage());
    }
    out.println("wrote " + dir.resolve(DemoVideo.VIDEO_FILE) + " (" + script.lengthSeconds()
        + " s) and badges; expected minutes at replay speed " + (int) DemoScript.REPLAY_SPEED + ": "
        + script.expectedMinutes());
    return Commands.OK;
  }
}
