package org.redvest.hub.domain.exports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Minutes as hours with two decimals, the way exports and certificates print them. */
public final class Hours {
  private Hours() {}

  /** {@code minutes / 60} rounded half-up to two decimals (90 → 1.5, 45 → 0.75, 10 → 0.17). */
  public static double of(long minutes) {
    return decimal(minutes).doubleValue();
  }

  /** The same as text with exactly two decimals: {@code "1.50"}. */
  public static String text(long minutes) {
    return decimal(minutes).toPlainString();
  }

  private static BigDecimal decimal(long minutes) {
    return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
  }
}
