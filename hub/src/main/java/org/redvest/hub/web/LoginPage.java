package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/** {@code GET/POST /login} and {@code POST /logout}. */
final class LoginPage {
  static final String HOME = "/ui/live";

  private LoginPage() {}

  static void register(Javalin app, WebAuth auth) {
    app.get("/login", ctx -> {
      if (ctx.attribute(Access.PRINCIPAL) != null) {
        ctx.redirect(next(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
        return;
      }
      show(ctx, Lang.of(ctx), "", ctx.queryParam("next"), null, HttpStatus.OK);
    });
    app.post("/login", ctx -> signIn(ctx, auth));
    app.post("/logout", ctx -> {
      auth.signIns().end(ctx.cookie(WebAuth.COOKIE));
      ctx.header("Set-Cookie", cookie(ctx, "", true));
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
    });
  }

  private static void signIn(Context ctx, WebAuth auth) {
    Lang lang = Lang.of(ctx);
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String next = ctx.formParam("next");
    if (auth.throttle().blocked(username)) {
      show(ctx, lang, username, next, lang.get("login.throttled"), HttpStatus.TOO_MANY_REQUESTS);
      return;
    }
    Optional<User> user = auth.users().verify(username, password);
    if (user.isEmpty()) {
      auth.throttle().failed(username);
      // One message for an unknown name, a wrong password and a disabled account alike.
      show(ctx, lang, username, next, lang.get("login.wrong"), HttpStatus.UNAUTHORIZED);
      return;
    }
    auth.throttle().succeeded(username);
    ctx.header("Set-Cookie", cookie(ctx, auth.signIns().start(username), false));
    ctx.redirect(next(next), HttpStatus.SEE_OTHER);
  }

  private static void show(Context ctx, Lang lang, String username, String next, String error,
      HttpStatus status) {
    ctx.status(status);
    Page.render(ctx, lang, lang.get("login.title"), "web/login.jte", "error", error, "next", next(next),
        "username", username);
  }

  /** Where to go after sign-in: a path on this host only, never another site. */
  static String next(String asked) {
    if (asked == null || !asked.startsWith("/") || asked.startsWith("//")
        || asked.contains("\\") || asked.startsWith("/login")) {
      return HOME;
    }
    return asked;
  }

  private static String cookie(Context ctx, String value, boolean expire) {
    boolean https = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
        || "https".equalsIgnoreCase(ctx.scheme());
    return WebAuth.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
        + (https ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
  }
}
