package org.redvest.terminal.face.enrolment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.Quality;

/**
 * One enrolment at the kiosk, run by a station manager after the volunteer's separate consent
 * was recorded: it keeps {@code needed} captures that pass the quality gate, spaced out (each
 * differs a little from the previous one, so a frozen frame is not taken five times) and all of
 * the same person (each at least {@code threshold} similar to the first).
 */
public final class EnrolmentSession {
  /** Shown when enrolment starts and on the consent form: face check-in is never the only way. */
  public static final String NON_FACE_ALTERNATIVE =
      "刷脸签到自愿，随时可用二维码志愿者卡签到 (face check-in is optional: your QR badge always works)";

  private static final double SAME_FRAME = 0.995;

  private final VolunteerId volunteer;
  private final String displayName;
  private final Consent consent;
  private final int needed;
  private final double threshold;
  private final List<Embedding> captures = new ArrayList<>();

  public EnrolmentSession(VolunteerId volunteer, String displayName, Consent consent, int needed, double threshold) {
    this.volunteer = Objects.requireNonNull(volunteer, "volunteer");
    this.displayName = displayName;
    this.consent = Objects.requireNonNull(consent, "consent: record the volunteer's face consent first");
    if (needed < 1) {
      throw new IllegalArgumentException("needed: must be >= 1, was " + needed);
    }
    this.needed = needed;
    this.threshold = threshold;
  }

  /** Offers one observed face; returns what to tell the volunteer. */
  public String offer(FaceObservation face) {
    if (complete()) {
      return progress();
    }
    if (face.quality() != Quality.OK) {
      return face.quality().guidance();
    }
    Embedding e = face.embedding();
    if (!captures.isEmpty() && e.similarity(captures.get(0)) < threshold) {
      return "这不是同一个人，请重新开始 (a different person: start again)";
    }
    if (!captures.isEmpty() && e.similarity(captures.get(captures.size() - 1)) >= SAME_FRAME) {
      return "请稍微移动头部 (move your head a little)";
    }
    captures.add(e);
    return progress();
  }

  public boolean complete() {
    return captures.size() >= needed;
  }

  public int captured() {
    return captures.size();
  }

  /**
   * The template for a card (QR + face 1:1): the mean of the captures, normalised, which is
   * steadier than any single capture.
   */
  public Embedding cardTemplate() {
    if (captures.isEmpty()) {
      throw new IllegalStateException("no captures yet");
    }
    float[] sum = new float[captures.get(0).size()];
    for (Embedding e : captures) {
      float[] v = e.values();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    return Embedding.of(sum);
  }

  private String progress() {
    return "已采集 " + captures.size() + "/" + needed + " (captured)";
  }

  VolunteerId volunteer() {
    return volunteer;
  }

  String displayName() {
    return displayName;
  }

  Consent consent() {
    return consent;
  }

  List<Embedding> captures() {
    return List.copyOf(captures);
  }
}
