package org.redvest.terminal.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.testsupport.HandClock;

class ManagerPinTest {
  @TempDir Path dir;

  private final HandClock clock = new HandClock(Instant.parse("2026-11-23T01:00:00Z"));

  private ManagerPin pins() {
    ManagerPin.write(dir.resolve("manager-pin"), "manager-1", "246810");
    return new ManagerPin(dir.resolve("manager-pin"), clock, Duration.ofMinutes(2));
  }

  @Test
  void write_storesSaltedHashNeverThePin() throws Exception {
    pins();
    ManagerPin.write(dir.resolve("manager-pin"), "manager-2", "246810");
    String file = Files.readString(dir.resolve("manager-pin"));
    assertThat(file).doesNotContain("246810").contains("manager-1 pbkdf2-sha256").contains("manager-2 pbkdf2-sha256");
    String[] lines = file.strip().split("\n");
    assertThat(lines[0].split(" ")[3]).as("a salt each").isNotEqualTo(lines[1].split(" ")[3]);
  }

  /** The manager page's polling (joining the fleet) must not keep an unattended screen signed in. */
  @Test
  void peek_seesTheSessionWithoutRenewingIt() {
    ManagerPin pins = pins();
    String token = ((ManagerPin.Attempt.SignedIn) pins.signIn("manager-1", "246810")).token();

    clock.now = clock.now.plusSeconds(100);
    assertThat(pins.peek(token)).contains("manager-1");
    clock.now = clock.now.plusSeconds(100);
    assertThat(pins.peek(token)).as("polled 100 s ago, signed in 200 s ago: idle").isEmpty();
    assertThat(pins.manager(token)).isEmpty();
    assertThat(pins.peek(null)).isEmpty();
  }

  @Test
  void signIn_rightPin_sessionUntilIdle() {
    ManagerPin pins = pins();
    ManagerPin.Attempt a = pins.signIn("manager-1", "246810");

    assertThat(a).isInstanceOf(ManagerPin.Attempt.SignedIn.class);
    String token = ((ManagerPin.Attempt.SignedIn) a).token();
    clock.now = clock.now.plusSeconds(100);
    assertThat(pins.manager(token)).contains("manager-1");
    clock.now = clock.now.plusSeconds(100);
    assertThat(pins.manager(token)).as("each request renews the session").contains("manager-1");
    clock.now = clock.now.plusSeconds(121);
    assertThat(pins.manager(token)).as("idle too long").isEmpty();
    assertThat(pins.manager("forged")).isEmpty();
  }

  @Test
  void signIn_fiveWrongPins_locksEvenTheRightPinUntilTheLockEnds() {
    ManagerPin pins = pins();
    for (int i = 1; i < ManagerPin.MAX_FAILURES; i++) {
      assertThat(pins.signIn("manager-1", "000000")).isEqualTo(new ManagerPin.Attempt.Wrong(ManagerPin.MAX_FAILURES - i));
    }
    assertThat(pins.signIn("someone-else", "246810")).isInstanceOf(ManagerPin.Attempt.Locked.class);

    assertThat(pins.signIn("manager-1", "246810")).isInstanceOf(ManagerPin.Attempt.Locked.class);
    clock.now = clock.now.plus(ManagerPin.LOCK_FOR).minusSeconds(1);
    assertThat(pins.signIn("manager-1", "246810")).isInstanceOf(ManagerPin.Attempt.Locked.class);
    clock.now = clock.now.plusSeconds(2);
    assertThat(pins.signIn("manager-1", "246810")).isInstanceOf(ManagerPin.Attempt.SignedIn.class);
  }

  @Test
  void signIn_noPinFile_saysSo() {
    ManagerPin pins = new ManagerPin(dir.resolve("missing"), clock, Duration.ofMinutes(2));
    assertThat(pins.configured()).isFalse();
    assertThat(pins.signIn("manager-1", "1234")).isInstanceOf(ManagerPin.Attempt.NoPinSet.class);
  }

  @Test
  void write_badPinOrManager_namesTheField() {
    assertThatThrownBy(() -> ManagerPin.write(dir.resolve("p"), "manager-1", "12"))
        .hasMessageContaining("PIN");
    assertThatThrownBy(() -> ManagerPin.write(dir.resolve("p"), "manager 1", "1234"))
        .hasMessageContaining("manager id");
  }

  @Test
  void signOut_endsTheSession() {
    ManagerPin pins = pins();
    String token = ((ManagerPin.Attempt.SignedIn) pins.signIn("manager-1", "246810")).token();
    pins.signOut(token);
    assertThat(pins.manager(token)).isEmpty();
  }
}
