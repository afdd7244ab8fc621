package org.redvest.hub.web.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.redvest.hub.domain.fleet.ClaimCode;
import org.redvest.hub.domain.fleet.Fleet;
import org.redvest.hub.domain.fleet.FleetException;
import org.redvest.hub.domain.fleet.FleetTerminal;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.LoginThrottle;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.FleetWire;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * HTTP side of the fleet (docs/api.md, "Fleet"). All admin-only except {@value #PROVISION}, which
 * a kiosk calls with nothing but its claim code and proof of key, and {@value #ROTATE}, which a
 * joined kiosk calls signed by its bound key; both refuse a caller's address for a minute after
 * five refused requests.
 */
public final class FleetRoutes {
  /** The one fleet route a kiosk calls without a session: the claim code authenticates it. */
  public static final String PROVISION = "/api/fleet/provision";
  /** A joined terminal replacing its key: the bound key's signature authenticates it. */
  public static final String ROTATE = "/api/fleet/rotate";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fleet fleet;
  private final LoginThrottle throttle;

  private FleetRoutes(Fleet fleet, LoginThrottle throttle) {
    this.fleet = fleet;
    this.throttle = throttle;
  }

  public static void register(Javalin app, Fleet fleet, java.time.Clock clock) {
    FleetRoutes routes = new FleetRoutes(fleet, new LoginThrottle(clock));
    app.post(PROVISION, routes::provision);
    app.post(ROTATE, routes::rotate);
    app.post("/api/fleet/claims", routes::claim);
    app.get("/api/fleet/terminals", ctx -> ctx.json(Map.of("terminals",
        fleet.terminals().stream().map(t -> terminalJson(t, fleet)).toList())));
    app.post("/api/fleet/terminals/{stationId}/{terminalId}/revoke", routes::revoke);
    app.post("/api/fleet/terminals/{stationId}/{terminalId}/end-hold", routes::endHold);
    app.post("/api/fleet/terminals/{stationId}/{terminalId}/request-rotation", ctx -> {
      String by = Access.requireAdmin(ctx).username();
      org.redvest.protocol.fleet.RotationNotice notice = fleet.requestRotation(account(ctx), by);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("stationId", notice.account().station().value());
      out.put("terminalId", notice.account().terminal().value());
      out.put("requestedAt", notice.requestedAt().toString());
      out.put("requestedBy", notice.requestedBy());
      ctx.status(202).json(out);
    });
    app.get("/api/fleet/refusals", ctx -> ctx.json(Map.of("refusals", fleet.refusals())));
    app.exception(FleetException.class, (e, ctx) ->
        ctx.status(e.status()).json(Map.of("error", e.getMessage())));
  }

  private void provision(Context ctx) {
    String caller = ctx.ip();
    if (throttle.blocked(caller)) {
      ctx.status(429).json(Map.of("error", "too many refused claims from " + caller
          + "; try again in a minute"));
      return;
    }
    ProvisionRequest request;
    try {
      request = FleetWire.decodeRequest(ctx.bodyAsBytes());
    } catch (ProtocolException e) {
      throttle.failed(caller);
      ctx.status(400).json(Map.of("error", e.getMessage()));
      return;
    }
    Provisioning provisioning;
    try {
      provisioning = fleet.provision(request);
    } catch (FleetException e) {
      throttle.failed(caller);
      throw e;
    }
    ctx.contentType("application/json").result(FleetWire.encodeProvisioning(provisioning));
  }

  private void rotate(Context ctx) {
    String caller = ctx.ip();
    if (throttle.blocked(caller)) {
      ctx.status(429).json(Map.of("error", "too many refused requests from " + caller
          + "; try again in a minute"));
      return;
    }
    Provisioning provisioning;
    try {
      provisioning = fleet.rotate(FleetWire.decodeRotation(ctx.bodyAsBytes()));
    } catch (ProtocolException e) {
      throttle.failed(caller);
      ctx.status(400).json(Map.of("error", e.getMessage()));
      return;
    } catch (FleetException e) {
      throttle.failed(caller);
      throw e;
    }
    ctx.contentType("application/json").result(FleetWire.encodeProvisioning(provisioning));
  }

  /**
   * {@code {"stationId", "terminalId", "ttlMinutes"?, "hub"?}} → {@code {"code", …, "expiresAt",
   * "joinCode"?}}: with the hub's web address as kiosks reach it, also the join code to show as a
   * QR code to the kiosk's camera.
   */
  private void claim(Context ctx) {
    String by = Access.requireAdmin(ctx).username();
    TerminalAccount account;
    Duration ttl;
    java.net.URI hub;
    try {
      JsonNode body = JSON.readTree(ctx.body());
      account = TerminalAccount.of(body.path("stationId").asText(""),
          body.path("terminalId").asText(""));
      ttl = body.has("ttlMinutes") ? Duration.ofMinutes(body.get("ttlMinutes").asLong())
          : Fleet.DEFAULT_CLAIM_TTL;
      hub = body.hasNonNull("hub") ? java.net.URI.create(body.get("hub").asText()) : null;
    } catch (IOException | ProtocolException | IllegalArgumentException e) {
      throw new FleetException(400, "body must be {\"stationId\", \"terminalId\","
          + " \"ttlMinutes\"?, \"hub\"?}: " + e.getMessage());
    }
    if (hub != null) {
      Fleet.checkJoinHub(hub);
    }
    ClaimCode claim = fleet.createClaim(account, by, ttl);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", claim.code());
    out.put("stationId", account.station().value());
    out.put("terminalId", account.terminal().value());
    out.put("expiresAt", claim.expiresAt().toString());
    if (hub != null) {
      out.put("joinCode", fleet.joinCode(claim, hub));
    }
    ctx.status(201).json(out);
  }

  /**
   * {@code ?mode=refuse|hold} or a body {@code {"mode": …}}; refuse when neither says. Hold keeps
   * the kiosk's late events for review (docs/security.md, "Salvage").
   */
  private void revoke(Context ctx) {
    String by = Access.requireAdmin(ctx).username();
    TerminalAccount account = account(ctx);
    ctx.json(terminalJson(fleet.revoke(account, by, holds(mode(ctx))), fleet));
  }

  private void endHold(Context ctx) {
    String by = Access.requireAdmin(ctx).username();
    ctx.json(terminalJson(fleet.endHold(account(ctx), by), fleet));
  }

  private static String mode(Context ctx) {
    String mode = ctx.queryParam("mode");
    if (mode == null && !ctx.body().isBlank()) {
      try {
        mode = JSON.readTree(ctx.body()).path("mode").asText(null);
      } catch (IOException e) {
        throw new FleetException(400, "body must be {\"mode\": \"refuse\"|\"hold\"}: " + e.getMessage());
      }
    }
    return mode == null ? "refuse" : mode;
  }

  /** Whether revocation mode {@code mode} holds late events; 400 for anything but the two. */
  static boolean holds(String mode) {
    return switch (mode) {
      case "refuse" -> false;
      case "hold" -> true;
      default -> throw new FleetException(400, "mode: must be refuse or hold, was " + mode);
    };
  }

  static TerminalAccount account(Context ctx) {
    try {
      return TerminalAccount.of(ctx.pathParam("stationId"), ctx.pathParam("terminalId"));
    } catch (ProtocolException e) {
      throw new FleetException(400, e.getMessage());
    }
  }

  static Map<String, Object> terminalJson(FleetTerminal t, Fleet fleet) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stationId", t.account().station().value());
    out.put("terminalId", t.account().terminal().value());
    out.put("keyFingerprint", t.fingerprint());
    out.put("publicKey", t.publicKey());
    out.put("provisionedAt", t.provisionedAt().toString());
    out.put("provisionedBy", t.provisionedBy());
    out.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
    out.put("revokedBy", t.revokedBy());
    out.put("holding", t.holding());
    out.put("holdEndedAt", t.holdEndedAt() == null ? null : t.holdEndedAt().toString());
    out.put("holdEndedBy", t.holdEndedBy());
    out.put("suspendedUntil", fleet.suspendedUntil(t.account()).map(Object::toString).orElse(null));
    out.put("rotationRequestedAt", fleet.rotationRequested(t.account())
        .map(n -> n.requestedAt().toString()).orElse(null));
    out.put("lastLogin", fleet.lastLogin(t.account()).map(l -> {
      Map<String, Object> login = new LinkedHashMap<>();
      login.put("at", l.at().toString());
      login.put("address", l.address());
      login.put("tls", l.tls());
      return login;
    }).orElse(null));
    return out;
  }
}
