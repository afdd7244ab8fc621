package org.redvest.hub.web.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An XLSX workbook with one sheet: a bold, frozen header row, numbers as numeric cells and times
 * as date-time cells. Rows are flushed to the stream every {@value #FLUSH_ROWS} rows, so the
 * workbook is never held in memory whole. Text is written as text, never as a formula.
 */
public final class XlsxTable implements TableWriter {
  static final int FLUSH_ROWS = 1000;
  private static final String TIME_FORMAT = "yyyy-mm-dd hh:mm";

  private final Workbook workbook;
  private final Worksheet sheet;
  private int next;

  XlsxTable(OutputStream stream, String sheetName) {
    workbook = new Workbook(stream, "RedVest", "1.0");
    sheet = workbook.newWorksheet(sheetName);
  }

  @Override
  public void header(List<String> names) throws IOException {
    for (int c = 0; c < names.size(); c++) {
      sheet.value(next, c, names.get(c));
      sheet.width(c, Math.max(10, names.get(c).length() * 2.2 + 2));
    }
    sheet.range(next, 0, next, names.size() - 1).style().bold().fillColor("F3E5E5").set();
    sheet.freezePane(0, 1);
    next++;
  }

  @Override
  public void row(List<Object> cells) throws IOException {
    for (int c = 0; c < cells.size(); c++) {
      Object cell = cells.get(c);
      if (cell instanceof Double d) {
        sheet.value(next, c, d);
        sheet.style(next, c).format("0.00").set();
      } else if (cell instanceof Number n) {
        sheet.value(next, c, n);
      } else if (cell instanceof LocalDateTime t) {
        sheet.value(next, c, t);
        sheet.style(next, c).format(TIME_FORMAT).set();
      } else if (cell != null) {
        sheet.value(next, c, cell.toString());
      }
    }
    next++;
    if (next % FLUSH_ROWS == 0) {
      sheet.flush();
    }
  }

  @Override
  public void close() throws IOException {
    workbook.finish();
  }
}
