package org.redvest.terminal.face;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.redvest.terminal.capture.Frame;

/**
 * The 1:1 check after a card carrying a face template was read (docs/face.md, "QR + face 1:1"):
 * the live face is compared with that template only, with the station's threshold, frame
 * agreement and liveness (a {@link FaceCheckIn} over a gallery of one). It ends confirmed, or
 * refused when the face keeps not matching or the time runs out. Used by one frame thread.
 */
public final class CardCheck {
  /** Shown when the live face is not the card's holder, or none matched in time. */
  public static final String MISMATCH = "面部与证件不符 (face does not match the card)";
  /** Shown when the check starts. */
  public static final String LOOK = "请看摄像头核验人脸 (please look at the camera)";

  private final String identity;
  private final FaceCheckIn faces;
  private final Instant deadline;
  private final int maxUnmatched;

  private CardCheck(String identity, FaceCheckIn faces, Instant deadline, int maxUnmatched) {
    this.identity = identity;
    this.faces = faces;
    this.deadline = deadline;
    this.maxUnmatched = maxUnmatched;
  }

  public String identity() {
    return identity;
  }

  /** The next frame's verdict: guidance, nothing yet, confirmed, or refused with {@link #MISMATCH}. */
  public FaceOutcome onFrame(Frame frame, Instant at) {
    if (at.isAfter(deadline)) {
      return new FaceOutcome.Refused(MISMATCH);
    }
    FaceOutcome outcome = faces.onFrame(frame, at);
    if (!(outcome instanceof FaceOutcome.Confirmed) && !faces.challenging()
        && faces.unmatchedFaces() >= maxUnmatched) {
      return new FaceOutcome.Refused(MISMATCH);
    }
    return outcome;
  }

  /**
   * Starts card checks with one station's reader and settings.
   *
   * @param timeout how long the volunteer has to show a matching face
   * @param maxUnmatched good faces that do not match before the card is refused early
   */
  public record Factory(FaceReader reader, FaceSettings settings, RandomGenerator random, Duration timeout,
      int maxUnmatched) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_UNMATCHED = 8;

    public static Factory of(FaceReader reader, FaceSettings settings, RandomGenerator random) {
      return new Factory(reader, settings, random, DEFAULT_TIMEOUT, DEFAULT_MAX_UNMATCHED);
    }

    public CardCheck start(String identity, Embedding template, Instant at) {
      Gallery one = new Gallery(template.size());
      one.add(identity, List.of(template));
      return new CardCheck(identity, new FaceCheckIn(reader, one, settings, random), at.plus(timeout), maxUnmatched);
    }

    /** Whether a card's template can be compared with this reader's embeddings. */
    public boolean fits(int dimensions) {
      return dimensions == reader.dimensions();
    }
  }
}
