package org.redvest.hub.web.passes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.domain.credentials.QrImage;
import org.redvest.hub.domain.passes.Passes;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Templates;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.VolunteerId;

/**
 * The web pass routes (docs/api.md, "Web passes"): the admin's {@code POST /api/passes} and
 * {@code POST /api/passes/{id}/revoke}, and the public-by-secret phone page {@code GET
 * /pass/{secret}} with its {@code code.json} and {@code code.png}. The secret is the
 * authorisation, so /pass/* needs no sign-in.
 */
public final class PassRoutes {
  /** Pixels per module of the phone's PNG; the page scales it to the screen width. */
  static final int MODULE_PX = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Passes passes;

  private PassRoutes(Passes passes) {
    this.passes = passes;
  }

  public static void register(Javalin app, Passes passes) {
    PassRoutes routes = new PassRoutes(passes);
    app.post("/api/passes", routes::create);
    app.post("/api/passes/{id}/revoke", routes::revoke);
    app.get("/pass/{secret}", routes::page);
    app.get("/pass/{secret}/code.json", routes::codeJson);
    app.get("/pass/{secret}/code.png", routes::codePng);
  }

  private void create(Context ctx) {
    Passes.Created created;
    try {
      JsonNode body = JSON.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
      created = passes.create(VolunteerId.of(body.path("volunteerId").asText(null)),
          body.path("displayName").textValue());
    } catch (ProtocolException | IOException e) {
      ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "volunteerId: " + e.getMessage(),
          "parameter", "volunteerId"));
      return;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", created.pass().id());
    json.put("volunteerId", created.pass().volunteer().value());
    json.put("url", "/pass/" + created.secret());
    json.put("stepSeconds", passes.step().toSeconds());
    ctx.status(HttpStatus.CREATED).json(json);
  }

  private void revoke(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "id: must be a pass id", "parameter", "id"));
      return;
    }
    ctx.json(Map.of("id", id, "revoked", true, "changed", passes.revoke(id)));
  }

  private Optional<Passes.Pass> pass(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    Optional<Passes.Pass> pass = passes.find(ctx.pathParam("secret"));
    if (pass.isEmpty()) {
      Lang lang = Lang.of(ctx);
      ctx.status(HttpStatus.NOT_FOUND).html(Templates.render("web/passes/gone.jte", "t", lang));
    }
    return pass;
  }

  private void codeJson(Context ctx) {
    Optional<Passes.Pass> pass = pass(ctx);
    if (pass.isEmpty()) {
      return;
    }
    Passes.WindowCode code = passes.code(pass.get());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("window", code.window());
    json.put("serial", code.issued().credential().serial());
    json.put("code", code.issued().code());
    json.put("windowEnd", code.end().toString());
    json.put("expiresAt", code.issued().credential().expiresAt().toString());
    json.put("msLeft", Math.max(0, Duration.between(passes.now(), code.end()).toMillis()));
    ctx.json(json);
  }

  private void codePng(Context ctx) {
    Optional<Passes.Pass> pass = pass(ctx);
    if (pass.isEmpty()) {
      return;
    }
    ctx.contentType("image/png").result(QrImage.of(passes.code(pass.get()).issued().code(), MODULE_PX).png());
  }

  private void page(Context ctx) {
    Optional<Passes.Pass> pass = pass(ctx);
    if (pass.isEmpty()) {
      return;
    }
    Lang lang = Lang.of(ctx);
    Passes.WindowCode code = passes.code(pass.get());
    String name = pass.get().displayName() == null ? pass.get().volunteer().value() : pass.get().displayName();
    long left = Math.max(0, Duration.between(passes.now(), code.end()).toMillis());
    ctx.html(Templates.render("web/passes/pass.jte", "t", lang, "name", name,
        "volunteer", pass.get().volunteer().value(), "path", ctx.path(), "window", code.window(),
        "serial", code.issued().credential().serial(), "msLeft", left, "stepSeconds", passes.step().toSeconds()));
  }
}
