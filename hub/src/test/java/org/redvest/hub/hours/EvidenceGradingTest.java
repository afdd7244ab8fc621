package org.redvest.hub.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

/** One test per rule of "Evidence grades" in docs/hours-rules.md. */
class EvidenceGradingTest {
  private static final VolunteerId V = VolunteerId.of("V-1");
  private static final StationId A = StationId.of("JX-RJ-0001");
  private static final OffsetDateTime IN = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");
  private static final OffsetDateTime OUT = IN.plusHours(2);
  private static final Evidence SIGNED_ONLINE = new Evidence("k1", 7L, null, false, null);

  private final EvidenceGrading grading = EvidenceGrading.defaults();
  private long seq;

  @Test
  void grade_signedCredentialBothEnds_verified() {
    GradedSession g = grade(closed(), qr(IN, SIGNED_ONLINE), qr(OUT, SIGNED_ONLINE));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.VERIFIED);
    assertThat(g.reasons()).isEmpty();
  }

  @Test
  void grade_faceAboveMinimumWithLiveness_verified() {
    GradedSession g = grade(closed(), face(IN, 0.71, "PASS_PASSIVE"), face(OUT, 0.6, "PASS_CHALLENGE"));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.VERIFIED);
  }

  @Test
  void grade_qrFaceWithCredentialAndScore_verified() {
    EndEvidence end = end(event(CheckInMethod.QR_FACE, IN, 0.8, SIGNED_ONLINE), IN.toInstant());

    assertThat(grade(closed(), end, qr(OUT, SIGNED_ONLINE)).grade()).isEqualTo(EvidenceGrade.VERIFIED);
  }

  @Test
  void grade_manualEndOtherwiseClean_attestedWithOperatorAndReason() {
    AttendanceEvent manual = new AttendanceEvent(1, UUID.randomUUID(), A, TerminalId.of("kiosk-1"), ++seq, V,
        EventKind.CHECK_OUT, CheckInMethod.MANUAL, OUT, null, null, "mgr-1", "forgot to check out",
        new Evidence(null, null, null, false, null));
    GradedSession g = grade(closed(), qr(IN, SIGNED_ONLINE), end(manual, OUT.toInstant()));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.ATTESTED);
    assertThat(g.checkOut().operatorId()).isEqualTo("mgr-1");
    assertThat(g.checkOut().reason()).isEqualTo("forgot to check out");
  }

  @Test
  void grade_plainBadge_needsReviewPlainBadge() {
    GradedSession g = grade(closed(), qr(IN, new Evidence(null, null, null, false, null)), qr(OUT, SIGNED_ONLINE));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.NEEDS_REVIEW);
    assertThat(g.reasons()).containsExactly(ReviewReason.PLAIN_BADGE);
  }

  @Test
  void grade_faceBelowMinimumScore_needsReviewLowFaceScore() {
    GradedSession g = grade(closed(), face(IN, 0.40, "PASS_PASSIVE"), qr(OUT, SIGNED_ONLINE));

    assertThat(g.reasons()).containsExactly(ReviewReason.LOW_FACE_SCORE);
  }

  @Test
  void grade_faceWithoutPassedLiveness_needsReviewNoLiveness() {
    GradedSession g = grade(closed(), face(IN, 0.7, "NOT_CHECKED"), face(OUT, 0.7, null));

    assertThat(g.reasons()).containsExactly(ReviewReason.NO_LIVENESS);
  }

  @Test
  void grade_onlineEventWithClockTenMinutesAhead_needsReviewClockSkew() {
    EndEvidence ahead = end(event(CheckInMethod.QR, IN, null, SIGNED_ONLINE), IN.minusMinutes(10).toInstant());

    GradedSession g = grade(closed(), ahead, qr(OUT, SIGNED_ONLINE));

    assertThat(ahead.clockOffsetS()).isEqualTo(600);
    assertThat(g.reasons()).containsExactly(ReviewReason.CLOCK_SKEW);
  }

  @Test
  void grade_lateEventNotMarkedOffline_needsReviewBackDated() {
    Evidence unknownLink = Evidence.credential("k1", 7);
    EndEvidence late = end(event(CheckInMethod.QR, IN, null, unknownLink), IN.plusHours(3).toInstant());

    GradedSession g = grade(closed(), late, qr(OUT, SIGNED_ONLINE));

    assertThat(late.clockOffsetS()).isNull();
    assertThat(late.lateS()).isEqualTo(3 * 3600);
    assertThat(g.reasons()).containsExactly(ReviewReason.BACK_DATED);
  }

  @Test
  void grade_lateEventRecordedOffline_verifiedWithLatenessShown() {
    Evidence offline = new Evidence("k1", 7L, null, true, null);
    EndEvidence late = end(event(CheckInMethod.QR, IN, null, offline), IN.plusHours(3).toInstant());

    GradedSession g = grade(closed(), late, qr(OUT, SIGNED_ONLINE));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.VERIFIED);
    assertThat(g.checkIn().lateS()).isEqualTo(3 * 3600);
    assertThat(g.checkIn().clockOffsetS()).isNull();
  }

  @Test
  void grade_autoClosedSession_needsReviewIncompleteAndFlagged() {
    Session auto = session(SessionStatus.AUTO_CLOSED, EnumSet.of(SessionFlag.NEEDS_REVIEW), true, false);

    GradedSession g = grade(auto, qr(IN, SIGNED_ONLINE), null);

    assertThat(g.reasons()).containsExactly(ReviewReason.INCOMPLETE, ReviewReason.FLAGGED);
  }

  @Test
  void grade_checkOutAtOtherStationFlag_needsReviewFlagged() {
    Session s = session(SessionStatus.CLOSED, EnumSet.of(SessionFlag.CHECK_OUT_AT_OTHER_STATION), true, true);

    assertThat(grade(s, qr(IN, SIGNED_ONLINE), qr(OUT, SIGNED_ONLINE)).reasons())
        .containsExactly(ReviewReason.FLAGGED);
  }

  @Test
  void grade_redundantCheckInFlagOnly_stillVerified() {
    Session s = session(SessionStatus.CLOSED, EnumSet.of(SessionFlag.REDUNDANT_CHECK_IN), true, true);

    assertThat(grade(s, qr(IN, SIGNED_ONLINE), qr(OUT, SIGNED_ONLINE)).grade()).isEqualTo(EvidenceGrade.VERIFIED);
  }

  @Test
  void grade_storedEventMissing_needsReviewNoEvidence() {
    assertThat(grade(closed(), qr(IN, SIGNED_ONLINE), null).reasons()).containsExactly(ReviewReason.NO_EVIDENCE);
  }

  @Test
  void grade_endInBrokenChain_needsReviewChainBroken() {
    GradedSession g = grade(closed(), qr(IN, SIGNED_ONLINE).withChainBroken(true), qr(OUT, SIGNED_ONLINE));

    assertThat(g.reasons()).containsExactly(ReviewReason.CHAIN_BROKEN);
  }

  @Test
  void grade_openSessionWithSignedCheckIn_verifiedSoFar() {
    Session open = session(SessionStatus.OPEN, EnumSet.noneOf(SessionFlag.class), true, false);

    assertThat(grade(open, qr(IN, SIGNED_ONLINE), null).grade()).isEqualTo(EvidenceGrade.VERIFIED);
  }

  @Test
  void grade_manualEndOnFlaggedSession_needsReviewWinsOverAttested() {
    AttendanceEvent manual = new AttendanceEvent(1, UUID.randomUUID(), A, TerminalId.of("kiosk-1"), ++seq, V,
        EventKind.CHECK_IN, CheckInMethod.MANUAL, IN, null, null, "mgr-1", "scanner broken");
    Session s = session(SessionStatus.CLOSED, EnumSet.of(SessionFlag.CLOCK_AHEAD), true, true);

    assertThat(grade(s, end(manual, IN.toInstant()), qr(OUT, SIGNED_ONLINE)).grade())
        .isEqualTo(EvidenceGrade.NEEDS_REVIEW);
  }

  @Test
  void grade_correctionCheckOutDeliveredHoursLate_attestedNamingBasisNotBackDated() {
    AttendanceEvent correction = new AttendanceEvent(1, UUID.randomUUID(), A, TerminalId.of("kiosk-1"), ++seq, V,
        EventKind.CHECK_OUT, CheckInMethod.QR, OUT, null, null, null, null,
        SIGNED_ONLINE.withCorrection("LAST_SIGHTING"));
    EndEvidence late = end(correction, OUT.plusHours(5).toInstant());

    GradedSession g = grade(closed(), qr(IN, SIGNED_ONLINE), late);

    assertThat(late.clockOffsetS()).as("a correction's time says nothing about the clock").isNull();
    assertThat(late.delayS()).isEqualTo(5 * 3600);
    assertThat(g.reasons()).isEmpty();
    assertThat(g.grade()).isEqualTo(EvidenceGrade.ATTESTED);
    assertThat(g.attestations()).containsExactly(Attestation.CORRECTION_LAST_SIGHTING);
  }

  @Test
  void grade_manualCheckOutByManagerAsCorrection_attestedWithBothBasesAndOperator() {
    AttendanceEvent manual = new AttendanceEvent(1, UUID.randomUUID(), A, TerminalId.of("kiosk-1"), ++seq, V,
        EventKind.CHECK_OUT, CheckInMethod.MANUAL, OUT, null, null, "mgr-2", "left without scanning",
        new Evidence(null, null, null, false, null).withCorrection("STATION_CLOSING"));

    GradedSession g = grade(closed(), qr(IN, SIGNED_ONLINE), end(manual, OUT.plusHours(20).toInstant()));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.ATTESTED);
    assertThat(g.attestations()).containsExactly(Attestation.CORRECTION_STATION_CLOSING);
    assertThat(g.checkOut().operatorId()).isEqualTo("mgr-2");
    assertThat(g.checkOut().correction()).isEqualTo("STATION_CLOSING");
  }

  @Test
  void grade_manualEnd_attestationManualEntry() {
    AttendanceEvent manual = new AttendanceEvent(1, UUID.randomUUID(), A, TerminalId.of("kiosk-1"), ++seq, V,
        EventKind.CHECK_IN, CheckInMethod.MANUAL, IN, null, null, "mgr-1", "scanner broken");

    GradedSession g = grade(closed(), end(manual, IN.toInstant().plusSeconds(2)), qr(OUT, SIGNED_ONLINE));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.ATTESTED);
    assertThat(g.attestations()).containsExactly(Attestation.MANUAL_ENTRY);
  }

  @Test
  void grade_heartbeatShowsClockBehindAndEventOnTime_clockSkewNotBackDated() {
    OffsetDateTime hubNow = IN.plusHours(3);
    Receipt.ClockReading behind = new Receipt.ClockReading(IN.toInstant(), hubNow.toInstant().minusSeconds(20));
    EndEvidence skewed = EndEvidence.of(event(CheckInMethod.QR, IN, null, SIGNED_ONLINE),
        Receipt.measure(event(CheckInMethod.QR, IN, null, SIGNED_ONLINE), hubNow.toInstant(), behind));

    GradedSession g = grade(closed(), skewed, qr(OUT, SIGNED_ONLINE));

    assertThat(skewed.clockOffsetS()).isEqualTo(-3 * 3600 + 20);
    assertThat(skewed.offsetSource()).isEqualTo("HEARTBEAT");
    assertThat(skewed.delayS()).isEqualTo(20);
    assertThat(g.reasons()).containsExactly(ReviewReason.CLOCK_SKEW);
  }

  @Test
  void grade_dayOverHigherCap_needsReviewNamingHigherApproval() {
    GradedSession g = grading.grade(closed(), qr(IN, SIGNED_ONLINE), qr(OUT, SIGNED_ONLINE),
        new SessionCap(60, 60, Approval.HIGHER));

    assertThat(g.grade()).isEqualTo(EvidenceGrade.NEEDS_REVIEW);
    assertThat(g.reasons()).containsExactly(ReviewReason.OVER_HIGHER_CAP);
    assertThat(g.cap().pendingMinutes()).isEqualTo(60);
  }

  @Test
  void grade_configuredClockTolerance_applied() {
    EvidenceGrading strict = new EvidenceGrading(EvidenceRules.defaults()
        .withClockTolerance(Duration.ofSeconds(30)).grading());
    EndEvidence ahead = end(event(CheckInMethod.QR, IN, null, SIGNED_ONLINE), IN.minusSeconds(60).toInstant());

    assertThat(strict.grade(closed(), ahead, qr(OUT, SIGNED_ONLINE)).reasons()).containsExactly(ReviewReason.CLOCK_SKEW);
    assertThat(grade(closed(), ahead, qr(OUT, SIGNED_ONLINE)).reasons()).isEmpty();
  }

  @Test
  void rules_negativeTolerance_rejectedNamingTheField() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new EvidenceGrading.Rules(0.45, Duration.ofMinutes(-1), Duration.ofHours(1)))
        .hasMessageContaining("clockTolerance");
  }

  private GradedSession grade(Session s, EndEvidence in, EndEvidence out) {
    return grading.grade(s, in, out);
  }

  private Session closed() {
    return session(SessionStatus.CLOSED, EnumSet.noneOf(SessionFlag.class), true, true);
  }

  private static Session session(SessionStatus status, Set<SessionFlag> flags, boolean hasIn, boolean hasOut) {
    return new Session(V, A, IN, hasOut || status == SessionStatus.AUTO_CLOSED ? OUT : null,
        status == SessionStatus.CLOSED ? 120 : 0, status, flags, hasIn ? UUID.randomUUID() : null,
        hasOut ? UUID.randomUUID() : null);
  }

  /** A QR end received one second after it happened. */
  private EndEvidence qr(OffsetDateTime at, Evidence evidence) {
    return end(event(CheckInMethod.QR, at, null, evidence), at.toInstant().plusSeconds(1));
  }

  private EndEvidence face(OffsetDateTime at, double score, String liveness) {
    return end(event(CheckInMethod.FACE, at, score, new Evidence(null, null, liveness, false, null)),
        at.toInstant().plusSeconds(1));
  }

  private AttendanceEvent event(CheckInMethod method, OffsetDateTime at, Double confidence, Evidence evidence) {
    return new AttendanceEvent(1, UUID.randomUUID(), A, TerminalId.of("kiosk-1"), ++seq, V, EventKind.CHECK_IN,
        method, at, null, confidence, null, null, evidence);
  }

  private static EndEvidence end(AttendanceEvent event, Instant receivedAt) {
    return EndEvidence.of(event, receivedAt);
  }
}
