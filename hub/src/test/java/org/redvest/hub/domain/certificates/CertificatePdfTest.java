package org.redvest.hub.domain.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatePdfTest {

  @Test
  void fold_moreLinesThanFit_restSummedIntoOneLine() {
    List<ServiceRecord.Line> lines = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      lines.add(new ServiceRecord.Line("服务" + i, "站点" + i, 100 - i));
    }

    List<ServiceRecord.Line> folded = CertificatePdf.fold(lines);

    assertThat(folded).hasSize(CertificatePdf.MAX_LINES);
    assertThat(folded.get(5).content()).isEqualTo("其他服务（4 项）");
    assertThat(folded.get(5).minutes()).isEqualTo(94 + 93 + 92 + 91);
    assertThat(folded.stream().mapToLong(ServiceRecord.Line::minutes).sum())
        .isEqualTo(lines.stream().mapToLong(ServiceRecord.Line::minutes).sum());
  }

  @Test
  void fold_fewLines_unchanged() {
    List<ServiceRecord.Line> lines = List.of(new ServiceRecord.Line("讲解", "站", 60));
    assertThat(CertificatePdf.fold(lines)).isEqualTo(lines);
  }
}
