package org.redvest.hub.web.exports;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.redvest.hub.domain.exports.Hours;
import org.redvest.hub.domain.exports.HoursFilter;
import org.redvest.hub.domain.exports.HoursRow;
import org.redvest.hub.domain.exports.HoursRows;
import org.redvest.hub.hours.EvidenceGrade;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.web.Lang;

/**
 * The two shapes of an hours export and their columns: one row per session, or one row per
 * volunteer with totals. A session counts in the period it starts in, so the per-volunteer
 * minutes are exactly the sum of that volunteer's session rows. Minutes and hours are what counts
 * within the daily caps and their approvals; a session's recorded minutes and the minutes waiting
 * for approval have their own columns.
 */
public final class HoursExport {

  /** One row per session, or one per volunteer. */
  public enum Shape {
    SESSIONS, VOLUNTEERS;

    /** {@code sessions} or {@code volunteers}; anything else is an error naming the parameter. */
    public static Shape parse(String text) {
      if (text == null || text.isBlank()) {
        return SESSIONS;
      }
      return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text.trim())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("shape: must be sessions or volunteers, was " + text));
    }
  }

  private final HoursRows rows;
  private final ZoneId zone;

  public HoursExport(HoursRows rows, ZoneId zone) {
    this.rows = rows;
    this.zone = zone;
  }

  /** Writes the whole export to {@code out}; sessions are streamed, totals are per volunteer. */
  public void write(HoursFilter filter, Shape shape, Lang lang, TableWriter out) throws IOException {
    if (shape == Shape.SESSIONS) {
      out.header(sessionHeader(lang));
      rows.forEach(filter, row -> out.row(sessionCells(row)));
    } else {
      out.header(volunteerHeader(lang));
      Map<String, Total> totals = new TreeMap<>();
      rows.forEach(filter, row -> totals.computeIfAbsent(row.session().volunteerId().value(),
          id -> new Total(id, row.volunteerName(), row.organisation())).add(row));
      for (Total t : totals.values()) {
        out.row(List.of(t.id, t.name, t.organisation, String.join("、", t.stations), t.sessions,
            t.minutes, Hours.of(t.minutes), t.needsReview, t.pending));
      }
    }
    out.close();
  }

  static List<String> sessionHeader(Lang lang) {
    return header(lang, "volunteerId", "name", "organisation", "station", "activity", "in", "out",
        "counted", "hours", "grade", "status", "flags", "recorded", "pending");
  }

  static List<String> volunteerHeader(Lang lang) {
    return header(lang, "volunteerId", "name", "organisation", "stations", "sessions", "counted",
        "hours", "needsReview", "pending");
  }

  private static List<String> header(Lang lang, String... columns) {
    return java.util.Arrays.stream(columns).map(c -> lang.get("exports.col." + c)).toList();
  }

  private List<Object> sessionCells(HoursRow row) {
    List<Object> cells = new ArrayList<>(14);
    cells.add(row.session().volunteerId().value());
    cells.add(row.volunteerName());
    cells.add(row.organisation());
    cells.add(row.stationName());
    cells.add(row.activityName());
    cells.add(local(row.session().checkInAt()));
    cells.add(local(row.session().checkOutAt()));
    cells.add(row.countedMinutes());
    cells.add(row.hours());
    cells.add(row.grade().name());
    cells.add(row.session().status().name());
    cells.add(row.session().flags().stream().map(SessionFlag::name).collect(Collectors.joining(" ")));
    cells.add(row.session().minutes());
    cells.add(row.cap().pendingMinutes());
    return cells;
  }

  private LocalDateTime local(OffsetDateTime time) {
    return time == null ? null : time.atZoneSameInstant(zone).toLocalDateTime();
  }

  /** A volunteer's running totals. */
  private static final class Total {
    final String id;
    final String name;
    final String organisation;
    final Set<String> stations = new LinkedHashSet<>();
    long sessions;
    long minutes;
    long needsReview;
    long pending;

    Total(String id, String name, String organisation) {
      this.id = id;
      this.name = name;
      this.organisation = organisation;
    }

    void add(HoursRow row) {
      stations.add(row.stationName());
      sessions++;
      minutes += row.countedMinutes();
      pending += row.cap().pendingMinutes();
      if (row.grade() == EvidenceGrade.NEEDS_REVIEW) {
        needsReview++;
      }
    }
  }
}
