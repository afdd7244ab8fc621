package org.redvest.terminal.face.opencv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.Identification;
import org.redvest.terminal.face.MatchPolicy;

/**
 * Accuracy over shared/testdata/faces/people: every photo embedded once; verification over all
 * pairs (TAR at a FAR); identification with each identity enrolled from its first photo and
 * recognised on the others; strangers = the singleton identities, plus every enrolled identity
 * left out of the gallery in turn.
 */
final class AccuracyReport {
  final Map<String, List<Embedding>> embeddings = new LinkedHashMap<>();
  final List<String> noFace = new ArrayList<>();
  final List<Double> genuine = new ArrayList<>();
  final List<Double> impostor = new ArrayList<>();
  int probes;
  int identified;
  int wrong;
  int unknownProbes;
  int strangerProbes;
  int strangersAccepted;
  int leaveOutProbes;
  int leaveOutAccepted;
  double maxStrangerScore = -1;

  static AccuracyReport measure(OpenCvFaceReader reader, Map<String, List<Path>> photos, MatchPolicy policy) {
    AccuracyReport r = new AccuracyReport();
    photos.forEach((identity, files) -> {
      List<Embedding> list = new ArrayList<>();
      for (Path file : files) {
        FaceObservation o = reader.readImage(file).orElse(null);
        if (o == null || o.embedding() == null) {
          r.noFace.add(file.toString());
        } else {
          list.add(o.embedding());
        }
      }
      r.embeddings.put(identity, list);
    });
    r.pairs();
    r.identify(reader.dimensions(), policy);
    return r;
  }

  private void pairs() {
    List<String> ids = new ArrayList<>(embeddings.keySet());
    for (int a = 0; a < ids.size(); a++) {
      List<Embedding> ea = embeddings.get(ids.get(a));
      for (int i = 0; i < ea.size(); i++) {
        for (int j = i + 1; j < ea.size(); j++) {
          genuine.add(ea.get(i).similarity(ea.get(j)));
        }
        for (int b = a + 1; b < ids.size(); b++) {
          for (Embedding other : embeddings.get(ids.get(b))) {
            impostor.add(ea.get(i).similarity(other));
          }
        }
      }
    }
  }

  private void identify(int dimensions, MatchPolicy policy) {
    Gallery gallery = new Gallery(dimensions);
    embeddings.forEach((id, list) -> {
      if (list.size() >= 2) {
        gallery.add(id, List.of(list.get(0)));
      }
    });
    embeddings.forEach((id, list) -> {
      boolean enrolled = list.size() >= 2;
      for (int i = enrolled ? 1 : 0; i < list.size(); i++) {
        Identification result = policy.judge(gallery.rank(list.get(i)));
        if (enrolled) {
          probes++;
          if (result instanceof Identification.Known k) {
            if (k.identity().equals(id)) {
              identified++;
            } else {
              wrong++;
            }
          } else {
            unknownProbes++;
          }
        } else {
          strangerProbes++;
          maxStrangerScore = Math.max(maxStrangerScore, result.score());
          strangersAccepted += result instanceof Identification.Known ? 1 : 0;
        }
      }
    });
    embeddings.forEach((id, list) -> {
      if (list.size() < 2) {
        return;
      }
      gallery.remove(id);
      for (Embedding probe : list) {
        leaveOutProbes++;
        Identification result = policy.judge(gallery.rank(probe));
        leaveOutAccepted += result instanceof Identification.Known ? 1 : 0;
        maxStrangerScore = Math.max(maxStrangerScore, result.score());
      }
      gallery.add(id, List.of(list.get(0)));
    });
  }

  /** Fraction of genuine pairs at or above the lowest threshold that keeps FAR at most {@code far}. */
  double tarAtFar(double far) {
    double[] imp = impostor.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int allowed = (int) Math.floor(far * imp.length);
    double threshold = allowed >= imp.length ? -1 : Math.nextUp(imp[imp.length - 1 - allowed]);
    return genuine.stream().filter(s -> s >= threshold).count() / (double) genuine.size();
  }

  double farAt(double threshold) {
    return impostor.stream().filter(s -> s >= threshold).count() / (double) impostor.size();
  }

  double tarAt(double threshold) {
    return genuine.stream().filter(s -> s >= threshold).count() / (double) genuine.size();
  }

  static double min(List<Double> scores) {
    return scores.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> scores) {
    return scores.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double median(List<Double> scores) {
    double[] s = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  String table(double threshold) {
    int photos = embeddings.values().stream().mapToInt(List::size).sum() + noFace.size();
    return String.join("\n",
        "| measure | value |",
        "|---|---:|",
        row("photos / identities", photos + " / " + embeddings.size()),
        row("photos without a usable face", noFace.size() + (noFace.isEmpty() ? "" : " " + noFace)),
        row("genuine / impostor pairs", genuine.size() + " / " + impostor.size()),
        row("TAR at FAR 1%", pct(tarAtFar(0.01))),
        row("TAR at FAR 0.1%", pct(tarAtFar(0.001))),
        row("TAR / FAR at threshold " + threshold, pct(tarAt(threshold)) + " / " + pct(farAt(threshold))),
        row("genuine min / median", String.format("%.3f / %.3f", min(genuine), median(genuine))),
        row("impostor median / max", String.format("%.3f / %.3f", median(impostor), max(impostor))),
        row("identification (enrol 1st photo, probe the rest)",
            identified + "/" + probes + " = " + pct(identified / (double) probes) + ", wrong " + wrong
                + ", unknown " + unknownProbes),
        row("singleton strangers accepted", strangersAccepted + "/" + strangerProbes),
        row("left-out identities accepted as someone else", leaveOutAccepted + "/" + leaveOutProbes),
        row("highest stranger score", String.format("%.3f", maxStrangerScore)));
  }

  private static String row(String name, String value) {
    return "| " + name + " | " + value + " |";
  }

  private static String pct(double v) {
    return String.format("%.2f%%", 100 * v);
  }

  @Override
  public String toString() {
    return Arrays.toString(new int[] {probes, identified, wrong});
  }
}
