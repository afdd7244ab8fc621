package org.redvest.terminal.face;

import java.util.Objects;

/**
 * The face a frame shows (the largest one), judged and, when good enough, embedded.
 *
 * @param box where it is
 * @param quality whether it may be identified; otherwise the guidance to show
 * @param embedding its template, or null when the quality gate refused it
 * @param liveness the passive liveness model's probability that the face is live, or null when
 *     no liveness model is installed or the face was refused
 */
public record FaceObservation(FaceBox box, Quality quality, Embedding embedding, Double liveness) {
  public FaceObservation {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(quality, "quality");
    if ((quality == Quality.OK) != (embedding != null)) {
      throw new IllegalArgumentException("embedding: present exactly when quality is OK");
    }
  }
}
