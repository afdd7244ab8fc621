package org.redvest.hub.web.hours;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.redvest.hub.hours.HoursTotals;
import org.redvest.hub.web.Lang;

/**
 * A bar chart of hours per bucket, drawn as SVG by {@code web/hours/chart.jte}: no script, scales
 * with its container. This works out where everything goes.
 *
 * @param grid the four gridlines with their values
 * @param bars one bar per bucket, with its tooltip
 * @param labels the bucket labels under the bars (at most {@value #MAX_LABELS})
 * @param empty said across the chart when no bucket has hours, else null
 */
record BarChart(List<Line> grid, List<Bar> bars, List<Label> labels, String empty) {
  static final int WIDTH = 1000;
  static final int HEIGHT = 260;
  static final int LEFT = 56;
  private static final int BOTTOM = 36;
  private static final int TOP = 12;
  private static final int MAX_LABELS = 12;

  /** A gridline at height {@code y} and its value. */
  record Line(String y, String textY, String value) {}

  /** A bar and its tooltip. */
  record Bar(String x, String y, String width, String height, String title) {}

  /** A bucket's label centred at {@code x}. */
  record Label(String x, String text) {}

  static BarChart of(List<HoursTotals.Bucket> buckets, Lang lang) {
    double max = buckets.stream().mapToLong(HoursTotals.Bucket::minutes).max().orElse(0) / 60.0;
    double top = niceCeiling(max);
    int plotW = WIDTH - LEFT - 8;
    int plotH = HEIGHT - TOP - BOTTOM;
    List<Line> grid = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plotH - plotH * i / 4.0;
      grid.add(new Line(num(y), num(y + 4), hours(top * i / 4)));
    }
    int n = Math.max(1, buckets.size());
    double slot = (double) plotW / n;
    double bar = Math.max(1, slot * 0.72);
    int every = (int) Math.ceil((double) n / MAX_LABELS);
    List<Bar> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      HoursTotals.Bucket b = buckets.get(i);
      double h = top == 0 ? 0 : plotH * (b.minutes() / 60.0) / top;
      double x = LEFT + i * slot + (slot - bar) / 2;
      bars.add(new Bar(num(x), num(TOP + plotH - h), num(bar), num(h),
          b.label() + ": " + hours(b.minutes() / 60.0) + " " + lang.get("chart.unit")));
      if (i % every == 0) {
        labels.add(new Label(num(x + bar / 2), shortLabel(b.label())));
      }
    }
    return new BarChart(grid, bars, labels, max == 0 ? lang.get("chart.empty") : null);
  }

  /** Where the gridlines end and the labels stand. */
  int right() {
    return WIDTH - 8;
  }

  int labelY() {
    return HEIGHT - BOTTOM + 18;
  }

  int middleX() {
    return LEFT + (WIDTH - LEFT - 8) / 2;
  }

  int middleY() {
    return TOP + (HEIGHT - TOP - BOTTOM) / 2;
  }

  /** Days drop the year ({@code 11-23}); weeks and months stay as they are. */
  private static String shortLabel(String label) {
    return label.length() == 10 ? label.substring(5) : label;
  }

  static String hours(double h) {
    return h == Math.rint(h) ? String.format(Locale.ROOT, "%.0f", h)
        : String.format(Locale.ROOT, "%.1f", h);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Four gridlines at a round step (1, 2 or 5 times a power of ten) covering {@code max}. */
  private static double niceCeiling(double max) {
    if (max <= 0) {
      return 4;
    }
    double rough = max / 4;
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= rough) {
        return 4 * step * magnitude;
      }
    }
    return 40 * magnitude;
  }
}
