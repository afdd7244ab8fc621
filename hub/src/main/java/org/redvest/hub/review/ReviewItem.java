package org.redvest.hub.review;

import java.time.Instant;
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
 */
public record ReviewItem(String key, Type type, Instant at, String volunteerId, String stationId,
    List<String> reasons, String detail, String session, String status, long minutes,
    Long pendingCorrectionId) {

  /** What the item is about. */
  public enum Type { SESSION, ANOMALY }

  public ReviewItem {
    reasons = List.copyOf(reasons);
  }
}
