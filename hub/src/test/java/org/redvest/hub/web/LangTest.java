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

  @Test
  void everyFeaturesWords_inBothLanguages_sameKeys() throws java.io.IOException {
    for (String feature : Lang.bundles()) {
      java.util.Properties zh = load(feature, "words.properties");
      java.util.Properties en = load(feature, "words_en.properties");

      assertThat(en.stringPropertyNames()).as(feature)
          .containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
    }
  }

  @Test
  void words_filledIn_quotesKept_numbersUngrouped() {
    assertThat(Lang.EN.get("stations.refresh", 10)).isEqualTo("Refreshes every 10 s");
    assertThat(Lang.ZH.get("age.days", 1500)).isEqualTo("1500 天");
    assertThat(Lang.EN.get("hours.yearShare", 2026, 25)).isEqualTo("≥ 25 h in 2026");
  }

  private static java.util.Properties load(String feature, String file) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = Lang.class.getResourceAsStream(
        "/org/redvest/hub/" + feature.replace('.', '/') + "/" + file)) {
      assertThat(in).as(feature + "/" + file).isNotNull();
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p;
  }
}
