package org.redvest.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.Issuer;
import org.redvest.protocol.credential.Roster;
import org.redvest.protocol.credential.Verifier;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.credential.CodeReader;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.terminal.policy.StationPolicy;

/** The station policy applied by a kiosk over a real outbox and a real verifier. */
class KioskPolicyTest {
  private static final StationId STATION = StationId.of("S1");
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final OffsetDateTime NINE = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");
  private static final OffsetDateTime TWO_PM = OffsetDateTime.parse("2026-11-23T14:00:00+08:00");
  private static final StationPolicy POLICY = StationPolicy.parse("""
      methods: [QR, FACE, QR_FACE]
      plainBadges: false
      activities:
        - {id: A-kitchen, name: 食堂帮厨, start: "08:00", end: "12:00", requires: QR_FACE}
        - {id: B-library, name: 图书整理, start: "13:00", end: "17:00"}
      """, "policy.yaml");

  @TempDir Path dir;
  private final List<String> shown = new ArrayList<>();
  private final KeyPair pair = Ed25519.generate();
  private Outbox outbox;
  private Kiosk kiosk;
  private String card;

  @BeforeEach
  void open() {
    outbox = Outbox.open(dir, STATION, TerminalId.of("t1"), Clock.systemUTC());
    kiosk = new Kiosk(null, new CheckIns(outbox), screen(),
        StationClock.wall(Clock.fixed(Instant.parse("2026-11-23T01:30:00Z"), ZONE)));
    CodeReader reader = new CodeReader(STATION, POLICY.badgePolicy(), null, null, Verifier.DEFAULT_SKEW);
    Instant issued = Instant.parse("2026-11-01T00:00:00Z");
    reader.accept(new Roster(1, issued, List.of(new Roster.Key("k1", Ed25519.raw(pair.getPublic()), issued, null)),
        List.of()));
    kiosk.readCodesWith(reader);
    kiosk.applyPolicy(POLICY);
    card = Issuer.of("k1", pair.getPrivate()).issue(Credential.of(VolunteerId.of("V-1"), "张三", issued,
        issued.plusSeconds(365L * 86400), "k1", 3));
  }

  @AfterEach
  void close() {
    outbox.close();
  }

  @Test
  void onCode_cardWithoutFaceDuringActivityRequiringQrFace_refusedSayingWhatToDo() {
    kiosk.onCode(card, NINE);

    assertThat(shown).hasSize(1).first().asString().startsWith("REFUSED “食堂帮厨”需要证件加人脸核验")
        .contains("requires card + face");
    assertThat(outbox.lastSeq()).isZero();
  }

  @Test
  void onCode_cardDuringActivityWithoutRequirement_recordedWithTheActivityId() {
    kiosk.onCode(card, TWO_PM);

    assertThat(shown).containsExactly("CHECK_IN 张三");
    assertThat(outbox.unacked(10)).hasSize(1);
    assertThat(outbox.unacked(10).get(0).event().activityId()).isEqualTo("B-library");
  }

  @Test
  void onCode_plainBadgeAtSignedOnlyStation_refused() {
    kiosk.onCode("RV1:V-2:李四", TWO_PM);

    assertThat(shown).hasSize(1).first().asString().contains("plain badges not accepted");
  }

  @Test
  void currentActivityEnd_duringKitchenShift_isItsEndToday() {
    assertThat(kiosk.currentActivityEnd()).contains(OffsetDateTime.parse("2026-11-23T12:00:00+08:00"));
  }

  private Screen screen() {
    return new Screen() {
      @Override
      public void recorded(EventKind kind, String name, OffsetDateTime at) {
        shown.add(kind + " " + name);
      }

      @Override
      public void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt) {
        shown.add("ALREADY " + lastKind + " " + name);
      }

      @Override
      public void refused(String reason) {
        shown.add("REFUSED " + reason);
      }

      @Override
      public void camera(String problem) {}
    };
  }
}
