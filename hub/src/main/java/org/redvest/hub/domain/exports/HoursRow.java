package org.redvest.hub.domain.exports;

import org.redvest.hub.domain.catalogue.ActivityInfo;
import org.redvest.hub.hours.EvidenceGrade;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionCap;

/**
 * One session with the names a person reads beside it. Names fall back to the ids when the
 * catalogue does not know them.
 *
 * @param volunteerName the volunteer's name, or the id when unknown
 * @param organisation the organisation running the station, else the volunteer's; "" when unknown
 * @param stationName the station's name, or its id
 * @param activity the activity of the check-in event, or the station's only activity; null when
 *     neither is known
 * @param grade the evidence grade (docs/hours-rules.md)
 * @param cap the session's minutes within the volunteer's daily caps and their approvals: what
 *     counts now and what waits for approval (docs/hours-rules.md, "Daily caps")
 */
public record HoursRow(Session session, String volunteerName, String organisation, String stationName,
    ActivityInfo activity, EvidenceGrade grade, SessionCap cap) {

  /** The activity's name, or "" when unknown. */
  public String activityName() {
    return activity == null ? "" : activity.name();
  }

  /** The minutes that count now: the session's credited minutes within the daily caps. */
  public long countedMinutes() {
    return cap.countedMinutes();
  }

  /** Counted hours: counted minutes / 60, exact to the minute (two decimals). */
  public double hours() {
    return Hours.of(cap.countedMinutes());
  }
}
