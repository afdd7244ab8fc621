package org.redvest.protocol.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaceTemplateTest {

  @Test
  void quantise_eightBits_keepsSignsAndScalesToTheLargestValue() {
    FaceTemplate t = FaceTemplate.quantise(new float[] {0.5f, -0.25f, 0f, -0.5f}, 8);

    assertThat(t.values()).containsExactly(127f, -63f, 0f, -127f);
    assertThat(t.encoded()).hasSize(5);
    assertThat(FaceTemplate.parse(t.encoded())).isEqualTo(t);
  }

  @Test
  void quantise_fourBits_packsTwoSignedValuesPerByte() {
    FaceTemplate t = FaceTemplate.quantise(new float[] {1f, -1f, 0.5f, -0.3f}, 4);

    assertThat(t.values()).containsExactly(7f, -7f, 4f, -2f);
    assertThat(t.encoded()).hasSize(3);
    assertThat(FaceTemplate.parse(t.encoded()).values()).containsExactly(7f, -7f, 4f, -2f);
  }

  @Test
  void parse_unknownBitWidth_namesTheField() {
    assertThatThrownBy(() -> FaceTemplate.parse(new byte[] {6, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("faceTemplate: bits");
  }

  @Test
  void parse_eightBitValueMinus128_isRefused() {
    assertThatThrownBy(() -> FaceTemplate.parse(new byte[] {8, (byte) 0x80}))
        .hasMessageContaining("out of range");
  }
}
