package org.redvest.hub.domain.catalogue;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes ({@code ""}
 * inside quotes is one quote, and quoted fields may span lines), CRLF or LF. A UTF-8 byte order
 * mark at the start (Excel writes one) is skipped. Blank lines are skipped but counted, so {@link
 * Row#line()} is the line a spreadsheet user sees.
 */
final class CsvReader {
  private static final char BOM = '\uFEFF';

  private final Reader in;
  private int line = 1;
  private int peeked = -2;
  private boolean started;

  CsvReader(Reader in) {
    this.in = in;
  }

  /** One record and the line it starts on (1-based). */
  record Row(long line, List<String> fields) {}

  /** The next record, or null at the end of input. */
  Row next() throws IOException {
    if (!started) {
      started = true;
      if (peek() == BOM) {
        read();
      }
    }
    while (peek() == '\r' || peek() == '\n') {
      newline();
    }
    if (peek() == -1) {
      return null;
    }
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      int c = read();
      if (quoted) {
        if (c == -1) {
          throw new MalformedCsv(start, "a quoted field is not closed before the end of the file");
        } else if (c == '"') {
          if (peek() == '"') {
            read();
            field.append('"');
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n' || c == -1) {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        if (c != -1) {
          line++;
        }
        fields.add(field.toString());
        return new Row(start, fields);
      } else {
        field.append((char) c);
      }
    }
  }

  private void newline() throws IOException {
    int c = read();
    if (c == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }

  private int read() throws IOException {
    int c = peek();
    peeked = -2;
    return c;
  }

  /** The file cannot be read as CSV from this line on; the import stops there. */
  static final class MalformedCsv extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    MalformedCsv(long line, String problem) {
      super("line " + line + ": " + problem);
      this.line = line;
    }

    long line() {
      return line;
    }
  }
}
