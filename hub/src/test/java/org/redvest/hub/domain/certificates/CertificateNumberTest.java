package org.redvest.hub.domain.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CertificateNumberTest {

  @Test
  void toString_padsSequenceToSixDigits() {
    assertThat(new CertificateNumber(2026, 1)).hasToString("RV-2026-000001");
    assertThat(new CertificateNumber(2026, 1234567)).hasToString("RV-2026-1234567");
  }

  @Test
  void parse_roundTripsAndRejectsOtherForms() {
    assertThat(CertificateNumber.parse("RV-2026-000042")).isEqualTo(new CertificateNumber(2026, 42));
    assertThatThrownBy(() -> CertificateNumber.parse("RV-2026-42")).hasMessageContaining("RV-2026-000001");
    assertThatThrownBy(() -> CertificateNumber.parse("RV-2026-000000")).hasMessageStartingWith("seq:");
    assertThatThrownBy(() -> CertificateNumber.parse("<script>")).hasMessageStartingWith("number:");
  }

  @Test
  void locateFont_configuredFileMissing_namesTheSetting() {
    assertThatThrownBy(() -> CertificateFont.locate(Path.of("/nonexistent/font.ttc")))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("REDVEST_CERTIFICATE_FONT").hasMessageContaining("/nonexistent/font.ttc");
  }

  @Test
  void settingsFromEnv_badPublicUrl_namesTheVariable() {
    assertThatThrownBy(() -> CertificateSettings.fromEnv(java.util.Map.of("REDVEST_HUB_PUBLIC_URL", "hours.example")))
        .hasMessageContaining("REDVEST_HUB_PUBLIC_URL");
    assertThat(CertificateSettings.fromEnv(java.util.Map.of("REDVEST_HUB_PUBLIC_URL", "https://h.example/"))
        .publicUrl()).hasToString("https://h.example");
  }
}
