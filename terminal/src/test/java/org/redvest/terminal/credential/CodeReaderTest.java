package org.redvest.terminal.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.CredentialFlag;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.Issuer;
import org.redvest.protocol.credential.RefusalReason;
import org.redvest.protocol.credential.Roster;
import org.redvest.protocol.credential.Verifier;

class CodeReaderTest {
  private static final StationId STATION = StationId.of("S1");
  private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

  @TempDir Path dir;
  private final KeyPair pair = Ed25519.generate();
  private final Issuer issuer = Issuer.of("k1", pair.getPrivate());

  @Test
  void read_phonePassShownTwice_secondRefusedAsReplayed() {
    CodeReader reader = reader(BadgePolicy.defaults(), roster(1));
    String pass = issuer.issue(Credential.of(VolunteerId.of("V-1"), null, T0, T0.plusSeconds(60), "k1", 5)
        .withFlags(Set.of(CredentialFlag.PHONE_PASS)));

    assertThat(reader.read(pass, T0.plusSeconds(1))).isInstanceOf(CodeOutcome.Accepted.class);
    assertThat(((CodeOutcome.Refused) reader.read(pass, T0.plusSeconds(2))).reason()).isEqualTo(RefusalReason.REPLAYED);
  }

  @Test
  void read_windowedCodeAfterRestart_stillRefusedAsUsedUntilItExpires() {
    String code = issuer.issue(Credential.of(VolunteerId.of("V-1"), null, T0, T0.plusSeconds(40), "k1", 11)
        .withFlags(Set.of(CredentialFlag.WINDOWED)));
    try (UsedPasses used = UsedPasses.open(dir)) {
      CodeReader reader = reader(BadgePolicy.defaults(), roster(1));
      reader.rememberPassesIn(used);
      assertThat(reader.read(code, T0.plusSeconds(1))).isInstanceOf(CodeOutcome.Accepted.class);
    }

    try (UsedPasses used = UsedPasses.open(dir)) {
      CodeReader restarted = reader(BadgePolicy.defaults(), roster(1));
      restarted.rememberPassesIn(used);
      CodeOutcome again = restarted.read(code, T0.plusSeconds(5));
      assertThat(again).isInstanceOf(CodeOutcome.Refused.class);
      assertThat(((CodeOutcome.Refused) again).reason()).isEqualTo(RefusalReason.REPLAYED);
      assertThat(((CodeOutcome.Refused) again).message()).contains("已使用").contains("already used");

      String later = issuer.issue(Credential.of(VolunteerId.of("V-1"), null, T0.plusSeconds(60), T0.plusSeconds(100),
          "k1", 12).withFlags(Set.of(CredentialFlag.WINDOWED)));
      assertThat(restarted.read(later, T0.plusSeconds(61))).isInstanceOf(CodeOutcome.Accepted.class);
      assertThat(used.size()).as("the expired window was pruned").isEqualTo(1);
    }
  }

  @Test
  void read_plainBadgeAtSignedOnlyStation_refusedAndNotAtDefaultStation() {
    assertThat(((CodeOutcome.Refused) reader(BadgePolicy.signedOnly(), roster(1)).read("RV1:V-1:A", T0)).reason())
        .isEqualTo(RefusalReason.PLAIN_BADGE_NOT_ACCEPTED);
    assertThat(reader(BadgePolicy.defaults(), roster(1)).read("RV1:V-1:A", T0)).isInstanceOf(CodeOutcome.Accepted.class);
  }

  @Test
  void accept_olderRoster_ignoredAndNewerSavedForTheNextStart() {
    RosterFile file = new RosterFile(dir);
    CodeReader reader = new CodeReader(STATION, BadgePolicy.defaults(), null, file, Verifier.DEFAULT_SKEW);

    assertThat(reader.accept(roster(3))).isTrue();
    assertThat(reader.accept(roster(2))).isFalse();
    assertThat(new CodeReader(STATION, BadgePolicy.defaults(), null, file, Verifier.DEFAULT_SKEW).roster())
        .map(Roster::version).contains(3L);
  }

  @Test
  void record_refusal_committedToTheLogWithSeq() {
    try (RefusalLog log = RefusalLog.open(dir, STATION, TerminalId.of("t1"))) {
      CodeReader reader = new CodeReader(STATION, BadgePolicy.defaults(), log, null, Verifier.DEFAULT_SKEW);
      CodeOutcome.Refused refused = (CodeOutcome.Refused) reader.read("RVC1:NOPE", T0);

      reader.record(refused, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));

      assertThat(refused.reason()).isEqualTo(RefusalReason.UNKNOWN_KEY);
      assertThat(log.lastSeq()).isEqualTo(1);
      assertThat(log.unacked()).hasSize(1);
      log.acknowledge(1);
      assertThat(log.unacked()).isEmpty();
    }
  }

  private CodeReader reader(BadgePolicy policy, Roster roster) {
    CodeReader reader = new CodeReader(STATION, policy, null, null, Duration.ZERO);
    reader.accept(roster);
    return reader;
  }

  private Roster roster(long version) {
    return new Roster(version, T0, List.of(new Roster.Key("k1", Ed25519.raw(pair.getPublic()),
        T0.minusSeconds(3600), null)), List.of());
  }
}
