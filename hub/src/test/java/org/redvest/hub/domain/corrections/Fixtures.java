package org.redvest.hub.domain.corrections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/** Sessions, corrections and users for the corrections tests. */
final class Fixtures {
  static final VolunteerId V1 = VolunteerId.of("V-1");
  static final StationId A = StationId.of("JX-RJ-0001");
  static final StationId B = StationId.of("JX-RJ-0002");
  static final Principal MANAGER_A = new Principal("mgr-a", "Manager A", Role.STATION_MANAGER, Set.of(A));
  static final Principal MANAGER_A2 = new Principal("mgr-a2", "Manager A2", Role.STATION_MANAGER, Set.of(A));
  static final Principal MANAGER_B = new Principal("mgr-b", "Manager B", Role.STATION_MANAGER, Set.of(B));
  static final Principal ADMIN = new Principal("admin", "Admin", Role.HUB_ADMIN, Set.of());

  private Fixtures() {}

  static OffsetDateTime t(String text) {
    return OffsetDateTime.parse(text);
  }

  static Session closed(StationId station, String in, String out, long minutes) {
    return new Session(V1, station, t(in), t(out), minutes, SessionStatus.CLOSED,
        EnumSet.noneOf(SessionFlag.class), UUID.randomUUID(), UUID.randomUUID());
  }

  /** A forgotten check-out: auto-closed 12 h after the check-in, 0 minutes. */
  static Session autoClosed(StationId station, String in) {
    return new Session(V1, station, t(in), t(in).plusHours(12), 0, SessionStatus.AUTO_CLOSED,
        EnumSet.of(SessionFlag.NEEDS_REVIEW), UUID.randomUUID(), null);
  }

  static Session orphan(StationId station, String out) {
    return new Session(V1, station, null, t(out), 0, SessionStatus.ORPHAN_CHECK_OUT,
        EnumSet.of(SessionFlag.NEEDS_REVIEW), null, UUID.randomUUID());
  }

  static Correction approved(long id, Correction.Kind kind, Session target, String start, String end) {
    Snapshot after = new Snapshot(target == null ? A.value() : target.stationId().value(),
        start == null ? null : t(start), end == null ? null : t(end), 0, "CLOSED");
    return new Correction(id, kind, V1, target == null ? A : target.stationId(),
        target == null ? null : SessionKey.of(target), target == null ? null : Snapshot.of(target),
        after, "test", "mgr-a", Correction.RequesterKind.MANAGER, Instant.parse("2026-11-24T00:00:00Z"),
        Correction.State.APPROVED, "mgr-a2", Instant.parse("2026-11-24T00:00:0" + id + "Z"), "ok");
  }
}
