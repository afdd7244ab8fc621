package org.redvest.hub.passes;

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
import org.redvest.hub.credentials.QrImage;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;
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
      ctx.status(HttpStatus.NOT_FOUND).contentType("text/html; charset=utf-8").result(frame(lang,
          lang.t("通行码", "Pass"), "<p class=\"gone\">" + lang.t("此链接无效或已被撤销，请联系站长。",
              "This link is not valid or was revoked. Please ask your station manager.") + "</p>"));
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
    String body = "<p class=\"who\">" + Html.esc(name) + "</p>"
        + "<p class=\"id\">" + Html.esc(pass.get().volunteer().value()) + "</p>"
        + "<img id=\"qr\" alt=\"" + lang.t("签到二维码", "check-in QR code") + "\" src=\"" + Html.esc(ctx.path())
        + "/code.png?w=" + code.window() + "\" data-serial=\"" + code.issued().credential().serial() + "\">"
        + "<p class=\"left\"><span id=\"left\">" + (left + 999) / 1000 + "</span> "
        + lang.t("秒后更新", "s until the code changes") + "</p>"
        + "<p class=\"note\">" + lang.t("请在签到机前出示此码。二维码每 " + passes.step().toSeconds()
            + " 秒更换一次，截图无效。", "Show this code at the kiosk. It changes every " + passes.step().toSeconds()
            + " seconds, so a screenshot stops working.") + "</p>"
        + "<p id=\"status\" class=\"status\"></p>"
        + script(lang, code.window(), left);
    ctx.contentType("text/html; charset=utf-8").result(frame(lang, lang.t("志愿者通行码", "Volunteer pass"), body));
  }

  private static String script(Lang lang, long window, long msLeft) {
    return "<script>(function(){var img=document.getElementById('qr'),left=document.getElementById('left'),"
        + "status=document.getElementById('status'),base=location.pathname.replace(/\\/$/,''),win=" + window
        + ",end=Date.now()+" + msLeft + ",busy=false;"
        + "function load(){if(busy)return;busy=true;fetch(base+'/code.json',{cache:'no-store'})"
        + ".then(function(r){if(r.status===404){gone();throw new Error('gone');}if(!r.ok)throw new Error(r.status);"
        + "return r.json();})"
        + ".then(function(c){busy=false;status.textContent='';if(c.window!==win){win=c.window;"
        + "img.src=base+'/code.png?w='+c.window;img.setAttribute('data-serial',c.serial);}end=Date.now()+c.msLeft;})"
        + ".catch(function(e){busy=false;end=Date.now()+2000;if(e.message==='gone')return;status.textContent='"
        + lang.t("无法更新，请检查网络", "Cannot refresh: check your connection") + "';});}"
        + "function gone(){clearInterval(timer);img.remove();left.parentNode.remove();"
        + "document.querySelector('.note').remove();status.textContent='"
        + lang.t("此链接已被撤销，请联系站长。", "This pass was revoked. Please ask your station manager.") + "';}"
        + "function tick(){var ms=end-Date.now();if(ms<=0){load();ms=0;}left.textContent=Math.ceil(ms/1000);}"
        + "var timer=setInterval(tick,250);})();</script>";
  }

  private static String frame(Lang lang, String title, String body) {
    return "<!doctype html><html lang=\"" + lang.tag() + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>" + Html.esc(title) + "</title><style>"
        + "body{margin:0;font-family:system-ui,'Noto Sans CJK SC','PingFang SC',sans-serif;background:#b71c1c;"
        + "color:#222;display:flex;justify-content:center;min-height:100vh}"
        + "main{background:#fff;margin:16px;padding:20px;border-radius:16px;max-width:420px;width:100%;"
        + "box-sizing:border-box;text-align:center;align-self:flex-start}"
        + "h1{font-size:20px;margin:0 0 12px;color:#b71c1c}.who{font-size:24px;font-weight:600;margin:4px 0}"
        + ".id{color:#666;margin:0 0 12px;font-family:monospace}"
        + "#qr{width:100%;max-width:340px;image-rendering:pixelated;display:block;margin:0 auto}"
        + ".left{font-size:18px;margin:12px 0 4px}#left{font-weight:700;font-variant-numeric:tabular-nums}"
        + ".note{color:#555;font-size:14px;line-height:1.5}.status{color:#b71c1c}.gone{font-size:18px}"
        + "</style></head><body><main><h1>" + Html.esc(title) + "</h1>" + body + "</main></body></html>";
  }
}
