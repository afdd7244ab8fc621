package org.redvest.hub.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import org.redvest.hub.domain.Principal;
import org.redvest.protocol.StationId;

/**
 * Who is asking, for route handlers. The dashboard's before-handler (see {@code WebAuth}) denies
 * every request without a session or API token before any handler runs, except the few public
 * routes it names; handlers then narrow by role and station with these helpers.
 */
public final class Access {
  /** The request attribute holding the {@link Principal}. */
  public static final String PRINCIPAL = "redvest.principal";

  /**
   * Set (to {@code Boolean.TRUE}) on a public route's request that came without credentials, so
   * such a route can answer less, as {@code /health} does.
   */
  public static final String ANONYMOUS = "redvest.anonymous";

  private Access() {}

  /** The signed-in user; 401 if none (cannot happen behind the before-handler). */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw new UnauthorizedResponse("sign in first");
    }
    return p;
  }

  /** Whether the request reached a public route without credentials. */
  public static boolean anonymous(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(ANONYMOUS));
  }

  /** 403 unless the user is a hub admin. */
  public static Principal requireAdmin(Context ctx) {
    Principal p = principal(ctx);
    if (!p.isAdmin()) {
      throw new ForbiddenResponse("hub admins only");
    }
    return p;
  }

  /** 403 unless the user may see {@code station}. */
  public static Principal requireStation(Context ctx, StationId station) {
    Principal p = principal(ctx);
    if (!p.canSee(station)) {
      throw new ForbiddenResponse("not your station: " + station.value());
    }
    return p;
  }
}
