package org.redvest.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.outbox.Outbox;

class KioskTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-23T08:59:00+08:00");

  @TempDir Path dir;
  private final List<String> shown = new ArrayList<>();
  private Outbox outbox;
  private Kiosk kiosk;

  @BeforeEach
  void open() {
    outbox = Outbox.open(dir, StationId.of("S1"), TerminalId.of("t1"), Clock.systemUTC());
    kiosk = new Kiosk(null, new CheckIns(outbox), screen(), StationClock.wall(Clock.systemUTC()));
  }

  @AfterEach
  void close() {
    outbox.close();
  }

  @Test
  void onCode_badge_commitsBeforeTheScreenSaysSo() {
    kiosk.onCode("RV1:V-1:张三", T0);

    assertThat(shown).containsExactly("CHECK_IN 张三 1");
    assertThat(kiosk.recorded()).isEqualTo(1);
  }

  @Test
  void onCode_sameBadgeHeldInView_isOneEventAndNoRepeatedMessages() {
    for (int second = 0; second < 120; second++) {
      kiosk.onCode("RV1:V-1:张三", T0.plusSeconds(second));
    }

    assertThat(shown).containsExactly("CHECK_IN 张三 1");
    assertThat(outbox.lastSeq()).isEqualTo(1);
  }

  @Test
  void onCode_badgeShownAgainAfterAPause_remindsWithoutRecording() {
    kiosk.onCode("RV1:V-1:张三", T0);
    kiosk.onCode("RV1:V-1:张三", T0.plusSeconds(30));

    assertThat(shown).containsExactly("CHECK_IN 张三 1", "ALREADY CHECK_IN 张三");
  }

  @Test
  void onCode_foreignQrCode_isRefusedOnceNotRecorded() {
    kiosk.onCode("https://example.com/promo", T0);
    kiosk.onCode("https://example.com/promo", T0.plusSeconds(1));

    assertThat(shown).hasSize(1).first().asString().startsWith("REFUSED");
    assertThat(outbox.lastSeq()).isZero();
  }

  @Test
  void onScannerLine_trimsTheLineEnding() {
    kiosk.onScannerLine("RV1:V-2:李四\r\n");

    assertThat(shown).containsExactly("CHECK_IN 李四 1");
  }

  private Screen screen() {
    return new Screen() {
      @Override
      public void recorded(EventKind kind, String name, OffsetDateTime at) {
        shown.add(kind + " " + name + " " + outbox.lastSeq());
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
