package org.redvest.hub.store;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.util.List;

/**
 * Something in the stored attendance a reviewer should look at (docs/credentials.md,
 * "Anomalies"). Never changes credited minutes by itself.
 *
 * @param kind what was found
 * @param volunteerId whose attendance; null for a terminal's anomaly (CHAIN_BROKEN, CLOCK_SKEW)
 * @param detail one sentence naming stations, terminals, times and the credential serial
 * @param eventIds the events involved
 * @param day the volunteer's calendar day of a cap anomaly (OVER_DAILY_CAP, OVER_HIGHER_CAP), the
 *     day an approval is granted for; null for the other kinds
 */
public record Anomaly(Kind kind, String volunteerId, String detail, List<String> eventIds,
    @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate day) {

  /** The kinds of anomaly the hub looks for. */
  public enum Kind {
    /** One credential serial used at two terminals within the replay window. */
    CREDENTIAL_AT_TWO_TERMINALS,
    /** Checked in at a second station while a session at another was open. */
    TWO_STATIONS_AT_ONCE,
    /** Dated long before the hub received it, and not marked as recorded offline. */
    BACK_DATED,
    /** A volunteer's day over a daily cap that needs the organisation's approval. */
    OVER_DAILY_CAP,
    /** A volunteer's day over a daily cap that needs a higher approval. */
    OVER_HIGHER_CAP,
    /** A terminal whose clock was measured off the hub's by more than the clock tolerance. */
    CLOCK_SKEW,
    /** A terminal's event hash chain does not link: a stored event was altered or replaced. */
    CHAIN_BROKEN
  }

  public Anomaly {
    eventIds = List.copyOf(eventIds);
  }

  /** An anomaly not about one calendar day. */
  public Anomaly(Kind kind, String volunteerId, String detail, List<String> eventIds) {
    this(kind, volunteerId, detail, eventIds, null);
  }

  /** Whether this is a day over a daily cap, which a reviewer decides by approving the day. */
  public boolean isOverCap() {
    return kind == Kind.OVER_DAILY_CAP || kind == Kind.OVER_HIGHER_CAP;
  }
}
