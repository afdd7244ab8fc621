package org.redvest.protocol.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

class FleetWireTest {
  /** RFC 8032's first test key: any Ed25519 library reproduces the vector from it. */
  private static final KeyPair KEY = Ed25519.keyPair(
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  private static final TerminalAccount KIOSK_9 = TerminalAccount.of("JX-RJ-0001", "kiosk-9");

  @Test
  void request_signedWithTheVectorKey_isTheCommittedVectorByteForByte() throws IOException {
    ProvisionRequest request = ProvisionRequest.signed("7KQ2-M9XD-4HTR", KIOSK_9,
        Ed25519.raw(KEY.getPublic()), KEY.getPrivate());

    assertThat(new String(FleetWire.encodeRequest(request), StandardCharsets.UTF_8))
        .isEqualTo(vector("provision-request.json"));
    assertThat(KeyFingerprint.of(request.publicKey()))
        .isEqualTo("SHA256:If4x36FUomFia/hUBG/SJxt77UtqvkWqWId+9H+XIbk");
  }

  @Test
  void request_vectorDecoded_proofHolds_alteredTerminalDoesNot() throws IOException {
    ProvisionRequest decoded = FleetWire.decodeRequest(vector("provision-request.json").getBytes(StandardCharsets.UTF_8));

    assertThat(decoded.account()).isEqualTo(KIOSK_9);
    assertThat(decoded.proofHolds()).isTrue();
    ProvisionRequest moved = new ProvisionRequest(decoded.claimCode(), TerminalAccount.of("JX-RJ-0001", "kiosk-8"),
        decoded.publicKey(), decoded.proof());
    assertThat(moved.proofHolds()).isFalse();
    ProvisionRequest otherCode = new ProvisionRequest("7KQ2-M9XD-4HTS", KIOSK_9, decoded.publicKey(), decoded.proof());
    assertThat(otherCode.proofHolds()).isFalse();
  }

  @Test
  void request_missingOrBadFields_refusedNamingTheField() {
    assertThatThrownBy(() -> FleetWire.decodeRequest("{\"v\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("claimCode");
    assertThatThrownBy(() -> FleetWire.decodeRequest(("{\"claimCode\":\"X\",\"stationId\":\"S\",\"terminalId\":\"T\","
        + "\"publicKey\":\"AAAA\",\"proof\":\"AAAA\"}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("publicKey");
    assertThatThrownBy(() -> FleetWire.decodeRequest("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void provisioning_roundTrips_andAUsernameForAnotherTerminalIsRefused() {
    Provisioning p = new Provisioning(KIOSK_9, "a-random-secret-of-43-characters-0123456789",
        "SHA256:If4x36FUomFia/hUBG/SJxt77UtqvkWqWId+9H+XIbk", "redvest/v1", Instant.parse("2026-12-07T03:30:00Z"),
        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    String json = new String(FleetWire.encodeProvisioning(p), StandardCharsets.UTF_8);

    assertThat(FleetWire.decodeProvisioning(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(p);
    assertThat(p.toString()).doesNotContain(p.password());
    assertThatThrownBy(() -> FleetWire.decodeProvisioning(json.replace("\"mqttUsername\":\"JX-RJ-0001/kiosk-9\"",
        "\"mqttUsername\":\"JX-RJ-0001/kiosk-1\"").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("mqttUsername");
  }

  @Test
  void rotationNotice_isTheDocumentedBody_roundTrips_andAMissingPortIsRefused() {
    RotationNotice notice = new RotationNotice(KIOSK_9, Instant.parse("2026-12-07T10:09:14.753Z"),
        "admin", 8443);
    byte[] body = FleetWire.encodeNotice(notice);

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"v\":1,\"stationId\":\"JX-RJ-0001\","
        + "\"terminalId\":\"kiosk-9\",\"requestedAt\":\"2026-12-07T10:09:14.753Z\","
        + "\"requestedBy\":\"admin\",\"httpsPort\":8443}");
    assertThat(FleetWire.decodeNotice(SignedPayload.verify(SignedPayload.sign(body, KEY.getPrivate()),
        KEY.getPublic()))).isEqualTo(notice);
    assertThatThrownBy(() -> FleetWire.decodeNotice(new String(body, StandardCharsets.UTF_8)
        .replace(",\"httpsPort\":8443", "").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("httpsPort");
  }

  @Test
  void account_usernamesAndClientIdsNameExactlyOneTerminal() {
    assertThat(TerminalAccount.fromUsername("JX-RJ-0001/kiosk-9")).contains(KIOSK_9);
    assertThat(TerminalAccount.fromUsername("JX-RJ-0001/kiosk-9/x")).isEmpty();
    assertThat(TerminalAccount.fromUsername(TerminalAccount.HUB_USERNAME)).isEmpty();
    assertThat(TerminalAccount.fromUsername("JX-RJ-0001/")).isEmpty();
    assertThat(KIOSK_9.ownsClientId("rv/JX-RJ-0001/kiosk-9")).isTrue();
    assertThat(KIOSK_9.ownsClientId("rv/JX-RJ-0001/kiosk-9/enrolments")).isTrue();
    assertThat(KIOSK_9.ownsClientId("rv/JX-RJ-0001/kiosk-9/other")).isFalse();
    assertThat(KIOSK_9.ownsClientId("rv/JX-RJ-0001/kiosk-99")).isFalse();
    assertThat(KIOSK_9.ownsClientId("redvest-JX-RJ-0001-kiosk-9")).isFalse();
  }

  private static String vector(String name) throws IOException {
    try (InputStream in = FleetWireTest.class.getResourceAsStream("/fleet/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
