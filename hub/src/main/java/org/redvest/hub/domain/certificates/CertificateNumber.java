package org.redvest.hub.domain.certificates;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate's number, {@code RV-2026-000001}: the year of issue and a sequence that starts at 1
 * each year and runs on without gaps.
 */
public record CertificateNumber(int year, long seq) {
  private static final Pattern FORM = Pattern.compile("RV-(\\d{4})-(\\d{6,})");

  public CertificateNumber {
    if (year < 2000 || year > 9999) {
      throw new IllegalArgumentException("year: must be 2000..9999, was " + year);
    }
    if (seq < 1) {
      throw new IllegalArgumentException("seq: must be positive, was " + seq);
    }
  }

  /** The number in {@code text}, or an exception naming the expected form. */
  public static CertificateNumber parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("number: must look like RV-2026-000001, was " + text);
    }
    return new CertificateNumber(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
  }

  @Override
  public String toString() {
    return String.format("RV-%04d-%06d", year, seq);
  }
}
