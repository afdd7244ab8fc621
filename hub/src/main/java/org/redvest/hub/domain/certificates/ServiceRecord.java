package org.redvest.hub.domain.certificates;

import java.time.LocalDate;
import java.util.List;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.VolunteerInfo;

/**
 * What a certificate states, before it has a number: the volunteer, the period (inclusive dates),
 * the credited minutes in it and what they were spent on, and the issuing organisation.
 *
 * @param lines service content by activity and station, most minutes first
 */
public record ServiceRecord(VolunteerInfo volunteer, LocalDate from, LocalDate to, long totalMinutes,
    List<Line> lines, Organisation issuer) {

  public ServiceRecord {
    lines = List.copyOf(lines);
  }

  /** Minutes of one kind of service at one station. */
  public record Line(String content, String station, long minutes) {}
}
