package org.redvest.hub.hours;

import java.time.LocalDate;
import java.util.List;

/**
 * Credited minutes over a date range, from {@link HoursRollup}.
 *
 * @param sessions sessions that credited at least one minute inside the range
 * @param volunteers distinct volunteers with credited minutes inside the range
 * @param buckets one per period from the bucket holding {@code from} to the one holding {@code
 *     to}, zero buckets included (a chart shows the gaps)
 * @param stations per station, most minutes first (ties by id); likewise the other lists
 */
public record HoursTotals(
    Period period,
    LocalDate from,
    LocalDate to,
    long minutes,
    long sessions,
    int volunteers,
    List<Bucket> buckets,
    List<Ranked> stations,
    List<Ranked> organisations,
    List<Ranked> activities,
    List<Ranked> volunteersRanked) {

  /** Minutes in the bucket starting {@code start}. */
  public record Bucket(LocalDate start, String label, long minutes) {}

  /** An id and its minutes. */
  public record Ranked(String id, long minutes) {}

  /** Minutes of {@code id} in {@code list}, 0 when absent. */
  public static long minutesOf(List<Ranked> list, String id) {
    return list.stream().filter(r -> r.id().equals(id)).mapToLong(Ranked::minutes).findFirst()
        .orElse(0);
  }
}
