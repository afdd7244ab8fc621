package org.redvest.terminal.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gallery search, the match policy and multi-frame agreement, on small hand-made vectors. */
class FaceDecisionsTest {
  static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  static Embedding e(float... v) {
    return Embedding.of(v);
  }

  @Test
  void embedding_of_isUnitLength() {
    assertThat(e(3, 4).similarity(e(3, 4))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Embedding.fromBytes(e(3, 4).toBytes())).isEqualTo(e(3, 4));
  }

  @Test
  void embedding_zeroVector_isRefused() {
    assertThatThrownBy(() -> e(0, 0)).hasMessageStartingWith("embedding:");
  }

  @Test
  void rank_severalTemplatesPerPerson_secondIsAnotherIdentity() {
    Gallery gallery = new Gallery(2);
    gallery.add("a", List.of(e(1, 0), e(0.9f, 0.1f)));
    gallery.add("b", List.of(e(0, 1)));

    Gallery.Ranking ranking = gallery.rank(e(1, 0.05f));

    assertThat(ranking.best()).isEqualTo("a");
    assertThat(ranking.secondScore()).isLessThan(0.1);
  }

  @Test
  void remove_identity_forgetsAllItsTemplates() {
    Gallery gallery = new Gallery(2);
    gallery.add("a", List.of(e(1, 0), e(0.9f, 0.1f)));
    gallery.add("b", List.of(e(0, 1)));

    assertThat(gallery.remove("a")).isEqualTo(2);
    assertThat(gallery.rank(e(1, 0)).best()).isEqualTo("b");
  }

  @Test
  void judge_belowThreshold_isUnknownOrNearMiss() {
    MatchPolicy policy = new MatchPolicy(0.45, 0.06, 0.08);

    assertThat(policy.judge(new Gallery.Ranking("a", 0.40, 0.1))).isInstanceOf(Identification.NearMiss.class);
    assertThat(policy.judge(new Gallery.Ranking("a", 0.20, 0.1))).isInstanceOf(Identification.Unknown.class);
    assertThat(policy.judge(new Gallery.Ranking(null, -1, -1))).isInstanceOf(Identification.Unknown.class);
  }

  @Test
  void judge_twoCandidatesTooClose_isNearMissNotAName() {
    MatchPolicy policy = new MatchPolicy(0.45, 0.06, 0.08);

    assertThat(policy.judge(new Gallery.Ranking("a", 0.60, 0.57))).isInstanceOf(Identification.NearMiss.class);
    assertThat(policy.judge(new Gallery.Ranking("a", 0.60, 0.30))).isInstanceOf(Identification.Known.class);
  }

  @Test
  void vote_threeFramesOfOnePerson_agrees() {
    Consensus consensus = new Consensus(3, Duration.ofSeconds(2));

    assertThat(consensus.vote("a", 0.6, T0)).isEmpty();
    assertThat(consensus.vote("a", 0.7, T0.plusMillis(100))).isEmpty();
    assertThat(consensus.vote("a", 0.8, T0.plusMillis(200))).hasValueSatisfying(agreed ->
        assertThat(agreed.score()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9)));
  }

  @Test
  void vote_anotherPersonInBetween_startsAgain() {
    Consensus consensus = new Consensus(3, Duration.ofSeconds(2));
    consensus.vote("a", 0.6, T0);
    consensus.vote("a", 0.6, T0.plusMillis(100));

    assertThat(consensus.vote("b", 0.6, T0.plusMillis(200))).isEmpty();
    assertThat(consensus.vote("a", 0.6, T0.plusMillis(300))).isEmpty();
  }

  @Test
  void vote_framesTooFarApart_doNotAgree() {
    Consensus consensus = new Consensus(2, Duration.ofSeconds(2));
    consensus.vote("a", 0.6, T0);

    assertThat(consensus.vote("a", 0.6, T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void check_smallDarkOrTurnedFace_givesGuidance() {
    byte[] bright = new byte[112 * 112];
    java.util.Arrays.fill(bright, (byte) 128);
    FaceBox frontal = TurnChallengeTest.face(0);

    assertThat(QualityGate.KIOSK.check(frontal, new byte[112 * 112], 112)).isEqualTo(Quality.TOO_DARK);
    assertThat(QualityGate.KIOSK.check(frontal, bright, 112)).isEqualTo(Quality.BLURRED);
    assertThat(QualityGate.KIOSK.check(TurnChallengeTest.face(0.5), bright, 112)).isEqualTo(Quality.TURNED_AWAY);
    assertThat(new QualityGate(200, 40, 15, 0.3, 25).check(frontal, bright, 112)).isEqualTo(Quality.TOO_SMALL);
  }
}
