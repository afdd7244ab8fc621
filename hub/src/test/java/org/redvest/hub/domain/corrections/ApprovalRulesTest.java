package org.redvest.hub.domain.corrections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redvest.hub.domain.corrections.Fixtures.A;
import static org.redvest.hub.domain.corrections.Fixtures.ADMIN;
import static org.redvest.hub.domain.corrections.Fixtures.MANAGER_A2;
import static org.redvest.hub.domain.corrections.Fixtures.MANAGER_A;
import static org.redvest.hub.domain.corrections.Fixtures.MANAGER_B;
import static org.redvest.hub.domain.corrections.Fixtures.approved;
import static org.redvest.hub.domain.corrections.Fixtures.autoClosed;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Who may approve: station scope, four eyes, the organisation tier above the day limit. */
class ApprovalRulesTest {
  private final ApprovalRules rules = ApprovalRules.defaults();
  private final Correction byManagerA = approved(1, Correction.Kind.SET_END,
      autoClosed(A, "2026-11-23T09:00:00+08:00"), null, "2026-11-23T12:00:00+08:00");

  @Test
  void mayApprove_otherManagerOfTheStationWithinLimit_allowed() {
    assertThat(rules.mayApprove(MANAGER_A2, byManagerA, 480)).isEqualTo(ApprovalRules.Verdict.ALLOWED);
  }

  @Test
  void mayApprove_ownRequest_refusedEvenForAdmin() {
    assertThat(rules.mayApprove(MANAGER_A, byManagerA, 60)).isEqualTo(ApprovalRules.Verdict.OWN_REQUEST);
    Correction byAdmin = new Correction(2, byManagerA.kind(), byManagerA.volunteerId(), A, byManagerA.target(),
        byManagerA.before(), byManagerA.after(), "r", "admin", Correction.RequesterKind.ADMIN,
        byManagerA.requestedAt(), Correction.State.REQUESTED, null, null, null);
    assertThat(rules.mayApprove(ADMIN, byAdmin, 60)).isEqualTo(ApprovalRules.Verdict.OWN_REQUEST);
  }

  @Test
  void mayApprove_managerOfAnotherStation_notYourStation() {
    assertThat(rules.mayApprove(MANAGER_B, byManagerA, 60)).isEqualTo(ApprovalRules.Verdict.NOT_YOUR_STATION);
  }

  @Test
  void mayApprove_dayOverEightHours_managerNeedsOrganisationAdminAllowed() {
    assertThat(rules.mayApprove(MANAGER_A2, byManagerA, 481)).isEqualTo(ApprovalRules.Verdict.NEEDS_ORGANISATION);
    assertThat(rules.mayApprove(ADMIN, byManagerA, 481)).isEqualTo(ApprovalRules.Verdict.ALLOWED);
  }

  @Test
  void mayApprove_limitIsAParameter_sixHoursRefusesSevenHourDay() {
    assertThat(new ApprovalRules(Duration.ofHours(6)).mayApprove(MANAGER_A2, byManagerA, 7 * 60))
        .isEqualTo(ApprovalRules.Verdict.NEEDS_ORGANISATION);
  }

  @Test
  void rules_zeroLimit_refusedNamingField() {
    assertThatThrownBy(() -> new ApprovalRules(Duration.ZERO)).hasMessageStartingWith("managerDayLimit");
  }
}
