package org.redvest.hub.web.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifyPageTest {

  @Test
  void maskName_hidesTheMiddle() {
    assertThat(VerifyPage.maskName("张三")).isEqualTo("张*");
    assertThat(VerifyPage.maskName("张三丰")).isEqualTo("张*丰");
    assertThat(VerifyPage.maskName("欧阳娜娜")).isEqualTo("欧**娜");
    assertThat(VerifyPage.maskName("John Smith")).isEqualTo("J*** S****");
  }
}
