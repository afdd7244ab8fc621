package org.redvest.protocol.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.Ed25519;

class SignedPayloadTest {
  private static final KeyPair KEY = Ed25519.keyPair(
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  private static final byte[] BODY = "{\"committedSeq\":5}".getBytes(StandardCharsets.UTF_8);

  @Test
  void sign_appendsSigAsTheLastMember_stillJsonThatOldReadersRead() throws Exception {
    byte[] signed = SignedPayload.sign(BODY, KEY.getPrivate());
    String text = new String(signed, StandardCharsets.UTF_8);

    assertThat(text).startsWith("{\"committedSeq\":5,\"sig\":\"").endsWith("\"}");
    assertThat(new ObjectMapper().readTree(signed).path("sig").asText()).hasSize(86);
    assertThat(WireCodec.decodeAck(signed).committedSeq()).isEqualTo(5);
  }

  @Test
  void verify_returnsTheExactBodyThatWasSigned() {
    byte[] signed = SignedPayload.sign(BODY, KEY.getPrivate());

    assertThat(SignedPayload.verify(signed, KEY.getPublic())).isEqualTo(BODY);
    assertThat(SignedPayload.split(signed)).hasValueSatisfying(p -> assertThat(p.body()).isEqualTo(BODY));
  }

  @Test
  void verify_unsignedTamperedOrOtherKey_refusedNamingSig() {
    byte[] signed = SignedPayload.sign(BODY, KEY.getPrivate());
    byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("5", "9").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SignedPayload.verify(BODY, KEY.getPublic()))
        .isInstanceOf(ProtocolException.class).hasMessage("sig: is required: the message is not signed");
    assertThatThrownBy(() -> SignedPayload.verify(tampered, KEY.getPublic()))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("sig: does not verify");
    assertThatThrownBy(() -> SignedPayload.verify(signed, Ed25519.generate().getPublic()))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("sig: does not verify");
  }

  @Test
  void split_sigThatIsNotLastOrNotA64ByteSignature_isUnsigned() {
    assertThat(SignedPayload.split("{\"sig\":\"abc\",\"committedSeq\":5}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(SignedPayload.split("{\"committedSeq\":5,\"sig\":\"abc\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(SignedPayload.split("}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
