package org.redvest.hub.store;

import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;

/** A terminal by its station and id. */
public record TerminalRef(StationId stationId, TerminalId terminalId) {
  @Override
  public String toString() {
    return stationId + "/" + terminalId;
  }
}
