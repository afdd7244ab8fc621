package org.redvest.terminal.face.opencv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.Models;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.Identification;
import org.redvest.terminal.face.MatchPolicy;
import org.redvest.terminal.face.QualityGate;

/**
 * {@code redvest-terminal face compare A B} and {@code face identify PHOTO DIR}: the face
 * pipeline on photos, for installers checking the models and the threshold. Models come from a
 * hardware profile ({@code --profile}, default usb-webcam-x86) or {@code --models DIR}.
 */
public final class FaceCommand {
  public static final String USAGE = """
      usage: redvest-terminal face compare A.jpg B.jpg [--models DIR] [--profile NAME|FILE]
             redvest-terminal face identify PHOTO DIR [--models DIR] [--profile NAME|FILE]
        compare   prints the cosine similarity and same/different at the model's threshold
        identify  enrols every folder under DIR as one person (folder name = identity) and prints
                  the identity PHOTO shows, or unknown, with the score
      """;

  private FaceCommand() {}

  /** Returns the exit code: 0 done, 1 no face or a model problem, 2 usage. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    String modelsDir = null;
    String profile = "usb-webcam-x86";
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--models" -> modelsDir = i + 1 < args.size() ? args.get(++i) : null;
        case "--profile" -> profile = i + 1 < args.size() ? args.get(++i) : null;
        default -> positional.add(args.get(i));
      }
    }
    if (positional.size() != 3 || profile == null || !List.of("compare", "identify").contains(positional.get(0))) {
      err.print(USAGE);
      return 2;
    }
    try (OpenCvFaceReader reader = open(profile, modelsDir)) {
      if (reader.degraded()) {
        err.println("warning: no YuNet model installed, using the cascade fallback (degraded accuracy)");
      }
      return positional.get(0).equals("compare")
          ? compare(reader, Path.of(positional.get(1)), Path.of(positional.get(2)), out, err)
          : identify(reader, Path.of(positional.get(1)), Path.of(positional.get(2)), out, err);
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
