package org.redvest.hub.domain;

/** What a signed-in user may do on the dashboard (docs/dashboard.md, "Roles"). */
public enum Role {
  /** Everything, every station: users, credentials, approvals above the station. */
  HUB_ADMIN,
  /** Their own stations only: feed, hours, corrections and review for those stations. */
  STATION_MANAGER
}
