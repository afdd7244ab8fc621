package org.redvest.protocol.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

/** Join codes (docs/protocol.md §15): an offline bundle as the text of a QR code. */
class JoinCodeTest {
  private static final KeyPair HUB = Ed25519.keyPair(
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  private static final ProvisioningBundle BUNDLE = new ProvisioningBundle(
      TerminalAccount.of("JX-RJ-0001", "kiosk-1"), "7KQ2-M9XD-4HTR", URI.create("https://hub.example.org:8443"),
      "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
      Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.raw(HUB.getPublic())),
      Instant.parse("2026-12-14T07:00:00Z"));

  @Test
  void joinCode_isThePrefixedBundleFile_andReadsBackToTheSameBundle() {
    byte[] file = BUNDLE.sign(HUB.getPrivate());

    String code = ProvisioningBundle.joinCode(file);

    assertThat(code).startsWith("RVJ1:{\"v\":1,");
    assertThat(ProvisioningBundle.isJoinCode(code)).isTrue();
    assertThat(ProvisioningBundle.fileOfJoinCode(code)).isEqualTo(file);
    ProvisioningBundle read = ProvisioningBundle.read(ProvisioningBundle.fileOfJoinCode(code));
    assertThat(read.account()).isEqualTo(BUNDLE.account());
    assertThat(read.claimCode()).isEqualTo("7KQ2-M9XD-4HTR");
    assertThat(read.hubKey()).isEqualTo(BUNDLE.hubKey());
  }

  @Test
  void joinCode_alteredInTransit_refusedBySignature() {
    String code = ProvisioningBundle.joinCode(BUNDLE.sign(HUB.getPrivate()));
    String otherHub = code.replace("hub.example.org", "evil.example.org");

    assertThatThrownBy(() -> ProvisioningBundle.read(ProvisioningBundle.fileOfJoinCode(otherHub)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("sig");
  }

  @Test
  void otherText_isNoJoinCode() {
    assertThat(ProvisioningBundle.isJoinCode("RVC1:ABC")).isFalse();
    assertThat(ProvisioningBundle.isJoinCode(null)).isFalse();
    assertThatThrownBy(() -> ProvisioningBundle.fileOfJoinCode("RV1:V-360781-000101:张三"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("RVJ1:");
  }

  @Test
  void joinCode_ofABundleBeyondAscii_refusedNamingTheByte() {
    byte[] file = "{\"hub\":\"https://中心.example\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ProvisioningBundle.joinCode(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASCII");
  }
}
