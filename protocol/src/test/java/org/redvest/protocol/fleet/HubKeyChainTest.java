package org.redvest.protocol.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

class HubKeyChainTest {
  private static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");
  private final KeyPair k0 = Ed25519.generate();
  private final KeyPair k1 = Ed25519.generate();
  private final KeyPair k2 = Ed25519.generate();

  @Test
  void follow_fromAnyTrustedKey_reachesTheLatest_evenAfterMissedRotations() {
    HubKeyChain chain = HubKeyChain.decode(HubKeyChain.empty()
        .append(k0.getPublic(), k0.getPrivate(), k1.getPublic(), AT)
        .append(k1.getPublic(), k1.getPrivate(), k2.getPublic(), AT.plusSeconds(60)).encode());

    assertThat(chain.size()).isEqualTo(2);
    assertThat(chain.follow(List.of(k0.getPublic()))).contains(k2.getPublic());
    assertThat(chain.follow(List.of(k1.getPublic()))).contains(k2.getPublic());
    assertThat(chain.follow(List.of(Ed25519.generate().getPublic()))).as("another hub's").isEmpty();
  }

  @Test
  void follow_linkSignedByAnUntrustedKey_isNotFollowed() {
    KeyPair thief = Ed25519.generate();
    // A link claiming k0 hands over to the thief, but signed by the thief's own key.
    HubKeyChain forged = HubKeyChain.empty().append(thief.getPublic(), thief.getPrivate(),
        thief.getPublic(), AT);
    String link = new String(forged.encode(), StandardCharsets.UTF_8)
        .replace(java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString(Ed25519.raw(thief.getPublic())) + "\\\",\\\"hubKey",
            java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Ed25519.raw(k0.getPublic())) + "\\\",\\\"hubKey");

    assertThat(link).contains("previousKey\\\":\\\"" + java.util.Base64.getUrlEncoder()
        .withoutPadding().encodeToString(Ed25519.raw(k0.getPublic())));
    assertThat(HubKeyChain.decode(link.getBytes(StandardCharsets.UTF_8)).follow(List.of(k0.getPublic())))
        .isEmpty();
    assertThat(HubKeyChain.empty().follow(List.of(k0.getPublic()))).isEmpty();
  }

  @Test
  void decode_notAChain_refused() {
    assertThatThrownBy(() -> HubKeyChain.decode("{\"v\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("links");
    assertThatThrownBy(() -> HubKeyChain.decode("nope".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class);
  }
}
