package org.redvest.hub.web.exports;

import java.io.IOException;
import java.util.List;

/**
 * Where an export writes its table, one row at a time. Cells are {@code String}, {@code Long}
 * (minutes, counts), {@code Double} (hours), {@code java.time.LocalDateTime} or null (empty).
 */
public interface TableWriter extends AutoCloseable {

  void header(List<String> names) throws IOException;

  void row(List<Object> cells) throws IOException;

  /** Completes the file; the underlying stream stays open for the caller to close. */
  @Override
  void close() throws IOException;
}
