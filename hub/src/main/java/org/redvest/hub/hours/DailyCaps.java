package org.redvest.hub.hours;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Daily caps on a volunteer's credited minutes per calendar day (docs/hours-rules.md, "Daily
 * caps"): a day over a tier's threshold needs that tier's approval. Until approved, a day counts
 * up to the first threshold its approval does not cover, earliest minutes first; the rest is
 * pending. Default: up to 8 h counts at once, over 8 h needs the organisation, over 12 h a higher
 * approval.
 *
 * @param tiers thresholds strictly increasing, approvals never decreasing; empty: no caps
 */
public record DailyCaps(List<Tier> tiers) {
  private static final Pattern TIER = Pattern.compile("(\\d+)([hm]):([A-Za-z]+)");

  /**
   * One cap: a day with more than {@code over} credited minutes needs {@code approval}.
   *
   * @param over the threshold, in whole minutes
   */
  public record Tier(Duration over, Approval approval) {
    public Tier {
      if (over == null || over.isNegative() || over.isZero() || over.toSecondsPart() != 0) {
        throw new IllegalArgumentException("a cap must be a positive number of whole minutes, was " + over);
      }
      if (approval == null) {
        throw new IllegalArgumentException("a cap needs an approval level");
      }
    }

    public long overMinutes() {
      return over.toMinutes();
    }

    /** {@code 8h} or {@code 450m}, as in the configuration. */
    public String label() {
      return over.toMinutesPart() == 0 ? over.toHours() + "h" : over.toMinutes() + "m";
    }
  }

  public DailyCaps {
    tiers = List.copyOf(tiers);
    for (int i = 1; i < tiers.size(); i++) {
      Tier before = tiers.get(i - 1);
      Tier tier = tiers.get(i);
      if (tier.over().compareTo(before.over()) <= 0) {
        throw new IllegalArgumentException("cap thresholds must increase, " + tier.label()
            + " follows " + before.label());
      }
      if (!tier.approval().covers(before.approval())) {
        throw new IllegalArgumentException("a higher cap cannot need a lower approval, " + tier.label()
            + ":" + tier.approval() + " follows " + before.label() + ":" + before.approval());
      }
    }
  }

  /** Over 8 h: organisation approval; over 12 h: higher approval. */
  public static DailyCaps defaults() {
    return new DailyCaps(List.of(new Tier(Duration.ofHours(8), Approval.ORGANISATION),
        new Tier(Duration.ofHours(12), Approval.HIGHER)));
  }

  /** No caps: every credited minute counts at once. */
  public static DailyCaps none() {
    return new DailyCaps(List.of());
  }

  /**
   * Parses {@code 8h:ORGANISATION,12h:HIGHER} (thresholds in {@code h} or {@code m}), or {@code
   * none}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static DailyCaps parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.equalsIgnoreCase("none")) {
      return none();
    }
    List<Tier> tiers = new ArrayList<>();
    for (String part : trimmed.split(",")) {
      Matcher m = TIER.matcher(part.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("each cap looks like 8h:ORGANISATION or 12h:HIGHER, was \""
            + part.trim() + "\"");
      }
      long n = Long.parseLong(m.group(1));
      Duration over = m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
      Approval approval;
      try {
        approval = Approval.valueOf(m.group(3).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("approval must be ORGANISATION or HIGHER, was \""
            + m.group(3) + "\"", e);
      }
      tiers.add(new Tier(over, approval));
    }
    return new DailyCaps(tiers);
  }

  /** The highest tier a day of {@code dayMinutes} credited minutes is over, if any. */
  public Optional<Tier> tierOf(long dayMinutes) {
    Tier found = null;
    for (Tier tier : tiers) {
      if (dayMinutes > tier.overMinutes()) {
        found = tier;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * How many minutes of a day count with {@code granted} approval (null: none): the threshold of
   * the first tier it does not cover, or {@link Long#MAX_VALUE} when it covers them all.
   */
  public long allowance(Approval granted) {
    for (Tier tier : tiers) {
      if (granted == null || !granted.covers(tier.approval())) {
        return tier.overMinutes();
      }
    }
    return Long.MAX_VALUE;
  }

  /** Splits the credited minutes of {@code sessions} (any volunteers) per day against the caps. */
  public CapAssessment assess(List<Session> sessions, ZoneId zone, ApprovedDays approved) {
    return CapAssessment.of(this, sessions, zone, approved);
  }

  /** {@code 8h:ORGANISATION,12h:HIGHER}, or {@code none}. */
  @Override
  public String toString() {
    if (tiers.isEmpty()) {
      return "none";
    }
    return String.join(",", tiers.stream().map(t -> t.label() + ":" + t.approval()).toList());
  }
}
