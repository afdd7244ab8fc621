package org.redvest.hub.domain.review;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One thing in the review queue: a session graded NEEDS_REVIEW, or an anomaly.
 *
 * @param key stable id of the item: the session key ({@code in:…}, {@code out:…}, {@code add:…}) or
 *     {@code anomaly:<kind>:<event ids>}
 * @param at when it happened (session start, or the anomaly's first event), for oldest-first order
 * @param stationId the session's station, or the anomaly's first event's station (null if none)
 * @param reasons review reasons of a session, or the anomaly kind
 * @param session the session key, null for an anomaly
 * @param pendingCorrectionId an open correction request for the session, or null
 * @param day the volunteer's calendar day of a day over a daily cap (accepting it approves the
 *     day), null otherwise
 */
public record ReviewItem(String key, Type type, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at, String volunteerId, String stationId,
    List<String> reasons, String detail, String session, String status, long minutes,
    Long pendingCorrectionId, @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate day) {

  /** What the item is about. */
  public enum Type { SESSION, ANOMALY }

  public ReviewItem {
    reasons = List.copyOf(reasons);
  }
}
