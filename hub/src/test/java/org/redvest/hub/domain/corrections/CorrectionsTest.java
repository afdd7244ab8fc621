package org.redvest.hub.domain.corrections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redvest.hub.domain.corrections.Fixtures.A;
import static org.redvest.hub.domain.corrections.Fixtures.ADMIN;
import static org.redvest.hub.domain.corrections.Fixtures.B;
import static org.redvest.hub.domain.corrections.Fixtures.MANAGER_A2;
import static org.redvest.hub.domain.corrections.Fixtures.MANAGER_A;
import static org.redvest.hub.domain.corrections.Fixtures.MANAGER_B;
import static org.redvest.hub.domain.corrections.Fixtures.V1;
import static org.redvest.hub.domain.corrections.Fixtures.autoClosed;
import static org.redvest.hub.domain.corrections.Fixtures.closed;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.hub.store.Database;

/** Requests, decisions and the audit trail on a real SQLite database. */
class CorrectionsTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  @TempDir Path dir;
  private Database database;
  private final List<Session> stored = new ArrayList<>();
  private Corrections corrections;
  private Session forgotten;

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("hub.db"));
    CorrectedSessions sessions = new CorrectedSessions(q -> stored.stream()
        .filter(s -> q.volunteerId() == null || s.volunteerId().equals(q.volunteerId())).toList(),
        database, Duration.ofHours(12));
    corrections = new Corrections(database, sessions, ApprovalRules.defaults(), Duration.ofHours(12),
        Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC), ZONE);
    forgotten = autoClosed(A, "2026-11-23T09:00:00+08:00");
    stored.add(forgotten);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Correction requestSetEnd(String end) {
    return corrections.request(MANAGER_A, CorrectionRequest.parse(Map.of("kind", "SET_END",
        "session", SessionKey.of(forgotten).value(), "volunteerId", "V-1", "end", end,
        "reason", "forgot to check out, left at noon"), ZONE));
  }

  @Test
  void request_setEnd_storedRequestedWithBeforeAndAfterAndAudited() {
    Correction c = requestSetEnd("2026-11-23T12:00");

    assertThat(c.state()).isEqualTo(Correction.State.REQUESTED);
    assertThat(c.before().status()).isEqualTo("AUTO_CLOSED");
    assertThat(c.after().minutes()).isEqualTo(180);
    assertThat(c.requesterKind()).isEqualTo(Correction.RequesterKind.MANAGER);
    assertThat(corrections.trailOfCorrection(c.id())).extracting(AuditEntry::action)
        .containsExactly("CORRECTION_REQUESTED");
  }

  @Test
  void approve_byOtherManager_overlayShowsMinutesAndAuditKeepsBothTransitions() {
    Correction c = requestSetEnd("2026-11-23T12:00");
    Correction approved = corrections.approve(MANAGER_A2, c.id(), "confirmed with the volunteer");

    assertThat(approved.state()).isEqualTo(Correction.State.APPROVED);
    assertThat(approved.decidedBy()).isEqualTo("mgr-a2");
    List<Session> now = corrections.sessions().sessions(new SessionQuery(V1, null, null, null));
    assertThat(now.get(0).minutes()).isEqualTo(180);
    assertThat(stored.get(0).minutes()).isZero(); // the stored session is untouched
    CorrectedSession s = corrections.target(V1, SessionKey.of(forgotten));
    assertThat(corrections.trail(s)).extracting(AuditEntry::action, AuditEntry::actor).containsExactly(
        org.assertj.core.groups.Tuple.tuple("CORRECTION_REQUESTED", "mgr-a"),
        org.assertj.core.groups.Tuple.tuple("CORRECTION_APPROVED", "mgr-a2"));
  }

  @Test
  void approve_ownRequest_403FourEyes() {
    Correction c = requestSetEnd("2026-11-23T12:00");
    assertRefused(() -> corrections.approve(MANAGER_A, c.id(), "ok"), 403, "four eyes");
    assertThat(corrections.get(c.id()).state()).isEqualTo(Correction.State.REQUESTED);
  }

  @Test
  void approve_managerOfAnotherStation_403() {
    Correction c = requestSetEnd("2026-11-23T12:00");
    assertRefused(() -> corrections.approve(MANAGER_B, c.id(), "ok"), 403, "not your station");
  }

  @Test
  void approve_alreadyApproved_409() {
    Correction c = requestSetEnd("2026-11-23T12:00");
    corrections.approve(MANAGER_A2, c.id(), "ok");
    assertRefused(() -> corrections.approve(ADMIN, c.id(), "again"), 409, "already APPROVED");
    assertRefused(() -> corrections.reject(ADMIN, c.id(), "too late"), 409, "already APPROVED");
  }

  @Test
  void approve_dayOverEightHours_managerRefusedAdminApproves() {
    stored.add(closed(A, "2026-11-23T13:00:00+08:00", "2026-11-23T19:00:00+08:00", 360));
    Correction c = requestSetEnd("2026-11-23T12:00"); // 180 + 360 = 540 min > 480

    assertRefused(() -> corrections.approve(MANAGER_A2, c.id(), "ok"), 403, "organisation approval");
    assertThat(corrections.approve(ADMIN, c.id(), "checked the sign-in sheet").state())
        .isEqualTo(Correction.State.APPROVED);
  }

  @Test
  void reject_thenWithdraw_409AndRejectedNeverApplies() {
    Correction c = requestSetEnd("2026-11-23T12:00");
    corrections.reject(MANAGER_A2, c.id(), "the volunteer left at 10");

    assertRefused(() -> corrections.withdraw(MANAGER_A, c.id(), "oops"), 409, "already REJECTED");
    assertThat(corrections.sessions().sessions(new SessionQuery(V1, null, null, null)).get(0).status())
        .isEqualTo(SessionStatus.AUTO_CLOSED);
  }

  @Test
  void withdraw_byAnotherManager_403ByRequester_withdrawn() {
    Correction c = requestSetEnd("2026-11-23T12:00");
    assertRefused(() -> corrections.withdraw(MANAGER_A2, c.id(), "not mine"), 403, "only mgr-a");
    assertThat(corrections.withdraw(MANAGER_A, c.id(), "typo in the time").state())
        .isEqualTo(Correction.State.WITHDRAWN);
    assertThat(corrections.trailOfCorrection(c.id())).extracting(AuditEntry::action)
        .containsExactly("CORRECTION_REQUESTED", "CORRECTION_WITHDRAWN");
  }

  @Test
  void request_secondOpenRequestForSameSession_409() {
    requestSetEnd("2026-11-23T12:00");
    assertRefused(() -> requestSetEnd("2026-11-23T11:00"), 409, "already has open request");
  }

  @Test
  void request_badFields_400NamingField() {
    assertRefused(() -> requestSetEnd("2026-11-23T08:00"), 400, "end: must be after start");
    assertRefused(() -> requestSetEnd("2026-11-24T10:00"), 400, "end: more than the maximum");
    assertRefused(() -> requestSetEnd("noon"), 400, "end: must be a time");
    Map<String, String> noReason = new HashMap<>(Map.of("kind", "SET_END", "volunteerId", "V-1",
        "session", SessionKey.of(forgotten).value(), "end", "2026-11-23T12:00"));
    assertRefused(() -> CorrectionRequest.parse(noReason, ZONE), 400, "reason: is required");
    noReason.put("reason", "x");
    noReason.put("kind", "STRETCH");
    assertRefused(() -> CorrectionRequest.parse(noReason, ZONE), 400, "kind: must be one of");
  }

  @Test
  void request_otherStationsSession_403() {
    assertRefused(() -> corrections.request(MANAGER_B, CorrectionRequest.parse(Map.of("kind", "VOID_SESSION",
        "session", SessionKey.of(forgotten).value(), "volunteerId", "V-1", "reason", "r"), ZONE)), 403,
        "not your station");
  }

  @Test
  void addSession_onBehalfOfVolunteerApprovedByAdmin_appearsAsCorrectedSession() {
    assertRefused(() -> corrections.request(MANAGER_A, addAt(B)), 403, "not your station");
    Correction c = corrections.request(MANAGER_A, addAt(A));
    assertRefused(() -> corrections.approve(MANAGER_B, c.id(), "ok"), 403, "not your station");
    corrections.approve(ADMIN, c.id(), "paper sheet seen");

    assertThat(c.requesterKind()).isEqualTo(Correction.RequesterKind.VOLUNTEER);
    CorrectedSession added = corrections.target(V1, SessionKey.added(c.id()));
    assertThat(added.session().minutes()).isEqualTo(120);
    assertThat(added.session().flags()).contains(org.redvest.hub.hours.SessionFlag.CORRECTED);
    assertThat(added.original()).isNull();
  }

  private static CorrectionRequest addAt(org.redvest.protocol.StationId station) {
    return CorrectionRequest.parse(Map.of("kind", "ADD_SESSION", "volunteerId", "V-1", "stationId",
        station.value(), "start", "2026-11-24T09:00", "end", "2026-11-24T11:00",
        "reason", "no phone, signed the paper sheet", "requesterKind", "VOLUNTEER"), ZONE);
  }

  @Test
  void addSession_overlappingAnotherSession_400() {
    stored.add(closed(A, "2026-11-24T10:00:00+08:00", "2026-11-24T12:00:00+08:00", 120));
    assertRefused(() -> corrections.request(ADMIN, CorrectionRequest.parse(Map.of("kind", "ADD_SESSION",
        "volunteerId", "V-1", "stationId", A.value(), "start", "2026-11-24T09:00", "end", "2026-11-24T11:00",
        "reason", "paper sheet"), ZONE)), 400, "start: the corrected session overlaps");
  }

  @Test
  void void_approved_sessionListedVoidedAndNewRequestOnIt409() {
    Session worked = closed(A, "2026-11-24T09:00:00+08:00", "2026-11-24T10:00:00+08:00", 60);
    stored.add(worked);
    Map<String, String> fields = Map.of("kind", "VOID_SESSION", "session", SessionKey.of(worked).value(),
        "volunteerId", "V-1", "reason", "badge used by a friend");
    Correction c = corrections.request(MANAGER_A, CorrectionRequest.parse(fields, ZONE));
    corrections.approve(ADMIN, c.id(), "confirmed");

    Session now = corrections.target(V1, SessionKey.of(worked)).session();
    assertThat(now.status()).isEqualTo(SessionStatus.VOIDED);
    assertThat(now.minutes()).isZero();
    assertRefused(() -> corrections.request(MANAGER_A, CorrectionRequest.parse(fields, ZONE)), 409, "voided");
  }

  @Test
  void approve_sessionChangedByNewEventsSinceRequest_409() {
    Session worked = closed(A, "2026-11-24T09:00:00+08:00", "2026-11-24T10:00:00+08:00", 60);
    stored.add(worked);
    Correction c = corrections.request(MANAGER_A, CorrectionRequest.parse(Map.of("kind", "SET_START",
        "session", SessionKey.of(worked).value(), "volunteerId", "V-1", "start", "2026-11-24T08:00",
        "reason", "scanner was down in the morning"), ZONE));
    // a late check-out arrives: recomputed, the same check-in now ends later
    stored.set(1, new Session(V1, A, worked.checkInAt(), Fixtures.t("2026-11-24T11:00:00+08:00"), 120,
        SessionStatus.CLOSED, worked.flags(), worked.checkInEventId(), java.util.UUID.randomUUID()));

    assertRefused(() -> corrections.approve(MANAGER_A2, c.id(), "ok"), 409, "changed since #" + c.id());
  }

  @Test
  void approve_openSessionAutoClosedSinceRequest_stillApproves() {
    Session open = new Session(V1, A, Fixtures.t("2026-11-24T20:00:00+08:00"), null, 0, SessionStatus.OPEN,
        java.util.EnumSet.noneOf(org.redvest.hub.hours.SessionFlag.class), java.util.UUID.randomUUID(), null);
    stored.add(open);
    Correction c = corrections.request(MANAGER_A, CorrectionRequest.parse(Map.of("kind", "SET_END",
        "session", SessionKey.of(open).value(), "volunteerId", "V-1", "end", "2026-11-24T22:00",
        "reason", "left at ten, forgot the kiosk"), ZONE));
    stored.set(1, new Session(V1, A, open.checkInAt(), open.checkInAt().plusHours(12), 0,
        SessionStatus.AUTO_CLOSED, stored.get(1).flags(), open.checkInEventId(), null));

    assertThat(corrections.approve(MANAGER_A2, c.id(), "ok").state()).isEqualTo(Correction.State.APPROVED);
    assertThat(corrections.target(V1, SessionKey.of(open)).session().minutes()).isEqualTo(120);
  }

  @Test
  void acceptReview_twice_409AndAuditedOnce() {
    CorrectedSession s = corrections.target(V1, SessionKey.of(forgotten));
    corrections.acceptReview(MANAGER_A, s.key().value(), s, A, "V-1", "left without checking out, 0 is right");

    assertRefused(() -> corrections.acceptReview(MANAGER_A2, s.key().value(), s, A, "V-1", "again"), 409,
        "already decided");
    assertThat(corrections.decidedReviewItems()).containsExactly(s.key().value());
    assertThat(corrections.trail(s)).extracting(AuditEntry::action).containsExactly("REVIEW_ACCEPTED");
  }

  private static void assertRefused(ThrowingCallable call, int status, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(CorrectionException.class,
        e -> assertThat(e.status()).isEqualTo(status)).hasMessageContaining(message);
  }
}
