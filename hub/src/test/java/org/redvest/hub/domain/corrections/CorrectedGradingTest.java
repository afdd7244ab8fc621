package org.redvest.hub.domain.corrections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redvest.hub.domain.corrections.Fixtures.A;
import static org.redvest.hub.domain.corrections.Fixtures.approved;
import static org.redvest.hub.domain.corrections.Fixtures.closed;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.EvidenceGrade;
import org.redvest.hub.hours.EvidenceGrading;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.hours.SessionStatus;
import org.redvest.protocol.CheckInMethod;

/** How corrected sessions are graded: a manager's approved correction attests, it never verifies. */
class CorrectedGradingTest {
  private static final EndEvidence SIGNED = new EndEvidence(CheckInMethod.QR, null, "k1", 1L, null, false,
      null, 0L, null, 0, 0, null, null, null, false);
  private final EvidenceGrading grading = EvidenceGrading.defaults();

  @Test
  void grade_addedSession_attestedWithoutReasons() {
    Session added = CorrectedSessions.apply(List.of(), List.of(approved(3, Correction.Kind.ADD_SESSION, null,
        "2026-11-23T09:00:00+08:00", "2026-11-23T10:00:00+08:00"))).get(0).session();
    GradedSession g = grading.grade(added, null, null);
    assertThat(g.grade()).isEqualTo(EvidenceGrade.ATTESTED);
    assertThat(g.reasons()).isEmpty();
  }

  @Test
  void grade_correctedSignedSession_attestedNotVerified() {
    Session worked = closed(A, "2026-11-23T09:00:00+08:00", "2026-11-23T10:00:00+08:00", 60);
    Session s = CorrectedSessions.apply(List.of(worked), List.of(approved(1, Correction.Kind.SET_END, worked,
        null, "2026-11-23T11:00:00+08:00"))).get(0).session();
    assertThat(grading.grade(worked, SIGNED, SIGNED).grade()).isEqualTo(EvidenceGrade.VERIFIED);
    assertThat(grading.grade(s, SIGNED, SIGNED).grade()).isEqualTo(EvidenceGrade.ATTESTED);
  }

  @Test
  void grade_voided_notIncomplete() {
    Session voided = new Session(Fixtures.V1, A, Fixtures.t("2026-11-23T09:00:00+08:00"),
        Fixtures.t("2026-11-23T10:00:00+08:00"), 0, SessionStatus.VOIDED, EnumSet.of(SessionFlag.CORRECTED),
        java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
    assertThat(grading.grade(voided, SIGNED, SIGNED).reasons()).isEmpty();
  }
}
