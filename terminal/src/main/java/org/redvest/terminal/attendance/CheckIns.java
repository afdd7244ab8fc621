package org.redvest.terminal.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.terminal.outbox.OutboxException;

/**
 * Turns sightings into check-ins and check-outs.
 *
 * <p>The kind toggles per volunteer: after a {@code CHECK_IN} comes a {@code CHECK_OUT}, otherwise
 * a {@code CHECK_IN}. The toggle reads the outbox, so it survives restarts. A sighting within
 * {@code debounce} of the volunteer's previous sighting, or of their last recorded event, is
 * ignored, and every sighting moves the window on: someone who stands in front of the camera for
 * ten minutes is one event, not four. Sightings are remembered in memory only; after a restart the
 * recorded event still debounces.
 *
 * <p>Time is the sighting's own ({@link Sighting#at()}), never a wall clock read here. A gap
 * measured backwards (the clock was set back) counts by its size, so a corrected clock cannot
 * silence a volunteer for hours. Thread-safe: deciding and recording are one step.
 */
public final class CheckIns {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckIns.class);

  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMinutes(3);

  /** Forget sightings once this many volunteers are remembered and theirs are out of the window. */
  private static final int PRUNE_AT = 256;

  private final Outbox outbox;
  private final Duration debounce;
  private final Map<VolunteerId, Instant> lastSeen = new HashMap<>();
  private Forgetting forgetting;

  public CheckIns(Outbox outbox, Duration debounce) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    if (debounce == null || debounce.isNegative()) {
      throw new IllegalArgumentException("debounce: must be >= 0, was " + debounce);
    }
    this.debounce = debounce;
  }

  public CheckIns(Outbox outbox) {
    this(outbox, DEFAULT_DEBOUNCE);
  }

  /**
   * From now on, notes every sighting in {@code sightings}, and answers a sighting whose last
   * event is a forgotten check-in ({@link SessionRules#forgotten}) with {@link Decision.Forgotten}
   * instead of a check-out now. Only for kiosks whose screen can ask the volunteer (the web
   * screen); without it the plain toggle applies.
   */
  public synchronized void proposeForgottenCheckOuts(Sightings sightings, SessionRules rules, ActivityEnds activities) {
    this.forgetting = new Forgetting(Objects.requireNonNull(sightings, "sightings"),
        Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(activities, "activities"));
  }

  public Duration debounce() {
    return debounce;
  }

  public Decision decide(VolunteerId volunteer, CheckInMethod method, OffsetDateTime at) {
    return decide(Sighting.of(volunteer, method, at));
  }

  /** Records a check-in or check-out for {@code sighting}, or says why it does not. */
  public synchronized Decision decide(Sighting sighting) {
    VolunteerId volunteer = sighting.volunteerId();
    Instant now = sighting.at().toInstant();
    Instant previousSighting = lastSeen.put(volunteer, now);
    pruneSightings(now);
    noteSighting(sighting);
    Optional<AttendanceEvent> last = outbox.lastEvent(volunteer);
    if (last.isPresent() && withinWindow(last.get().occurredAt().toInstant(), now)) {
      return new Decision.Ignored(volunteer, Decision.Reason.RECORDED_RECENTLY, last.get());
    }
    if (previousSighting != null && withinWindow(previousSighting, now)) {
      return new Decision.Ignored(volunteer, Decision.Reason.STILL_IN_VIEW, last.orElse(null));
    }
    if (forgetting != null && last.isPresent() && last.get().kind() == EventKind.CHECK_IN
        && forgetting.rules().forgotten(last.get().occurredAt(), sighting.at())) {
      return new Decision.Forgotten(last.get(), sighting, proposal(last.get(), sighting.at()));
    }
    EventKind kind = last.map(e -> e.kind().opposite()).orElse(EventKind.CHECK_IN);
    Draft draft = new Draft(volunteer, kind, sighting.method(), sighting.at(),
        sighting.activityId(), sighting.confidence(), null, null, sighting.evidence());
    return new Decision.Recorded(outbox.append(draft));
  }

  /**
   * The best-supported end for {@code checkIn}'s session if decided at {@code now}
   * ({@link EndTimeProposal#propose}); empty without forgotten check-outs configured.
   */
  public synchronized Optional<EndTimeProposal> proposal(AttendanceEvent checkIn, OffsetDateTime now) {
    if (forgetting == null) {
      return Optional.empty();
    }
    Optional<OffsetDateTime> seen = forgetting.sightings().lastBetween(checkIn.volunteerId(),
        checkIn.occurredAt(), forgetting.rules().latestEnd(checkIn.occurredAt(), now));
    return EndTimeProposal.propose(checkIn.occurredAt(), now, seen,
        forgetting.activities().endOf(checkIn), forgetting.rules());
  }

  /** The rules forgotten check-outs are judged by, or the defaults when none were configured. */
  public synchronized SessionRules rules() {
    return forgetting == null ? SessionRules.defaults() : forgetting.rules();
  }

  /**
   * The volunteer confirmed (or corrected) the end of their forgotten session: records a
   * {@code CHECK_OUT} at {@code end} by the sighting's method with evidence {@code correction} =
   * {@code basis}, then the {@code CHECK_IN} for the sighting itself.
   *
   * @throws IllegalStateException if the session was closed meanwhile, or {@code end} is outside
   *     its bounds
   */
  public synchronized List<AttendanceEvent> closeForgotten(Decision.Forgotten forgotten, OffsetDateTime end,
      String basis) {
    Sighting s = forgotten.sighting();
    AttendanceEvent checkOut = appendCorrection(forgotten.lastCheckIn(), s.at(), new Draft(s.volunteerId(),
        EventKind.CHECK_OUT, s.method(), end, s.activityId(), s.confidence(), null, null,
        s.evidence().withCorrection(basis)));
    AttendanceEvent checkIn = outbox.append(new Draft(s.volunteerId(), EventKind.CHECK_IN, s.method(), s.at(),
        s.activityId(), s.confidence(), null, null, s.evidence()));
    lastSeen.put(s.volunteerId(), s.at().toInstant());
    return List.of(checkOut, checkIn);
  }

  /**
   * Nobody confirmed the forgotten session's end in time. Its check-out is not guessed: when the
   * open check-in is older than the maximum session the new check-in is recorded (the hub
   * auto-closes the old session for review); otherwise nothing is recorded, because the hub would
   * merge a second check-in into the open session (docs/kiosk-screen.md).
   *
   * @return the check-in recorded, or empty
   */
  public synchronized Optional<AttendanceEvent> forgottenUnanswered(Decision.Forgotten forgotten) {
    Sighting s = forgotten.sighting();
    Optional<AttendanceEvent> last = outbox.lastEvent(s.volunteerId());
    if (last.isEmpty() || !last.get().eventId().equals(forgotten.lastCheckIn().eventId())) {
      return Optional.empty();
    }
    if (Duration.between(forgotten.lastCheckIn().occurredAt(), s.at()).compareTo(rules().maxSession()) <= 0) {
      return Optional.empty();
    }
    return Optional.of(outbox.append(new Draft(s.volunteerId(), EventKind.CHECK_IN, s.method(), s.at(),
        s.activityId(), s.confidence(), null, null, s.evidence())));
  }

  /**
   * A station manager closes {@code checkIn}'s open session at {@code end}: a {@code MANUAL}
   * {@code CHECK_OUT} with {@code operator}, {@code reason} and the correction {@code basis}.
   */
  public synchronized AttendanceEvent closeByManager(AttendanceEvent checkIn, OffsetDateTime end, String basis,
      String operator, String reason, OffsetDateTime now) {
    return appendCorrection(checkIn, now, new Draft(checkIn.volunteerId(), EventKind.CHECK_OUT,
        CheckInMethod.MANUAL, end, checkIn.activityId(), null, operator, reason,
        org.redvest.protocol.Evidence.NONE.withCorrection(basis)));
  }

  /** A manager-attested check-in or check-out: method {@code MANUAL} with operator and reason. */
  public synchronized AttendanceEvent attested(VolunteerId volunteer, EventKind kind, OffsetDateTime at,
      String operator, String reason) {
    AttendanceEvent event = outbox.append(new Draft(volunteer, kind, CheckInMethod.MANUAL, at, null, null,
        operator, reason));
    lastSeen.put(volunteer, at.toInstant());
    return event;
  }

  private AttendanceEvent appendCorrection(AttendanceEvent checkIn, OffsetDateTime now, Draft checkOut) {
    Optional<AttendanceEvent> last = outbox.lastEvent(checkIn.volunteerId());
    if (last.isEmpty() || !last.get().eventId().equals(checkIn.eventId())) {
      throw new IllegalStateException("the session of " + checkIn.volunteerId() + " opened at "
          + checkIn.occurredAt() + " is no longer open");
    }
    if (!EndTimeProposal.withinBounds(checkOut.occurredAt(), checkIn.occurredAt(), now, rules())) {
      throw new IllegalStateException("end " + checkOut.occurredAt() + " must be after the check-in "
          + checkIn.occurredAt() + " and no later than " + rules().latestEnd(checkIn.occurredAt(), now));
    }
    return outbox.append(checkOut);
  }

  private void noteSighting(Sighting sighting) {
    if (forgetting == null) {
      return;
    }
    try {
      forgetting.sightings().record(sighting.volunteerId(), sighting.at(), sighting.method());
    } catch (OutboxException e) {
      // A lost sighting only weakens a later proposal; it must not block the check-in.
      LOG.warn("sighting of {} not kept: {}", sighting.volunteerId(), e.getMessage());
    }
  }

  private record Forgetting(Sightings sightings, SessionRules rules, ActivityEnds activities) {}

  private boolean withinWindow(Instant earlier, Instant now) {
    return Duration.between(earlier, now).abs().compareTo(debounce) < 0;
  }

  private void pruneSightings(Instant now) {
    if (lastSeen.size() >= PRUNE_AT) {
      lastSeen.values().removeIf(seen -> !withinWindow(seen, now));
    }
  }
}
