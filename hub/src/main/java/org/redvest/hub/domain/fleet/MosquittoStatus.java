package org.redvest.hub.domain.fleet;

import java.time.Instant;
import java.util.List;

/**
 * The last time the hub wrote Mosquitto's files and what the reload command did; shown at {@code
 * /api/health} and on the fleet page, so a failing reload (a revoked kiosk the broker still lets
 * in) does not go unnoticed.
 *
 * @param writtenAt null until the first write
 * @param terminals active terminals in the password file
 * @param unlisted active terminals left out: provisioned before hub schema 12, claim them again
 * @param detail what the reload command said, or why nothing was reloaded
 */
public record MosquittoStatus(String dir, Instant writtenAt, int terminals, List<String> unlisted,
    Reload reload, String detail) {

  /** What became of the reload after the last write. */
  public enum Reload {
    /** The command exited 0. */
    OK,
    /** The command failed, timed out or the files could not be written. */
    FAILED,
    /** No {@code --mosquitto-reload} command: the operator reloads Mosquitto. */
    NOT_CONFIGURED
  }

  public MosquittoStatus {
    unlisted = List.copyOf(unlisted);
  }
}
