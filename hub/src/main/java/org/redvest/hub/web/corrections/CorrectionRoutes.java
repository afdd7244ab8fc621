package org.redvest.hub.web.corrections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.corrections.ApprovalRules;
import org.redvest.hub.domain.corrections.CorrectedSession;
import org.redvest.hub.domain.corrections.CorrectedSessions;
import org.redvest.hub.domain.corrections.Correction;
import org.redvest.hub.domain.corrections.CorrectionException;
import org.redvest.hub.domain.corrections.CorrectionRequest;
import org.redvest.hub.domain.corrections.Corrections;
import org.redvest.hub.domain.corrections.SessionKey;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * The corrections JSON API ({@code /api/corrections}, {@code /api/audit}) and, through {@link
 * CorrectionPages}, the pages under {@code /ui/corrections} and {@code /ui/audit}. Refusals are
 * answered from one exception mapper: JSON with the field for {@code /api}, a page otherwise.
 */
public final class CorrectionRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Corrections corrections;

  private CorrectionRoutes(Corrections corrections) {
    this.corrections = corrections;
  }

  /** Registers the routes and returns the {@link Corrections} they use, for the review queue. */
  public static Corrections register(Javalin app, Dashboard dashboard) {
    CorrectedSessions sessions = dashboard.sessions() instanceof CorrectedSessions corrected ? corrected
        : new CorrectedSessions(dashboard.sessions(), dashboard.database(), dashboard.hours().maxSession());
    Corrections corrections = new Corrections(dashboard.database(), sessions, ApprovalRules.defaults(),
        dashboard.hours().maxSession(), dashboard.clock(), dashboard.zone());
    new CorrectionRoutes(corrections).routing(app);
    new CorrectionPages(corrections).routing(app);
    app.exception(CorrectionException.class, CorrectionRoutes::refuse);
    return corrections;
  }

  private void routing(Javalin app) {
    app.get("/api/corrections", this::list);
    app.post("/api/corrections", ctx -> {
      Principal who = Access.principal(ctx);
      Correction c = corrections.request(who, CorrectionRequest.parse(body(ctx), corrections.zone()));
      ctx.status(201).json(CorrectionJson.of(c));
    });
    app.get("/api/corrections/{id}", ctx -> {
      Access.principal(ctx);
      Correction c = visible(ctx, corrections.get(id(ctx)));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("correction", CorrectionJson.of(c));
      out.put("audit", corrections.trailOfCorrection(c.id()).stream().map(CorrectionJson::of).toList());
      ctx.json(out);
    });
    app.post("/api/corrections/{id}/approve", ctx -> ctx.json(CorrectionJson.of(
        corrections.approve(Access.principal(ctx), id(ctx), body(ctx).get("reason")))));
    app.post("/api/corrections/{id}/reject", ctx -> ctx.json(CorrectionJson.of(
        corrections.reject(Access.principal(ctx), id(ctx), body(ctx).get("reason")))));
    app.post("/api/corrections/{id}/withdraw", ctx -> ctx.json(CorrectionJson.of(
        corrections.withdraw(Access.principal(ctx), id(ctx), body(ctx).get("reason")))));
    app.get("/api/audit", ctx -> {
      Principal who = Access.principal(ctx);
      String item = ctx.queryParam("item");
      if (item != null && !item.isBlank() && ctx.queryParam("session") == null) {
        ctx.json(corrections.trailOfReviewItem(item).stream()
            .filter(e -> e.stationId() == null ? who.isAdmin() : who.canSee(StationId.of(e.stationId())))
            .map(CorrectionJson::of).toList());
        return;
      }
      CorrectedSession s = session(ctx, who, corrections);
      ctx.json(CorrectionJson.trail(s, corrections.trail(s)));
    });
  }

  private void list(Context ctx) {
    Principal who = Access.principal(ctx);
    ctx.json(corrections.list(who, state(ctx.queryParam("state")),
        param(ctx, "stationId", StationId::of), param(ctx, "volunteerId", VolunteerId::of),
        ctx.queryParam("session") == null || ctx.queryParam("session").isBlank() ? null
            : SessionKey.parse(ctx.queryParam("session")))
        .stream().map(CorrectionJson::of).toList());
  }

  /** The session named by {@code ?session=} that {@code who} may see: 400, 404 or 403 otherwise. */
  static CorrectedSession session(Context ctx, Principal who, Corrections corrections) {
    String text = ctx.queryParam("session");
    if (text == null || text.isBlank()) {
      throw new CorrectionException(400, "session", "is required");
    }
    SessionKey key = SessionKey.parse(text);
    CorrectedSession s = corrections.target(corrections.volunteerOf(key), key);
    if (!who.canSee(s.session().stationId())) {
      throw new CorrectionException(403, "session", "not your station: " + s.session().stationId().value());
    }
    return s;
  }

  private static Correction visible(Context ctx, Correction c) {
    if (!Access.principal(ctx).canSee(c.stationId())) {
      throw new CorrectionException(403, null, "not your station: " + c.stationId().value());
    }
    return c;
  }

  static Correction.State state(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Correction.State.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CorrectionException(400, "state",
          "must be one of REQUESTED, APPROVED, REJECTED, WITHDRAWN, was \"" + text + "\"");
    }
  }

  static <T> T param(Context ctx, String name, java.util.function.Function<String, T> parse) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return parse.apply(text.trim());
    } catch (ProtocolException e) {
      throw new CorrectionException(400, name, "not a valid id: \"" + text + "\"");
    }
  }

  static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new CorrectionException(400, "id", "must be a number, was \"" + ctx.pathParam("id") + "\"");
    }
  }

  /** A JSON object body's fields as text (nested values as their JSON); empty body = no fields. */
  private static Map<String, String> body(Context ctx) {
    String text = ctx.body();
    Map<String, String> fields = new HashMap<>();
    if (text.isBlank()) {
      return fields;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CorrectionException(400, "body", "is not valid JSON");
    }
    if (!node.isObject()) {
      throw new CorrectionException(400, "body", "must be a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      fields.put(f.getKey(), f.getValue().isNull() ? null
          : f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
    }
    return fields;
  }

  private static void refuse(CorrectionException e, Context ctx) {
    ctx.status(e.status());
    if (ctx.path().startsWith("/api/")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", e.getMessage());
      body.put("parameter", e.field());
      ctx.json(body);
      return;
    }
    Lang lang = Lang.of(ctx);
    String summary = switch (e.status()) {
      case 400 -> lang.get("corrections.refused.400");
      case 403 -> lang.get("corrections.refused.403");
      case 404 -> lang.get("corrections.refused.404");
      default -> lang.get("corrections.refused.other");
    };
    // The detail names the field and values; it is English in both languages (docs/dashboard.md).
    Page.render(ctx, lang, lang.get("corrections.refused.title"), "web/corrections/refused.jte",
        "summary", summary, "message", e.getMessage());
  }
}
