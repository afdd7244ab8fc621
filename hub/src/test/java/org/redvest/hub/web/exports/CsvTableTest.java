package org.redvest.hub.web.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  @Test
  void field_formulaPrefixes_getApostrophe() {
    assertThat(CsvTable.field("=1+2")).isEqualTo("'=1+2");
    assertThat(CsvTable.field("+86 138")).isEqualTo("'+86 138");
    assertThat(CsvTable.field("-5")).isEqualTo("'-5");
    assertThat(CsvTable.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvTable.field("\tcmd")).isEqualTo("'\tcmd");
    assertThat(CsvTable.field("张=三")).isEqualTo("张=三");
  }

  @Test
  void field_commaQuoteNewline_quotedWithQuotesDoubled() {
    assertThat(CsvTable.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvTable.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvTable.field("line1\nline2")).isEqualTo("\"line1\nline2\"");
    assertThat(CsvTable.field("=A1,B1")).isEqualTo("\"'=A1,B1\"");
  }

  @Test
  void field_numbersAndTimes_plainNotGuarded() {
    assertThat(CsvTable.field(-5L)).isEqualTo("-5");
    assertThat(CsvTable.field(2.5)).isEqualTo("2.50");
    assertThat(CsvTable.field(LocalDateTime.parse("2026-11-02T09:00"))).isEqualTo("2026-11-02 09:00");
    assertThat(CsvTable.field(null)).isEmpty();
  }

  @Test
  void table_startsWithBomAndEndsRowsWithCrlf() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvTable csv = new CsvTable(out)) {
      csv.header(List.of("姓名", "小时"));
      csv.row(Arrays.asList("张三", 1.5));
    }
    byte[] bytes = out.toByteArray();
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF姓名,小时\r\n张三,1.50\r\n");
  }
}
