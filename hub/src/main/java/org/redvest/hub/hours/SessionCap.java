package org.redvest.hub.hours;

/**
 * How the daily caps split one session's credited minutes.
 *
 * @param countedMinutes minutes that count now
 * @param pendingMinutes minutes waiting for approval ({@code minutes - countedMinutes})
 * @param requiredApproval the highest approval a day of this session still needs, or null
 */
public record SessionCap(long countedMinutes, long pendingMinutes, Approval requiredApproval) {
  /** A session with nothing pending. */
  public static SessionCap uncapped(long minutes) {
    return new SessionCap(minutes, 0, null);
  }

  public boolean overCap() {
    return requiredApproval != null;
  }
}
