package org.redvest.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LangTest {
  @Test
  void preferred_firstOfChineseOrEnglishByWeight() {
    assertThat(Lang.preferred("en-US,en;q=0.9,zh-CN;q=0.8")).isEqualTo(Lang.EN);
    assertThat(Lang.preferred("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Lang.ZH);
    assertThat(Lang.preferred("fr-FR,en;q=0.5,zh;q=0.7")).isEqualTo(Lang.ZH);
    assertThat(Lang.preferred("de, en;q=0.3")).isEqualTo(Lang.EN);
  }

  @Test
  void preferred_missingOrMalformed_zhCn() {
    assertThat(Lang.preferred(null)).isEqualTo(Lang.ZH);
    assertThat(Lang.preferred("")).isEqualTo(Lang.ZH);
    assertThat(Lang.preferred("fr")).isEqualTo(Lang.ZH);
    assertThat(Lang.preferred("en;q=nonsense")).isEqualTo(Lang.ZH);
  }
}
