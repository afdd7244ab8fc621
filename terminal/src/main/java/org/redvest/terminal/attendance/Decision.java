package org.redvest.terminal.attendance;

import java.util.Objects;
import java.util.Optional;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.VolunteerId;

/** What {@link CheckIns} made of one sighting. */
public sealed interface Decision permits Decision.Recorded, Decision.Ignored, Decision.Forgotten {

  VolunteerId volunteerId();

  /** A new event, committed to the outbox: the screen may say "签到成功" / "签退成功". */
  record Recorded(AttendanceEvent event) implements Decision {
    public Recorded {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public VolunteerId volunteerId() {
      return event.volunteerId();
    }
  }

  /**
   * No event: the volunteer was seen or recorded within the debounce window.
   *
   * @param lastEvent the volunteer's latest recorded event, or {@code null} if none
   */
  record Ignored(VolunteerId volunteerId, Reason reason, AttendanceEvent lastEvent)
      implements Decision {
    public Ignored {
      Objects.requireNonNull(volunteerId, "volunteerId");
      Objects.requireNonNull(reason, "reason");
    }

    public Optional<AttendanceEvent> optionalLastEvent() {
      return Optional.ofNullable(lastEvent);
    }
  }

  /**
   * Nothing recorded yet: the volunteer's last event is a check-in that was never closed
   * ({@link SessionRules#forgotten}). The screen asks them to confirm or correct {@code proposal}
   * (empty: they must enter the time), then {@link CheckIns#closeForgotten} records the correction
   * check-out and the new check-in; see docs/kiosk-screen.md.
   *
   * @param lastCheckIn the open check-in
   * @param sighting the appearance that found it open (its time is "now")
   */
  record Forgotten(AttendanceEvent lastCheckIn, Sighting sighting, Optional<EndTimeProposal> proposal)
      implements Decision {
    public Forgotten {
      Objects.requireNonNull(lastCheckIn, "lastCheckIn");
      Objects.requireNonNull(sighting, "sighting");
      Objects.requireNonNull(proposal, "proposal");
    }

    @Override
    public VolunteerId volunteerId() {
      return lastCheckIn.volunteerId();
    }
  }

  /** Why a sighting was ignored. */
  enum Reason {
    /** The volunteer's last event is more recent than the debounce window. */
    RECORDED_RECENTLY,
    /** The volunteer has been in view continuously (each sighting extends the window). */
    STILL_IN_VIEW
  }
}
