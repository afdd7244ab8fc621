package org.redvest.terminal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.CheckInMethod;

class StationPolicyTest {
  static final String POLICY = """
      methods: [QR, FACE, QR_FACE]
      plainBadges: false
      activities:
        - id: A-kitchen
          name: 食堂帮厨
          start: "08:00"
          end: "12:00"
          requires: QR_FACE
        - id: B-night
          name: 夜间巡逻
          start: "22:00"
          end: "02:00"
      """;

  @TempDir Path dir;

  @Test
  void parse_fullFile_readsMethodsBadgesAndActivities() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, POLICY);

    StationPolicy p = StationPolicy.parse(file);

    assertThat(p.accepted()).containsExactlyInAnyOrder(CheckInMethod.QR, CheckInMethod.FACE, CheckInMethod.QR_FACE);
    assertThat(p.plainBadges()).isFalse();
    assertThat(p.badgePolicy().plainBadges()).isFalse();
    assertThat(p.activities()).extracting(Activity::id).containsExactly("A-kitchen", "B-night");
    assertThat(p.activities().get(0).start()).isEqualTo(LocalTime.of(8, 0));
    assertThat(p.activities().get(0).requires()).isEqualTo(CheckInMethod.QR_FACE);
  }

  @Test
  void parse_emptyFile_acceptsEverything() {
    StationPolicy p = StationPolicy.parse("", "empty.yaml");

    assertThat(p.accepted()).hasSize(4);
    assertThat(p.plainBadges()).isTrue();
    assertThat(p.activities()).isEmpty();
  }

  @Test
  void parse_badValues_errorsNameTheFileAndKey() {
    assertThatThrownBy(() -> StationPolicy.parse("methods: [QR, IRIS]", "p.yaml"))
        .hasMessage("p.yaml: methods[1]: must be QR, FACE, QR_FACE or MANUAL, was IRIS");
    assertThatThrownBy(() -> StationPolicy.parse("plainbadges: false", "p.yaml"))
        .hasMessageStartingWith("p.yaml: plainbadges: unknown key");
    assertThatThrownBy(() -> StationPolicy.parse("activities:\n  - id: A\n    start: '25:00'\n    end: '10:00'", "p.yaml"))
        .hasMessageStartingWith("p.yaml: activities[0].start: must be a time like");
    assertThatThrownBy(() -> StationPolicy.parse("activities:\n  - id: A\n    start: '08:00'", "p.yaml"))
        .hasMessage("p.yaml: activities[0].end: is required (HH:MM)");
    assertThatThrownBy(() -> StationPolicy.parse(
        "methods: [QR]\nactivities:\n  - {id: A, start: '08:00', end: '09:00', requires: FACE}", "p.yaml"))
        .hasMessageStartingWith("p.yaml: activities[0].requires: FACE is not in methods");
    assertThatThrownBy(() -> StationPolicy.parse("methods: [QR", "p.yaml")).hasMessageStartingWith("p.yaml: not valid YAML");
  }

  @Test
  void parse_unquotedTime_isReadAsClockTime() {
    StationPolicy p = StationPolicy.parse("activities:\n  - {id: A, start: 08:30, end: 17:00}", "p.yaml");

    assertThat(p.activities().get(0).start()).isEqualTo(LocalTime.of(8, 30));
    assertThat(p.activities().get(0).end()).isEqualTo(LocalTime.of(17, 0));
  }

  @Test
  void judge_activityRequiringQrFace_refusesQrAndFaceAllowsQrFaceWithItsId() {
    StationPolicy p = StationPolicy.parse(POLICY, "p.yaml");
    OffsetDateTime nine = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");

    assertThat(p.judge(CheckInMethod.QR, nine)).isInstanceOfSatisfying(StationPolicy.Judgement.Refused.class,
        r -> assertThat(r.message()).contains("食堂帮厨").contains("card + face"));
    assertThat(p.judge(CheckInMethod.FACE, nine)).isInstanceOf(StationPolicy.Judgement.Refused.class);
    assertThat(p.judge(CheckInMethod.QR_FACE, nine)).isInstanceOfSatisfying(StationPolicy.Judgement.Allowed.class,
        a -> assertThat(a.activityId()).isEqualTo("A-kitchen"));
  }

  @Test
  void judge_outsideActivitiesAndMethodNotAccepted_allowedWithoutIdOrRefusedSayingWhatToDo() {
    StationPolicy p = StationPolicy.parse(POLICY, "p.yaml");
    OffsetDateTime afternoon = OffsetDateTime.parse("2026-11-23T15:00:00+08:00");

    assertThat(p.judge(CheckInMethod.QR, afternoon)).isInstanceOfSatisfying(StationPolicy.Judgement.Allowed.class,
        a -> assertThat(a.activityId()).isNull());
    assertThat(p.judge(CheckInMethod.MANUAL, afternoon)).isInstanceOf(StationPolicy.Judgement.Refused.class);
    StationPolicy faceOnly = new StationPolicy(Set.of(CheckInMethod.FACE), true, java.util.List.of());
    assertThat(((StationPolicy.Judgement.Refused) faceOnly.judge(CheckInMethod.QR, afternoon)).message())
        .contains("please look at the camera");
  }

  @Test
  void activityEndAfter_overnightActivity_endsNextMorning() {
    StationPolicy p = StationPolicy.parse(POLICY, "p.yaml");

    assertThat(p.activityEndAfter(OffsetDateTime.parse("2026-11-23T23:00:00+08:00")))
        .contains(OffsetDateTime.parse("2026-11-24T02:00:00+08:00"));
    assertThat(p.activityEndAfter(OffsetDateTime.parse("2026-11-24T01:00:00+08:00")))
        .contains(OffsetDateTime.parse("2026-11-24T02:00:00+08:00"));
    assertThat(p.activityEndAfter(OffsetDateTime.parse("2026-11-23T10:00:00+08:00")))
        .contains(OffsetDateTime.parse("2026-11-23T12:00:00+08:00"));
    assertThat(p.activityEndAfter(OffsetDateTime.parse("2026-11-23T13:00:00+08:00"))).isEmpty();
  }
}
