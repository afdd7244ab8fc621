package org.redvest.hub.web.hours;

import java.util.List;
import java.util.Locale;
import org.redvest.hub.hours.HoursTotals;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;

/** A server-rendered SVG bar chart of hours per bucket: no script, scales with its container. */
final class BarChart {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 260;
  private static final int LEFT = 56;
  private static final int BOTTOM = 36;
  private static final int TOP = 12;
  private static final int MAX_LABELS = 12;

  private BarChart() {}

  static String svg(List<HoursTotals.Bucket> buckets, Lang lang) {
    double max = buckets.stream().mapToLong(HoursTotals.Bucket::minutes).max().orElse(0) / 60.0;
    double top = niceCeiling(max);
    int plotW = WIDTH - LEFT - 8;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" width=\"100%\" role=\"img\" aria-label=\"")
        .append(Html.esc(lang.t("时长柱状图", "Hours bar chart"))).append("\">");
    for (int i = 0; i <= 4; i++) {
      double value = top * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
          + " stroke=\"#e3e5e8\"/><text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\""
          + " fill=\"#6b7280\">%s</text>", LEFT, WIDTH - 8, y, y, LEFT - 6, y + 4, hours(value)));
    }
    int n = Math.max(1, buckets.size());
    double slot = (double) plotW / n;
    double bar = Math.max(1, slot * 0.72);
    int every = (int) Math.ceil((double) n / MAX_LABELS);
    for (int i = 0; i < buckets.size(); i++) {
      HoursTotals.Bucket b = buckets.get(i);
      double h = top == 0 ? 0 : plotH * (b.minutes() / 60.0) / top;
      double x = LEFT + i * slot + (slot - bar) / 2;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
          + " height=\"%.1f\" fill=\"#b71c1c\"><title>%s: %s %s</title></rect>", x,
          TOP + plotH - h, bar, h, Html.esc(b.label()), hours(b.minutes() / 60.0),
          lang.t("小时", "h")));
      if (i % every == 0) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\""
            + " text-anchor=\"middle\" fill=\"#374151\">%s</text>", x + bar / 2,
            HEIGHT - BOTTOM + 18, Html.esc(shortLabel(b.label()))));
      }
    }
    if (max == 0) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\""
          + " text-anchor=\"middle\" fill=\"#6b7280\">%s</text>", LEFT + plotW / 2,
          TOP + plotH / 2, Html.esc(lang.t("此期间没有记录的时长", "No hours in this period"))));
    }
    return svg.append("</svg>").toString();
  }

  /** Days drop the year ({@code 11-23}); weeks and months stay as they are. */
  private static String shortLabel(String label) {
    return label.length() == 10 ? label.substring(5) : label;
  }

  static String hours(double h) {
    return h == Math.rint(h) ? String.format(Locale.ROOT, "%.0f", h)
        : String.format(Locale.ROOT, "%.1f", h);
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
