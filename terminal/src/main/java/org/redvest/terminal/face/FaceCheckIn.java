package org.redvest.terminal.face;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.redvest.terminal.capture.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face path of the kiosk, one frame at a time: quality guidance, 1:N identification against
 * the station's gallery, agreement over several frames, liveness (passive score, and a turn
 * challenge when the station's policy asks), and finally a confirmed identity for
 * {@code CheckIns}. Near misses are logged for review and never acted on. Used by one frame
 * thread.
 */
public final class FaceCheckIn {
  private static final Logger LOG = LoggerFactory.getLogger(FaceCheckIn.class);
  static final String LIVENESS_FAILED = "活体检测未通过，请使用二维码签到 (liveness check failed: please use your QR badge)";

  private final FaceReader reader;
  private final Gallery gallery;
  private final FaceSettings settings;
  private final RandomGenerator random;
  private final Consensus consensus;
  private final List<Double> passiveScores = new ArrayList<>();
  private Pending pending;
  private int unmatched;

  public FaceCheckIn(FaceReader reader, Gallery gallery, FaceSettings settings, RandomGenerator random) {
    this.reader = reader;
    this.gallery = gallery;
    this.settings = settings;
    this.random = random;
    this.consensus = new Consensus(settings.framesToAgree(), settings.agreeWithin());
  }

  public FaceOutcome onFrame(Frame frame, Instant at) {
    Optional<FaceObservation> seen = reader.read(frame);
    if (pending != null) {
      return challenge(seen.map(FaceObservation::box).orElse(null), at);
    }
    if (seen.isEmpty()) {
      return FaceOutcome.NOTHING;
    }
    FaceObservation face = seen.get();
    if (face.quality() != Quality.OK) {
      return new FaceOutcome.Guide(face.quality().guidance());
    }
    Identification id = settings.policy().judge(gallery.rank(face.embedding()));
    if (id instanceof Identification.NearMiss near) {
      LOG.info("face near miss (not acted on): closest {} score {} second {}", near.closest(),
          String.format("%.3f", near.score()), String.format("%.3f", near.secondScore()));
    }
    if (!(id instanceof Identification.Known known)) {
      unmatched++;
      return FaceOutcome.NOTHING;
    }
    if (face.liveness() != null) {
      passiveScores.add(face.liveness());
    }
    Optional<Consensus.Agreed> agreed = consensus.vote(known.identity(), known.score(), at);
    if (agreed.isEmpty()) {
      return FaceOutcome.NOTHING;
    }
    return afterAgreement(agreed.get());
  }

  private FaceOutcome afterAgreement(Consensus.Agreed agreed) {
    double passive = passiveScores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    passiveScores.clear();
    boolean challenge = switch (settings.liveness()) {
      case OFF -> false;
      case ALWAYS -> true;
      case PASSIVE -> Double.isNaN(passive) || passive < settings.passiveLive();
    };
    if (!challenge) {
      return new FaceOutcome.Confirmed(agreed.identity(), agreed.score(),
          settings.liveness() == LivenessPolicy.OFF ? FaceOutcome.Confirmed.NOT_CHECKED
              : FaceOutcome.Confirmed.PASS_PASSIVE);
    }
    TurnChallenge turns = TurnChallenge.random(random, settings.challengeTurns(), settings.challengeTimeout());
    pending = new Pending(agreed, turns);
    LOG.info("turn challenge for {} (passive liveness {})", agreed.identity(),
        Double.isNaN(passive) ? "n/a" : String.format("%.2f", passive));
    return new FaceOutcome.Guide(turns.current().prompt());
  }

  private FaceOutcome challenge(FaceBox box, Instant at) {
    TurnChallenge.State state = pending.challenge.observe(box, at);
    switch (state) {
      case PASSED -> {
        Consensus.Agreed agreed = pending.agreed;
        pending = null;
        return new FaceOutcome.Confirmed(agreed.identity(), agreed.score(), FaceOutcome.Confirmed.PASS_CHALLENGE);
      }
      case FAILED -> {
        LOG.info("turn challenge failed for {}", pending.agreed.identity());
        pending = null;
        consensus.reset();
        return new FaceOutcome.Refused(LIVENESS_FAILED);
      }
      default -> {
        return new FaceOutcome.Guide(pending.challenge.current().prompt());
      }
    }
  }

  /** Good-quality faces seen that matched nobody in the gallery (for a 1:1 check: not the card's holder). */
  public int unmatchedFaces() {
    return unmatched;
  }

  /** Whether a turn challenge is running. */
  public boolean challenging() {
    return pending != null;
  }

  private record Pending(Consensus.Agreed agreed, TurnChallenge challenge) {}
}
