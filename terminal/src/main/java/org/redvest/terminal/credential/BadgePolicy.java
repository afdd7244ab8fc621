package org.redvest.terminal.credential;

/**
 * Which codes this station accepts. Signed {@code RVC1:} credentials are always accepted when
 * they verify; plain {@code RV1:} badges prove nothing about who holds them, so a station can
 * refuse them. Default: allowed, while printed plain badges are still in use.
 */
public record BadgePolicy(boolean plainBadges) {
  public static BadgePolicy defaults() {
    return new BadgePolicy(true);
  }

  public static BadgePolicy signedOnly() {
    return new BadgePolicy(false);
  }
}
