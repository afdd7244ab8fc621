package org.redvest.hub.web.fleet;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.domain.fleet.Fleet;
import org.redvest.hub.domain.fleet.FleetException;
import org.redvest.hub.domain.fleet.HeldForReview;
import org.redvest.hub.domain.fleet.Holds;
import org.redvest.hub.store.HeldEvent;
import org.redvest.hub.web.Access;

/**
 * HTTP side of a revoked terminal's hold (docs/api.md, "Fleet"; docs/security.md, "Salvage"):
 * list held events, release or discard each, release all of a terminal. Hub admins only.
 */
public final class HoldRoutes {
  private final Holds holds;

  private HoldRoutes(Holds holds) {
    this.holds = holds;
  }

  public static void register(Javalin app, Holds holds) {
    HoldRoutes routes = new HoldRoutes(holds);
    app.get("/api/fleet/held", routes::list);
    app.post("/api/fleet/held/{id}/release", ctx -> {
      String by = Access.requireAdmin(ctx).username();
      ctx.json(json(holds.release(id(ctx), by)));
    });
    app.post("/api/fleet/held/{id}/discard", ctx -> {
      String by = Access.requireAdmin(ctx).username();
      ctx.json(json(holds.discard(id(ctx), by)));
    });
    app.post("/api/fleet/terminals/{stationId}/{terminalId}/release-held", ctx -> {
      String by = Access.requireAdmin(ctx).username();
      ctx.json(Map.of("released",
          holds.releaseAll(FleetRoutes.account(ctx), by).stream().map(HoldRoutes::json).toList()));
    });
  }

  /** {@code ?state=held|released|discarded}, all when absent. */
  private void list(Context ctx) {
    Access.requireAdmin(ctx);
    String state = ctx.queryParam("state");
    Optional<HeldEvent.State> filter;
    try {
      filter = state == null ? Optional.empty()
          : Optional.of(HeldEvent.State.valueOf(state.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new FleetException(400, "state: must be held, released or discarded, was " + state);
    }
    ctx.json(Map.of("held", holds.list(filter).stream().map(HoldRoutes::json).toList()));
  }

  /** Times as ISO-8601 text, like the rest of the API. */
  static Map<String, Object> json(HeldForReview h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", h.id());
    out.put("stationId", h.stationId());
    out.put("terminalId", h.terminalId());
    out.put("terminalSeq", h.terminalSeq());
    out.put("eventId", h.eventId());
    out.put("volunteerId", h.volunteerId());
    out.put("kind", h.kind());
    out.put("occurredAt", h.occurredAt());
    out.put("receivedAt", h.receivedAt().toString());
    out.put("signatureValid", h.signatureValid());
    out.put("signatureDetail", h.signatureDetail());
    out.put("state", h.state().name());
    out.put("decidedBy", h.decidedBy());
    out.put("decidedAt", h.decidedAt() == null ? null : h.decidedAt().toString());
    return out;
  }

  static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new FleetException(400, "id: must be a number, was " + ctx.pathParam("id"));
    }
  }
}
