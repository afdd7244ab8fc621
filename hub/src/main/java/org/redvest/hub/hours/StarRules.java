package org.redvest.hub.hours;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A star-rating rule pack (docs/hours-rules.md, "Stars"): cumulative hours for each star, and the
 * yearly hours that count a volunteer towards the civilised-city metric. The default is the
 * common 1★–5★ at 100/300/600/1000/1500 h and 25 h a year; a region ships its own variant as
 * {@code <dataDir>/star-rules.properties}.
 *
 * @param name shown on pages, e.g. "默认（100/300/600/1000/1500 小时）"
 * @param stars thresholds, strictly increasing
 * @param yearThreshold hours in one calendar year that make a volunteer "active" (25 h)
 */
public record StarRules(String name, List<Star> stars, Duration yearThreshold) {
  /** The file a hub reads its pack from, inside its data directory. */
  public static final String FILE = "star-rules.properties";

  /** One star: reached at {@code minutes} cumulative credited minutes. */
  public record Star(int level, long minutes, String label) {}

  public StarRules {
    if (stars.isEmpty()) {
      throw new IllegalArgumentException("stars: at least one threshold is required");
    }
    for (int i = 1; i < stars.size(); i++) {
      if (stars.get(i).minutes() <= stars.get(i - 1).minutes()) {
        throw new IllegalArgumentException("stars: thresholds must increase, star " + (i + 1)
            + " is not above star " + i);
      }
    }
    if (stars.get(0).minutes() <= 0) {
      throw new IllegalArgumentException("stars: the first threshold must be positive");
    }
    if (yearThreshold.isNegative() || yearThreshold.isZero()) {
      throw new IllegalArgumentException("year.hours: must be positive");
    }
    stars = List.copyOf(stars);
  }

  public static StarRules defaults() {
    return of("默认 / default", new long[] {100, 300, 600, 1000, 1500}, null, 25);
  }

  /**
   * The pack in {@code dataDir}/{@value #FILE}, or {@link #defaults()} when there is none.
   *
   * @throws IllegalArgumentException naming the bad key
   */
  public static StarRules load(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return defaults();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    try {
      return parse(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Keys {@code name}, {@code stars.hours} (comma-separated), {@code stars.labels}, {@code year.hours}. */
  public static StarRules parse(Properties p) {
    String hours = p.getProperty("stars.hours");
    if (hours == null || hours.isBlank()) {
      throw new IllegalArgumentException("stars.hours: is required, e.g. 100,300,600,1000,1500");
    }
    String[] parts = hours.split(",");
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = positive("stars.hours", parts[i].trim());
    }
    String labels = p.getProperty("stars.labels");
    String[] names = labels == null || labels.isBlank() ? null : labels.split(",");
    if (names != null && names.length != values.length) {
      throw new IllegalArgumentException("stars.labels: " + names.length + " labels for "
          + values.length + " thresholds");
    }
    long year = positive("year.hours", p.getProperty("year.hours", "25").trim());
    return of(p.getProperty("name", "custom").trim(), values, names, year);
  }

  private static StarRules of(String name, long[] hours, String[] labels, long yearHours) {
    List<Star> stars = new ArrayList<>();
    for (int i = 0; i < hours.length; i++) {
      String label = labels == null ? "★".repeat(i + 1) : labels[i].trim();
      stars.add(new Star(i + 1, hours[i] * 60, label));
    }
    return new StarRules(name, stars, Duration.ofHours(yearHours));
  }

  private static long positive(String key, String text) {
    try {
      long v = Long.parseLong(text);
      if (v > 0 && v < 1_000_000) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(key + ": must be whole hours from 1 to 999999, was \""
        + text + "\"");
  }

  /** The rating of a volunteer with {@code minutes} cumulative credited minutes. */
  public StarRating rate(long minutes) {
    int reached = 0;
    for (Star s : stars) {
      if (minutes >= s.minutes()) {
        reached = s.level();
      }
    }
    int max = stars.size();
    String label = reached == 0 ? null : stars.get(reached - 1).label();
    if (reached == max) {
      return new StarRating(reached, label, max, null, 1.0);
    }
    long base = reached == 0 ? 0 : stars.get(reached - 1).minutes();
    long next = stars.get(reached).minutes();
    double progress = (double) (minutes - base) / (next - base);
    return new StarRating(reached, label, max, next, Math.max(0, Math.min(1, progress)));
  }

  /** The year threshold in minutes, e.g. 1500 for 25 h. */
  public long yearThresholdMinutes() {
    return yearThreshold.toMinutes();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s", name, stars);
  }
}
