package org.redvest.hub.domain.audit;

import java.time.Instant;

/** One row of {@code events} as stored: the columns hours are computed from, and the payload. */
record StoredEvent(String eventId, String station, String terminal, long seq, String volunteer,
    String kind, String method, long occurredAtEpochMs, Instant receivedAt, byte[] payload) {

  String username() {
    return station + "/" + terminal;
  }
}
