package org.redvest.hub.domain.corrections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redvest.hub.domain.corrections.Fixtures.A;
import static org.redvest.hub.domain.corrections.Fixtures.approved;
import static org.redvest.hub.domain.corrections.Fixtures.autoClosed;
import static org.redvest.hub.domain.corrections.Fixtures.closed;
import static org.redvest.hub.domain.corrections.Fixtures.orphan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redvest.hub.hours.DayMinutes;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.hours.SessionStatus;

/** The overlay rule: approved corrections applied on top of the stored sessions. */
class CorrectedSessionsTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void apply_setEndOnAutoClosed_recountsMinutesAsClosedCorrectedSession() {
    Session forgotten = autoClosed(A, "2026-11-23T08:59:40+08:00");
    List<CorrectedSession> out = CorrectedSessions.apply(List.of(forgotten),
        List.of(approved(1, Correction.Kind.SET_END, forgotten, null, "2026-11-23T12:00:10+08:00")));

    Session s = out.get(0).session();
    assertThat(s.status()).isEqualTo(SessionStatus.CLOSED);
    assertThat(s.minutes()).isEqualTo(181); // 08:59 → 12:00, minute-truncated like every session
    assertThat(s.flags()).containsExactly(SessionFlag.CORRECTED);
    assertThat(s.checkInEventId()).isEqualTo(forgotten.checkInEventId());
    assertThat(out.get(0).original()).isSameAs(forgotten);
    assertThat(out.get(0).correctionId()).isEqualTo(1L);
  }

  @Test
  void apply_correctedAcrossMidnight_daysSplitAndSumToMinutes() {
    Session forgotten = autoClosed(A, "2026-11-23T22:30:40+08:00");
    Session s = CorrectedSessions.apply(List.of(forgotten),
        List.of(approved(1, Correction.Kind.SET_END, forgotten, null, "2026-11-24T01:15:20+08:00")))
        .get(0).session();

    assertThat(s.minutes()).isEqualTo(165);
    assertThat(s.days(SHANGHAI)).containsExactly(new DayMinutes(LocalDate.parse("2026-11-23"), 90),
        new DayMinutes(LocalDate.parse("2026-11-24"), 75));
  }

  @Test
  void apply_void_listedAsVoidedWithZeroMinutes() {
    Session worked = closed(A, "2026-11-23T09:00:00+08:00", "2026-11-23T10:00:00+08:00", 60);
    CorrectedSession out = CorrectedSessions.apply(List.of(worked),
        List.of(approved(1, Correction.Kind.VOID_SESSION, worked, null, null))).get(0);

    assertThat(out.session().status()).isEqualTo(SessionStatus.VOIDED);
    assertThat(out.session().minutes()).isZero();
    assertThat(out.session().days(SHANGHAI)).isEmpty();
    assertThat(out.session().checkOutAt()).isEqualTo(worked.checkOutAt());
    assertThat(out.corrected()).isTrue();
  }

  @Test
  void apply_addSession_appearsClosedCorrectedWithoutEventsInStartOrder() {
    Session later = closed(A, "2026-11-23T14:00:00+08:00", "2026-11-23T15:00:00+08:00", 60);
    List<CorrectedSession> out = CorrectedSessions.apply(List.of(later), List.of(approved(7,
        Correction.Kind.ADD_SESSION, null, "2026-11-23T09:00:00+08:00", "2026-11-23T11:30:00+08:00")));

    assertThat(out).hasSize(2);
    CorrectedSession added = out.get(0);
    assertThat(added.key()).isEqualTo(SessionKey.added(7));
    assertThat(added.original()).isNull();
    assertThat(added.session().minutes()).isEqualTo(150);
    assertThat(added.session().flags()).containsExactly(SessionFlag.CORRECTED);
    assertThat(added.session().checkInEventId()).isNull();
    assertThat(out.get(1).corrected()).isFalse();
  }

  @Test
  void apply_setStartOnOrphan_closesItWithTheCheckOutKept() {
    Session orphan = orphan(A, "2026-11-23T17:00:00+08:00");
    Session s = CorrectedSessions.apply(List.of(orphan),
        List.of(approved(1, Correction.Kind.SET_START, orphan, "2026-11-23T13:30:00+08:00", null)))
        .get(0).session();

    assertThat(s.minutes()).isEqualTo(210);
    assertThat(s.checkOutEventId()).isEqualTo(orphan.checkOutEventId());
    assertThat(s.flags()).doesNotContain(SessionFlag.NEEDS_REVIEW);
  }

  @Test
  void apply_twoCorrectionsInApprovalOrder_eachChangesOnlyItsOwnEnd() {
    Session worked = closed(A, "2026-11-23T09:00:00+08:00", "2026-11-23T10:00:00+08:00", 60);
    List<CorrectedSession> out = CorrectedSessions.apply(List.of(worked), List.of(
        approved(1, Correction.Kind.SET_END, worked, null, "2026-11-23T12:00:00+08:00"),
        approved(2, Correction.Kind.SET_START, worked, "2026-11-23T08:00:00+08:00", null)));

    assertThat(out.get(0).session().minutes()).isEqualTo(240);
    assertThat(out.get(0).correctionId()).isEqualTo(2L);
  }

  @Test
  void apply_correctionOfAnotherSession_leavesThisOneAlone() {
    Session worked = closed(A, "2026-11-23T09:00:00+08:00", "2026-11-23T10:00:00+08:00", 60);
    Session other = autoClosed(A, "2026-11-22T09:00:00+08:00");
    CorrectedSession out = CorrectedSessions.apply(List.of(worked),
        List.of(approved(1, Correction.Kind.SET_END, other, null, "2026-11-22T12:00:00+08:00"))).get(0);

    assertThat(out.session()).isEqualTo(worked);
    assertThat(out.corrected()).isFalse();
  }
}
