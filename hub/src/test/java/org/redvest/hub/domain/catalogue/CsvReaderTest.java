package org.redvest.hub.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<CsvReader.Row> rows(String text) throws IOException {
    CsvReader reader = new CsvReader(new StringReader(text));
    List<CsvReader.Row> rows = new ArrayList<>();
    for (CsvReader.Row r = reader.next(); r != null; r = reader.next()) {
      rows.add(r);
    }
    return rows;
  }

  @Test
  void next_byteOrderMark_skippedFromFirstHeader() throws IOException {
    assertThat(rows("\uFEFFid,name\n1,a\n").get(0).fields()).containsExactly("id", "name");
  }

  @Test
  void next_quotedCommaQuoteAndNewline_oneFieldEach() throws IOException {
    List<CsvReader.Row> rows = rows("a,\"b, \"\"c\"\"\nd\",e\r\nf,g,h\r\n");

    assertThat(rows.get(0).fields()).containsExactly("a", "b, \"c\"\nd", "e");
    assertThat(rows.get(1).line()).isEqualTo(3);
    assertThat(rows.get(1).fields()).containsExactly("f", "g", "h");
  }

  @Test
  void next_blankLinesAndNoFinalNewline_skippedButCounted() throws IOException {
    List<CsvReader.Row> rows = rows("h\n\n\r\nx\ny");

    assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1L, 4L, 5L);
    assertThat(rows.get(2).fields()).containsExactly("y");
  }

  @Test
  void next_emptyFields_kept() throws IOException {
    assertThat(rows("a,,\n").get(0).fields()).containsExactly("a", "", "");
  }

  @Test
  void next_unclosedQuote_failsNamingLine() {
    assertThatThrownBy(() -> rows("h\nx,\"open\n"))
        .isInstanceOf(CsvReader.MalformedCsv.class).hasMessageStartingWith("line 2:");
  }
}
