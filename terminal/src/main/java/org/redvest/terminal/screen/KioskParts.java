package org.redvest.terminal.screen;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.attendance.Sightings;
import org.redvest.terminal.face.FaceBox;
import org.redvest.terminal.face.enrolment.Enrolments;
import org.redvest.terminal.fleet.JoinDesk;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.FleetState;
import org.redvest.terminal.outbox.Outbox;

/**
 * What the screen reads and acts through, all owned by the terminal.
 *
 * @param stationNow the station's time now (the media clock's during a replay)
 * @param fleet the relay's view of this kiosk's place in the fleet (joined, login refused, …)
 * @param faces the shared face reader, or null for a QR-only kiosk
 * @param enrolments face enrolment, or null for a QR-only kiosk
 * @param join joining the fleet from the manager screen, or null where the screen offers none
 */
public record KioskParts(
    String station,
    String terminal,
    Outbox outbox,
    CheckIns checkIns,
    Sightings sightings,
    Supplier<OffsetDateTime> stationNow,
    BooleanSupplier hubConnected,
    Supplier<FleetState> fleet,
    Supplier<CameraHealth> camera,
    Supplier<Optional<float[]>> qrLocation,
    FaceTap faces,
    Enrolments enrolments,
    JoinDesk join) {

  public KioskParts {
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(checkIns, "checkIns");
    Objects.requireNonNull(sightings, "sightings");
    Objects.requireNonNull(stationNow, "stationNow");
    Objects.requireNonNull(hubConnected, "hubConnected");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(camera, "camera");
    qrLocation = qrLocation == null ? Optional::empty : qrLocation;
  }

  Supplier<Optional<FaceBox>> faceBox() {
    return faces == null ? Optional::empty : faces::lastBox;
  }
}
