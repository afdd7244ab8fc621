package org.redvest.terminal.face;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The templates of the people enrolled at this station, searched 1:N. Each identity may hold
 * several templates; it scores its best one. Reads see an immutable snapshot, so identifying on
 * the frame thread never waits for an enrolment.
 */
public final class Gallery {
  private final int dimensions;
  private volatile Snapshot snapshot = new Snapshot(new float[0], new String[0]);

  public Gallery(int dimensions) {
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions: must be >= 1, was " + dimensions);
    }
    this.dimensions = dimensions;
  }

  /** Adds templates for {@code identity}. */
  public synchronized void add(String identity, List<Embedding> templates) {
    Snapshot old = snapshot;
    float[] rows = Arrays.copyOf(old.rows, old.rows.length + templates.size() * dimensions);
    String[] owners = Arrays.copyOf(old.owners, old.owners.length + templates.size());
    int row = old.owners.length;
    for (Embedding e : templates) {
      if (e.size() != dimensions) {
        throw new IllegalArgumentException("template of " + identity + " has " + e.size()
            + " values; this gallery holds " + dimensions);
      }
      System.arraycopy(e.shared(), 0, rows, row * dimensions, dimensions);
      owners[row++] = identity;
    }
    snapshot = new Snapshot(rows, owners);
  }

  /** Forgets every template of {@code identity}; returns how many there were. */
  public synchronized int remove(String identity) {
    Snapshot old = snapshot;
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < old.owners.length; i++) {
      if (!old.owners[i].equals(identity)) {
        keep.add(i);
      }
    }
    float[] rows = new float[keep.size() * dimensions];
    String[] owners = new String[keep.size()];
    for (int k = 0; k < keep.size(); k++) {
      System.arraycopy(old.rows, keep.get(k) * dimensions, rows, k * dimensions, dimensions);
      owners[k] = old.owners[keep.get(k)];
    }
    snapshot = new Snapshot(rows, owners);
    return old.owners.length - owners.length;
  }

  public int dimensions() {
    return dimensions;
  }

  /** Number of templates. */
  public int size() {
    return snapshot.owners.length;
  }

  public Set<String> identities() {
    return new TreeSet<>(Arrays.asList(snapshot.owners));
  }

  /** The best-scoring identity and the best score of any other identity. */
  public Ranking rank(Embedding probe) {
    if (probe.size() != dimensions) {
      throw new IllegalArgumentException("probe has " + probe.size() + " values; this gallery holds " + dimensions);
    }
    Snapshot s = snapshot;
    float[] p = probe.shared();
    String best = null;
    double bestScore = -1;
    double secondScore = -1;
    for (int i = 0; i < s.owners.length; i++) {
      double score = Embedding.dot(s.rows, i * dimensions, p);
      if (score > bestScore) {
        if (best != null && !s.owners[i].equals(best)) {
          secondScore = bestScore;
        }
        best = s.owners[i];
        bestScore = score;
      } else if (score > secondScore && !s.owners[i].equals(best)) {
        secondScore = score;
      }
    }
    return new Ranking(best, bestScore, secondScore);
  }

  /**
   * Result of a 1:N search.
   *
   * @param best the closest identity, or null for an empty gallery
   * @param bestScore its cosine similarity (-1 when the gallery is empty)
   * @param secondScore the best similarity of any other identity (-1 when there is none)
   */
  public record Ranking(String best, double bestScore, double secondScore) {
    public double margin() {
      return bestScore - secondScore;
    }
  }

  private record Snapshot(float[] rows, String[] owners) {}
}
