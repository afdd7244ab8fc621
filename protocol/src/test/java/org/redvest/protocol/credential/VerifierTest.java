package org.redvest.protocol.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

class VerifierTest {
  private static final StationId STATION = StationId.of("S1");
  private static final VolunteerId V1 = VolunteerId.of("V-1");
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  private final KeyPair oldPair = Ed25519.generate();
  private final KeyPair newPair = Ed25519.generate();

  @Test
  void verify_duringRotation_oldAndNewKeysBothAccepted() {
    Instant rotatedAt = T0.plus(Duration.ofDays(30));
    KeyRing ring = KeyRing.of(List.of(
        new TrustedKey("k1", oldPair.getPublic(), T0, rotatedAt.plus(Duration.ofDays(365))),
        new TrustedKey("k2", newPair.getPublic(), rotatedAt, null)));
    Verifier verifier = new Verifier(ring, Set.of(), STATION, Verifier.DEFAULT_SKEW);
    String old = Issuer.of("k1", oldPair.getPrivate())
        .issue(Credential.of(V1, "A", T0.plusSeconds(60), T0.plus(Duration.ofDays(300)), "k1", 1));
    String fresh = Issuer.of("k2", newPair.getPrivate())
        .issue(Credential.of(V1, "A", rotatedAt.plusSeconds(60), rotatedAt.plus(Duration.ofDays(300)), "k2", 2));

    Instant now = rotatedAt.plus(Duration.ofDays(1));
    assertThat(verifier.verify(old, now)).isInstanceOf(Verdict.Valid.class);
    assertThat(verifier.verify(fresh, now)).isInstanceOf(Verdict.Valid.class);
  }

  @Test
  void verify_keyPastItsNotAfter_refusedAsUnknownKey() {
    KeyRing ring = KeyRing.of(List.of(new TrustedKey("k1", oldPair.getPublic(), T0, T0.plus(Duration.ofDays(10)))));
    String code = Issuer.of("k1", oldPair.getPrivate())
        .issue(Credential.of(V1, null, T0, T0.plus(Duration.ofDays(100)), "k1", 1));

    Verdict verdict = new Verifier(ring, Set.of(), STATION, Duration.ZERO).verify(code, T0.plus(Duration.ofDays(20)));

    assertThat(((Verdict.Refused) verdict).reason()).isEqualTo(RefusalReason.UNKNOWN_KEY);
  }

  @Test
  void verify_keyClaimedByAnotherKeysSignature_refusedAsForged() {
    KeyRing ring = KeyRing.of(List.of(new TrustedKey("k1", oldPair.getPublic(), T0, null)));
    String impostor = Issuer.of("k1", newPair.getPrivate())
        .issue(Credential.of(V1, null, T0, T0.plus(Duration.ofDays(100)), "k1", 1));

    Verdict verdict = new Verifier(ring, Set.of(), STATION, Duration.ZERO).verify(impostor, T0.plusSeconds(5));

    assertThat(((Verdict.Refused) verdict).reason()).isEqualTo(RefusalReason.FORGED);
    assertThat(((Verdict.Refused) verdict).credential()).as("an unverified claim is not evidence").isNull();
  }

  @Test
  void verify_randomText_neverThrowsAndSaysWrongFormatOrUnknownKey() {
    Verifier verifier = new Verifier(KeyRing.empty(), Set.of(), STATION, Duration.ZERO);
    Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder(Issuer.PREFIX);
      int length = random.nextInt(250);
      for (int j = 0; j < length; j++) {
        text.append(Base45.ALPHABET.charAt(random.nextInt(Base45.ALPHABET.length())));
      }
      Verdict verdict = verifier.verify(text.toString(), T0);
      assertThat(((Verdict.Refused) verdict).reason()).isIn(RefusalReason.WRONG_FORMAT, RefusalReason.UNKNOWN_KEY);
    }
    assertThat(((Verdict.Refused) verifier.verify(null, T0)).reason()).isEqualTo(RefusalReason.WRONG_FORMAT);
  }

  @Test
  void base45_rfc9285Examples_encodeAndDecode() {
    assertThat(Base45.encode("AB".getBytes())).isEqualTo("BB8");
    assertThat(Base45.encode("Hello!!".getBytes())).isEqualTo("%69 VD92EX0");
    assertThat(Base45.encode("base-45".getBytes())).isEqualTo("UJCLQE7W581");
    assertThat(new String(Base45.decode("QED8WEX0"))).isEqualTo("ietf!");
  }
}
