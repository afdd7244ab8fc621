package org.redvest.terminal.kiosk;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.attendance.Decision;
import org.redvest.terminal.attendance.Sighting;
import org.redvest.terminal.outbox.OutboxException;
import org.redvest.terminal.outbox.OutboxFullException;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.credential.CodeOutcome;
import org.redvest.terminal.credential.CodeReader;
import org.redvest.terminal.face.CardCheck;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceCheckIn;
import org.redvest.terminal.face.FaceOutcome;
import org.redvest.terminal.fleet.JoinDesk;
import org.redvest.terminal.policy.StationPolicy;
import org.redvest.terminal.qr.QrScanner;

/**
 * The kiosk's decisions for what it sees: a frame's QR code, or a line from a keyboard-wedge
 * scanner, becomes a check-in or check-out through {@link CheckIns} (committed to the outbox
 * before the screen says so), a reminder that the volunteer was just recorded, or a refusal.
 * The station's {@link StationPolicy} decides which methods count, and when; events carry its
 * current activity's id.
 *
 * <p>Called from one capture thread and at most one scanner thread; the shared state is guarded.
 */
public final class Kiosk {
  /** Shown when the outbox's disk is full; the heartbeat carries the STORAGE_FULL alarm. */
  public static final String STORAGE_FULL = "存储已满，无法签到，请联系站长 (storage full: check-in not recorded)";
  /** Shown when the outbox cannot be written for another reason. */
  public static final String OUTBOX_FAILED = "无法保存签到，请联系站长 (cannot record the check-in)";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Kiosk.class);

  /** How long a message about the same volunteer or code is not repeated. */
  static final Duration QUIET = Duration.ofSeconds(10);

  private final QrScanner scanner;
  private final CheckIns checkIns;
  private final Screen screen;
  private final StationClock clock;
  private final Map<String, OffsetDateTime> lastShown = new HashMap<>();
  private final FaceCheckIn faces;
  private final UnaryOperator<String> faceNames;
  private long recorded;
  private CodeReader codes = CodeReader.plainBadges();
  private StationPolicy policy = StationPolicy.permissive();
  private CardCheck.Factory cardChecks;
  private PendingCard pendingCard;
  private JoinDesk joinDesk;

  /**
   * @param scanner decodes QR codes in frames, or null when codes come from a scanner device
   */
  public Kiosk(QrScanner scanner, CheckIns checkIns, Screen screen, StationClock clock) {
    this(scanner, checkIns, screen, clock, null, null);
  }

  /**
   * A kiosk that also checks volunteers in by face.
   *
   * @param faces the face path, or null for a QR-only kiosk
   * @param faceNames the greeting for an enrolled volunteer id
   */
  public Kiosk(QrScanner scanner, CheckIns checkIns, Screen screen, StationClock clock, FaceCheckIn faces,
      UnaryOperator<String> faceNames) {
    this.scanner = scanner;
    this.checkIns = checkIns;
    this.screen = screen;
    this.clock = clock;
    this.faces = faces;
    this.faceNames = faceNames;
  }

  /**
   * Looks for a badge, and for an enrolled face, in one frame; while a card with a face template
   * is being checked, the face is compared with that card only (QR + face 1:1).
   */
  public void onFrame(Frame frame) {
    if (scanner != null) {
      Optional<String> text = scanner.decode(frame);
      if (text.isPresent()) {
        onCode(text.get(), clock.timeOf(frame));
      }
    }
    OffsetDateTime at = clock.timeOf(frame);
    CardCheck card = pendingCardCheck();
    if (card != null) {
      onCardFace(card, card.onFrame(frame, at.toInstant()), at);
    } else if (faces != null) {
      onFace(faces.onFrame(frame, at.toInstant()), at);
    }
  }

  /** A line typed by a keyboard-wedge or serial scanner, stamped with the station time now. */
  public void onScannerLine(String line) {
    String text = line.strip();
    if (!text.isEmpty()) {
      onCode(text, clock.now());
    }
  }

  /** Events this kiosk has recorded since it started. */
  public synchronized long recorded() {
    return recorded;
  }

  /**
   * Reads codes with {@code reader} from now on: signed credentials verified offline, plain
   * badges per the station's policy, refusals recorded. (A setter rather than another
   * constructor parameter: the default, plain badges only, is what every existing caller had.)
   */
  public synchronized void readCodesWith(CodeReader reader) {
    this.codes = reader;
  }

  /**
   * Applies the station's policy from now on: accepted methods and the activities of the day
   * (plain badges are the {@link CodeReader}'s part of it).
   */
  public synchronized void applyPolicy(StationPolicy stationPolicy) {
    this.policy = stationPolicy;
  }

  /** Checks the face of a card that carries a template (QR + face 1:1) with {@code factory}. */
  public synchronized void verifyCardsWith(CardCheck.Factory factory) {
    this.cardChecks = factory;
  }

  /**
   * Hands join codes (a hub's offline bundle as a QR code) to {@code desk}, which claims with one
   * only while a manager has armed it; without a desk they are refused like any foreign code.
   */
  public synchronized void readJoinCodesWith(JoinDesk desk) {
    this.joinDesk = desk;
  }

  /** When the activity running now ends (station time), or empty when none is running. */
  public synchronized Optional<OffsetDateTime> currentActivityEnd() {
    return policy.activityEndAfter(clock.now());
  }

  synchronized void onCode(String text, OffsetDateTime at) {
    if (pendingCard != null && pendingCard.text.equals(text)) {
      return; // the card is still in view while its face is being checked
    }
    Optional<JoinDesk.Reply> joining = joinDesk == null ? Optional.empty() : joinDesk.offer(text);
    if (joining.isPresent()) {
      // Read 15 times a second while held up: each answer is shown once per quiet window.
      if (firstInAWhile("join:" + joining.get().message(), at)) {
        if (joining.get().accepted()) {
          screen.guidance(joining.get().message());
        } else {
          screen.refused(joining.get().message());
        }
      }
      return;
    }
    CodeOutcome outcome = codes.read(text, at.toInstant());
    if (outcome instanceof CodeOutcome.NotACode) {
      if (firstInAWhile("code:" + text, at)) {
        screen.refused("这不是志愿者二维码 (not a RedVest badge)");
      }
      return;
    }
    if (outcome instanceof CodeOutcome.Refused refused) {
      // Recorded once per quiet window, like the message: a code held up is read 15 times a second.
      if (firstInAWhile("code:" + text, at)) {
        codes.record(refused, at);
        screen.refused(refused.message());
      }
      return;
    }
    CodeOutcome.Accepted accepted = (CodeOutcome.Accepted) outcome;
    firstInAWhile("code:" + text, at); // the same code read again at once is not a replay to report
    if (startCardCheck(text, accepted, at)) {
      return;
    }
    VolunteerId volunteer = accepted.volunteerId();
    Evidence evidence = accepted.credential() == null ? Evidence.NONE
        : Evidence.credential(accepted.credential().keyId(), accepted.credential().serial());
    String activityId = allowed(CheckInMethod.QR, "code:" + text, at);
    if (activityId == null) {
      return;
    }
    Decision decision = decide(new Sighting(volunteer, CheckInMethod.QR, at, emptyToNull(activityId), null, evidence));
    String name = accepted.greeting();
    show(decision, volunteer, name, at);
  }

  /**
   * Starts the face check of a card with a template when the station accepts QR_FACE and this
   * kiosk can see faces; the volunteer is asked to look at the camera.
   */
  private boolean startCardCheck(String text, CodeOutcome.Accepted accepted, OffsetDateTime at) {
    var credential = accepted.credential();
    if (credential == null || credential.faceTemplate() == null || cardChecks == null
        || !policy.accepts(CheckInMethod.QR_FACE) || !cardChecks.fits(credential.faceTemplate().dimensions())) {
      return false;
    }
    CardCheck check = cardChecks.start(accepted.volunteerId().value(),
        Embedding.of(credential.faceTemplate().values()), at.toInstant());
    pendingCard = new PendingCard(text, accepted, check);
    screen.guidance(CardCheck.LOOK);
    return true;
  }

  private synchronized CardCheck pendingCardCheck() {
    return pendingCard == null ? null : pendingCard.check;
  }

  synchronized void onCardFace(CardCheck check, FaceOutcome outcome, OffsetDateTime at) {
    PendingCard card = pendingCard;
    if (card == null || card.check != check) {
      return; // another card was read meanwhile (scanner thread): this outcome is stale
    }
    if (outcome instanceof FaceOutcome.Guide guide && firstInAWhile("face:" + guide.message(), at)) {
      screen.guidance(guide.message());
    } else if (outcome instanceof FaceOutcome.Refused refused) {
      pendingCard = null;
      LOG.info("card {} of {} refused at the face check: {}", card.accepted.credential().serial(),
          card.accepted.volunteerId(), refused.reason());
      codes.record(CodeReader.faceMismatch(card.accepted.credential(), card.text, refused.reason()), at);
      screen.refused(refused.reason());
    } else if (outcome instanceof FaceOutcome.Confirmed confirmed) {
      pendingCard = null;
      String activityId = allowed(CheckInMethod.QR_FACE, "code:" + card.text, at);
      if (activityId == null) {
        return;
      }
      var c = card.accepted.credential();
      VolunteerId volunteer = card.accepted.volunteerId();
      Decision decision = decide(new Sighting(volunteer, CheckInMethod.QR_FACE, at, emptyToNull(activityId),
          Math.round(confirmed.score() * 1000) / 1000.0,
          new Evidence(c.keyId(), c.serial(), confirmed.liveness(), null, null)));
      show(decision, volunteer, card.accepted.greeting(), at);
    }
  }

  /**
   * The current activity's id ("" when none runs) when the station's policy allows {@code method}
   * now; otherwise null, after telling the volunteer what to do instead.
   */
  private String allowed(CheckInMethod method, String quietKey, OffsetDateTime at) {
    StationPolicy.Judgement judgement = policy.judge(method, at);
    if (judgement instanceof StationPolicy.Judgement.Refused refused) {
      if (firstInAWhile("policy:" + quietKey, at)) {
        screen.refused(refused.message());
      }
      return null;
    }
    String id = ((StationPolicy.Judgement.Allowed) judgement).activityId();
    return id == null ? "" : id;
  }

  private static String emptyToNull(String activityId) {
    return activityId.isEmpty() ? null : activityId;
  }

  private record PendingCard(String text, CodeOutcome.Accepted accepted, CardCheck check) {}

  /** Tells the screen what a decision means for the volunteer in front of the kiosk. */
  private void show(Decision decision, VolunteerId volunteer, String name, OffsetDateTime at) {
    if (decision != null) {
      screen.decided(decision, name);
    }
    if (decision instanceof Decision.Recorded r) {
      recorded++;
      lastShown.put(volunteer.value(), at);
      screen.recorded(r.event().kind(), name, r.event().occurredAt());
    } else if (decision instanceof Decision.Ignored ignored
        && ignored.lastEvent() != null
        && firstInAWhile(volunteer.value(), at)) {
      screen.alreadyRecorded(ignored.lastEvent().kind(), name, ignored.lastEvent().occurredAt());
    }
  }

  synchronized void onFace(FaceOutcome outcome, OffsetDateTime at) {
    if (outcome instanceof FaceOutcome.Guide guide && firstInAWhile("face:" + guide.message(), at)) {
      screen.guidance(guide.message());
    } else if (outcome instanceof FaceOutcome.Refused refused) {
      screen.refused(refused.reason());
    } else if (outcome instanceof FaceOutcome.Confirmed confirmed) {
      VolunteerId volunteer = VolunteerId.of(confirmed.identity());
      String activityId = allowed(CheckInMethod.FACE, "face:" + confirmed.identity(), at);
      if (activityId == null) {
        return;
      }
      Decision decision = decide(new Sighting(volunteer, CheckInMethod.FACE, at, emptyToNull(activityId),
          Math.round(confirmed.score() * 1000) / 1000.0,
          new Evidence(null, null, confirmed.liveness(), null, null)));
      String name = faceNames.apply(confirmed.identity());
      show(decision, volunteer, name, at);
    }
  }

  /**
   * Decides through {@link CheckIns}. When the outbox cannot store the event the volunteer is told
   * so (never silence, never a dead scanner thread) and null is returned: nothing was recorded.
   */
  private Decision decide(Sighting sighting) {
    try {
      return checkIns.decide(sighting);
    } catch (OutboxException e) {
      LOG.error("check-in of {} not recorded: {}", sighting.volunteerId(), e.getMessage());
      if (firstInAWhile("outbox-failure", sighting.at())) {
        screen.refused(e instanceof OutboxFullException ? STORAGE_FULL : OUTBOX_FAILED);
      }
      return null;
    }
  }

  private boolean firstInAWhile(String key, OffsetDateTime at) {
    OffsetDateTime previous = lastShown.get(key);
    boolean show = previous == null || Duration.between(previous, at).abs().compareTo(QUIET) > 0;
    lastShown.put(key, at);
    if (lastShown.size() > 1_000) {
      lastShown.entrySet().removeIf(e -> Duration.between(e.getValue(), at).abs().compareTo(QUIET) > 0);
    }
    return show;
  }
}
