package org.redvest.hub.domain.catalogue;

import java.time.Instant;

/**
 * An import's progress as stored after each batch.
 *
 * @param bytesTotal size of the uploaded file
 * @param bytesRead how far the reader is; {@code bytesRead / bytesTotal} is the progress bar
 * @param rowsRead data rows read (the header is not a row)
 * @param error why the job stopped, for FAILED and INTERRUPTED
 */
public record ImportJob(String id, ImportKind kind, String fileName, State state, long bytesTotal,
    long bytesRead, long rowsRead, long imported, long rejected, String startedBy,
    Instant startedAt, Instant finishedAt, String error) {

  public enum State {
    QUEUED, RUNNING, DONE, FAILED, INTERRUPTED;

    public boolean finished() {
      return this == DONE || this == FAILED || this == INTERRUPTED;
    }
  }

  /** 0..1 of the file read; 1 once finished. */
  public double progress() {
    if (state.finished() || bytesTotal == 0) {
      return state.finished() ? 1 : 0;
    }
    return Math.min(1, (double) bytesRead / bytesTotal);
  }

  ImportJob with(State newState, long newBytesRead, long newRows, long newImported,
      long newRejected, Instant finished, String newError) {
    return new ImportJob(id, kind, fileName, newState, bytesTotal, newBytesRead, newRows,
        newImported, newRejected, startedBy, startedAt, finished, newError);
  }
}
