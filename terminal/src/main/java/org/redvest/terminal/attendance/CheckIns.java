package org.redvest.terminal.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;

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
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMinutes(3);

  /** Forget sightings once this many volunteers are remembered and theirs are out of the window. */
  private static final int PRUNE_AT = 256;

  private final Outbox outbox;
  private final Duration debounce;
  private final Map<VolunteerId, Instant> lastSeen = new HashMap<>();

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
    Optional<AttendanceEvent> last = outbox.lastEvent(volunteer);
    if (last.isPresent() && withinWindow(last.get().occurredAt().toInstant(), now)) {
      return new Decision.Ignored(volunteer, Decision.Reason.RECORDED_RECENTLY, last.get());
    }
    if (previousSighting != null && withinWindow(previousSighting, now)) {
      return new Decision.Ignored(volunteer, Decision.Reason.STILL_IN_VIEW, last.orElse(null));
    }
    EventKind kind = last.map(e -> e.kind().opposite()).orElse(EventKind.CHECK_IN);
    Draft draft = new Draft(volunteer, kind, sighting.method(), sighting.at(),
        sighting.activityId(), sighting.confidence(), null, null, sighting.evidence());
    return new Decision.Recorded(outbox.append(draft));
  }

  private boolean withinWindow(Instant earlier, Instant now) {
    return Duration.between(earlier, now).abs().compareTo(debounce) < 0;
  }

  private void pruneSightings(Instant now) {
    if (lastSeen.size() >= PRUNE_AT) {
      lastSeen.values().removeIf(seen -> !withinWindow(seen, now));
    }
  }
}
