package org.redvest.hub.web.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CSV as RFC 4180 (CRLF line ends, fields with a comma, quote or line break in double quotes,
 * quotes doubled), UTF-8 with a byte-order mark so Excel opens Chinese text correctly. A text
 * cell that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe,
 * so a spreadsheet shows it as text instead of running it as a formula (CSV injection).
 */
public final class CsvTable implements TableWriter {
  static final char BOM = '\uFEFF';
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Writer out;

  public CsvTable(OutputStream stream) throws IOException {
    out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    out.write(BOM);
  }

  @Override
  public void header(List<String> names) throws IOException {
    row(List.copyOf(names));
  }

  @Override
  public void row(List<Object> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(cells.get(i)));
    }
    out.write("\r\n");
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }

  /** One cell as a CSV field: formatted, guarded, quoted where needed. */
  static String field(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Double d) {
      return String.format(java.util.Locale.ROOT, "%.2f", d);
    }
    if (cell instanceof Number n) {
      return n.toString();
    }
    if (cell instanceof LocalDateTime t) {
      return TIME.format(t);
    }
    return quote(guard(cell.toString()));
  }

  static String guard(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  static String quote(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
