package org.redvest.terminal.face.opencv;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.Models;
import org.redvest.terminal.cli.Commands;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.Identification;
import org.redvest.terminal.face.MatchPolicy;
import org.redvest.terminal.face.QualityGate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code redvest-terminal face compare A B} and {@code face identify PHOTO DIR}: the face
 * pipeline on photos, for installers checking the models and the threshold. Models come from a
 * hardware profile ({@code --profile}, default usb-webcam-x86) or {@code --models DIR}.
 */
@Command(name = "face", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
    synopsisSubcommandLabel = "(compare | identify)",
    description = "The face pipeline on photos, for installers checking the models and the"
        + " threshold.",
    exitCodeListHeading = "%nExit codes%n",
    exitCodeList = {"0:answered", "1:no face in a photo, or a model problem", "2:bad usage"})
public final class FaceCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  private FaceCommand() {}

  /** The {@code face} command and its two subcommands, writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine line = new CommandLine(new FaceCommand());
    line.addSubcommand(new CommandLine(new Compare(out, err)));
    line.addSubcommand(new CommandLine(new Identify(out, err)));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line;
  }

  /** Runs {@code face} with {@code args}; returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return Commands.settle(commandLine(out, err)).execute(args.toArray(String[]::new));
  }

  @Override
  public Integer call() {
    return Commands.usageError(spec, "which? compare A B, or identify PHOTO DIR");
  }

  /** Where the models come from: {@code --models DIR} or the profile's. */
  static final class ModelOptions {
    @Option(names = "--models", paramLabel = "DIR",
        description = "The face models' folder. Default: the profile's.")
    String modelsDir;

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "usb-webcam-x86",
        description = "The hardware profile whose models section to use. Default: ${DEFAULT-VALUE}.")
    String profile;
  }

  /** A command on photos: the models to read them with, and where it writes. */
  abstract static class OnPhotos implements Callable<Integer> {
    final PrintStream out;
    final PrintStream err;
    @Mixin private ModelOptions models;

    OnPhotos(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    /** The answer, with the models open. */
    abstract int answer(OpenCvFaceReader reader);

    @Override
    public Integer call() {
      return withReader(models, err, this::answer);
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      versionProvider = Commands.Version.class,
      description = "Prints the cosine similarity of the faces in A and B, and same or different at"
          + " the model's threshold.")
  static final class Compare extends OnPhotos {
    @Parameters(index = "0", paramLabel = "A", description = "A photo of one face.")
    private Path a;
    @Parameters(index = "1", paramLabel = "B", description = "A photo of one face.")
    private Path b;

    Compare(PrintStream out, PrintStream err) {
      super(out, err);
    }

    @Override
    int answer(OpenCvFaceReader reader) {
      return compare(reader, a, b, out, err);
    }
  }

  @Command(name = "identify", mixinStandardHelpOptions = true,
      versionProvider = Commands.Version.class,
      description = "Enrols every folder under DIR as one person (the folder's name is the"
          + " identity) and prints who PHOTO shows, or unknown, with the score.")
  static final class Identify extends OnPhotos {
    @Parameters(index = "0", paramLabel = "PHOTO", description = "A photo of one face.")
    private Path photo;
    @Parameters(index = "1", paramLabel = "DIR", description = "One folder of photos per person.")
    private Path dir;

    Identify(PrintStream out, PrintStream err) {
      super(out, err);
    }

    @Override
    int answer(OpenCvFaceReader reader) {
      return identify(reader, photo, dir, out, err);
    }
  }

  private static int withReader(ModelOptions options, PrintStream err,
      java.util.function.ToIntFunction<OpenCvFaceReader> use) {
    try (OpenCvFaceReader reader = open(options.profile, options.modelsDir)) {
      if (reader.degraded()) {
        err.println("warning: no YuNet model installed, using the cascade fallback (degraded accuracy)");
      }
      return use.applyAsInt(reader);
    } catch (IllegalStateException | IllegalArgumentException e) {
      err.println("redvest-terminal face: " + e.getMessage());
      return 1;
    }
  }

  private static OpenCvFaceReader open(String profileName, String modelsDir) {
    HardwareProfile profile = HardwareProfile.resolve(profileName);
    Models models = profile.models().orElseThrow(() -> new IllegalArgumentException(
        "profile " + profile.name() + " has no models section"));
    Path dir = Path.of(modelsDir != null ? modelsDir : models.directory());
    // diagnostics judge the recogniser itself, so no quality gate refuses a photo here
    return OpenCvFaceReader.open(dir, models, QualityGate.NONE);
  }

  private static int compare(OpenCvFaceReader reader, Path a, Path b, PrintStream out, PrintStream err) {
    Optional<Embedding> ea = embed(reader, a, err);
    Optional<Embedding> eb = embed(reader, b, err);
    if (ea.isEmpty() || eb.isEmpty()) {
      return 1;
    }
    double similarity = ea.get().similarity(eb.get());
    out.printf(Locale.ROOT, "%.4f\t%s\t(threshold %.3f)%n", similarity,
        similarity >= reader.threshold() ? "same" : "different", reader.threshold());
    return 0;
  }

  private static int identify(OpenCvFaceReader reader, Path photo, Path dir, PrintStream out, PrintStream err) {
    Gallery gallery = new Gallery(reader.dimensions());
    try (Stream<Path> folders = Files.list(dir)) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        List<Embedding> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.filter(FaceCommand::isImage).sorted().toList()) {
            embed(reader, file, err).ifPresent(templates::add);
          }
        }
        if (!templates.isEmpty()) {
          gallery.add(folder.getFileName().toString(), templates);
        }
      }
    } catch (IOException e) {
      err.println("redvest-terminal face: cannot list " + dir + ": " + e.getMessage());
      return 1;
    }
    Optional<Embedding> probe = embed(reader, photo, err);
    if (probe.isEmpty()) {
      return 1;
    }
    Identification id = MatchPolicy.of(reader.threshold()).judge(gallery.rank(probe.get()));
    String answer;
    if (id instanceof Identification.Known k) {
      answer = String.format(Locale.ROOT, "%s\t%.4f", k.identity(), k.score());
    } else if (id instanceof Identification.NearMiss n) {
      answer = String.format(Locale.ROOT, "unknown\t%.4f\t(near miss: %s, second %.4f)",
          n.score(), n.closest(), n.secondScore());
    } else {
      answer = String.format(Locale.ROOT, "unknown\t%.4f", id.score());
    }
    out.println(answer);
    return 0;
  }

  private static Optional<Embedding> embed(OpenCvFaceReader reader, Path file, PrintStream err) {
    Optional<FaceObservation> face = reader.readImage(file);
    if (face.isEmpty()) {
      err.println(file + ": no face found");
      return Optional.empty();
    }
    if (face.get().embedding() == null) {
      err.println(file + ": face refused: " + face.get().quality() + " " + face.get().quality().guidance());
      return Optional.empty();
    }
    return Optional.of(face.get().embedding());
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png") || name.endsWith(".bmp");
  }
}
