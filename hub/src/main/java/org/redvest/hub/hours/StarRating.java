package org.redvest.hub.hours;

/**
 * A volunteer's star grade under a {@link StarRules} pack.
 *
 * @param stars stars reached, 0 before the first threshold
 * @param label the reached star's name in the pack, or null at 0 stars
 * @param maxStars the pack's highest star
 * @param nextAtMinutes cumulative minutes the next star needs, or null at the top
 * @param progress 0..1 of the way from the reached threshold to the next; 1 at the top
 */
public record StarRating(int stars, String label, int maxStars, Long nextAtMinutes, double progress) {}
