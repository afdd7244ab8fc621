package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;
import org.redvest.hub.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard in front of every route (docs/dashboard.md, "Sign-in and roles"). A request gets
 * through with a live session cookie or the API bearer token; otherwise only the public routes
 * answer: {@code GET/POST /login}, {@code POST /logout}, {@code GET /health} (reduced to its
 * status) and anything under {@code /verify/}, {@code /pass/} and {@code /static/}. A denied page
 * request (GET accepting HTML) is sent to {@code /login?next=...}; anything else gets 401 JSON.
 * Form posts signed in by cookie must come from this host (Origin, else Referer), or get 403.
 * Station managers get 403 from the admin-only API.
 */
public final class WebAuth {
  /** The session cookie. */
  public static final String COOKIE = "rv_session";
  /** The environment variable that sets the first admin's password. */
  public static final String ADMIN_PASSWORD_ENV = "REDVEST_HUB_ADMIN_PASSWORD";
  static final String ADMIN_PASSWORD_FILE = "admin-password";
  static final List<String> PUBLIC_PREFIXES = List.of("/verify/", "/pass/", "/static/");
  /** API a station manager may not use: it spans every station. */
  static final List<Pattern> ADMIN_ONLY = List.of(
      Pattern.compile("/api/dead-letters.*"),
      Pattern.compile("/api/sessions/recompute.*"),
      Pattern.compile("/ui/recompute.*"),
      Pattern.compile("/api/volunteers/[^/]+/credentials.*"),
      Pattern.compile("/api/credentials/.*"),
      Pattern.compile("/api/issuer-keys/.*"),
      Pattern.compile("/api/roster.*"),
      Pattern.compile("/api/enrolments.*"),
      Pattern.compile("/api/refusals.*"),
      Pattern.compile("/api/anomalies.*"),
      Pattern.compile("/ui/users.*"),
      Pattern.compile("/api/fleet/.*"),
      Pattern.compile("/ui/fleet.*"));
  /**
   * Public routes that carry their own secret in the body (a kiosk's claim code, or its bound
   * key's signature), not a cookie:
   * no cross-site form can abuse a session through them, so the origin check does not apply.
   */
  static final Set<String> SELF_AUTHENTICATING = Set.of("/api/fleet/provision",
      "/api/fleet/rotate");
  private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD,
      HandlerType.OPTIONS);
  private static final Principal API = new Principal("api-token", "API token", Role.HUB_ADMIN,
      Set.of());
  private static final Logger LOG = LoggerFactory.getLogger(WebAuth.class);

  private final Users users;
  private final SignIns signIns;
  private final ApiToken apiToken;
  private final LoginThrottle throttle;

  private WebAuth(Users users, SignIns signIns, ApiToken apiToken, LoginThrottle throttle) {
    this.users = users;
    this.signIns = signIns;
    this.apiToken = apiToken;
    this.throttle = throttle;
  }

  /**
   * Creates the first admin if there are no users, loads or makes the API token, and installs the
   * guard and the sign-in routes on {@code app}.
   *
   * @param adminPassword the first admin's password ({@value #ADMIN_PASSWORD_ENV}), or null to
   *     make a random one and write it to {@code <dataDir>/admin-password}
   */
  public static WebAuth install(Javalin app, Database database, Path dataDir, Clock clock,
      String adminPassword) {
    Users users = new Users(database, clock);
    bootstrapAdmin(users, dataDir, adminPassword);
    WebAuth auth = new WebAuth(users, new SignIns(database, users, clock), ApiToken.load(dataDir),
        new LoginThrottle(clock));
    app.before(auth::guard);
    LoginPage.register(app, auth);
    return auth;
  }

  /** The bearer token scripts send: {@code Authorization: Bearer <token>}. */
  public String apiToken() {
    return apiToken.value();
  }

  public Users users() {
    return users;
  }

  SignIns signIns() {
    return signIns;
  }

  LoginThrottle throttle() {
    return throttle;
  }

  private void guard(Context ctx) {
    Optional<Principal> principal;
    boolean byCookie = false;
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      principal = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
          && apiToken.matches(authorization.substring(7).strip()) ? Optional.of(API)
          : Optional.empty();
    } else {
      principal = signIns.principal(ctx.cookie(COOKIE));
      byCookie = principal.isPresent();
    }
    principal.ifPresent(p -> ctx.attribute(Access.PRINCIPAL, p));
    // The router may match "//api//x" to "/api/x": judge the path the way it will be routed.
    String path = ctx.path().replaceAll("/{2,}", "/");
    if (isPublic(ctx.method(), path)) {
      if (principal.isEmpty()) {
        ctx.attribute(Access.ANONYMOUS, Boolean.TRUE);
      }
      if (!SAFE.contains(ctx.method()) && !sameOrigin(ctx) && !SELF_AUTHENTICATING.contains(path)) {
        stop(ctx, HttpStatus.FORBIDDEN, "cross-site form post refused");
      }
      return;
    }
    if (principal.isEmpty()) {
      deny(ctx);
    } else if (byCookie && !SAFE.contains(ctx.method()) && !sameOrigin(ctx)) {
      stop(ctx, HttpStatus.FORBIDDEN, "cross-site form post refused");
    } else if (!principal.get().isAdmin()
        && ADMIN_ONLY.stream().anyMatch(p -> p.matcher(path).matches())) {
      stop(ctx, HttpStatus.FORBIDDEN, "hub admins only");
    }
  }

  /** Whether {@code method path} answers without sign-in. */
  public static boolean isPublic(HandlerType method, String path) {
    return switch (path) {
      case "/login" -> method == HandlerType.GET || method == HandlerType.POST;
      case "/logout" -> method == HandlerType.POST;
      case "/health" -> method == HandlerType.GET;
      case "/api/fleet/provision", "/api/fleet/rotate" -> method == HandlerType.POST;
      default -> PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
    };
  }

  private static void deny(Context ctx) {
    String accept = ctx.header("Accept");
    if (ctx.method() == HandlerType.GET && accept != null && accept.contains("text/html")) {
      String target = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
      ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8),
          HttpStatus.FOUND);
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.header("WWW-Authenticate", "Bearer");
    stop(ctx, HttpStatus.UNAUTHORIZED, "sign in first: a session cookie from /login, or"
        + " Authorization: Bearer <api token>");
  }

  private static void stop(Context ctx, HttpStatus status, String message) {
    ctx.status(status).json(Map.of("error", message));
    ctx.skipRemainingHandlers();
  }

  /** Whether a state-changing request comes from a page of this host (CSRF defence). */
  static boolean sameOrigin(Context ctx) {
    String host = ctx.header("Host");
    String origin = ctx.header("Origin");
    String source = origin != null && !"null".equals(origin) ? origin : ctx.header("Referer");
    if (host == null || source == null) {
      return false;
    }
    try {
      String authority = new URI(source).getRawAuthority();
      return authority != null && authority.toLowerCase(Locale.ROOT)
          .equals(host.toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void bootstrapAdmin(Users users, Path dataDir, String envPassword) {
    if (!users.isEmpty()) {
      return;
    }
    if (envPassword != null && !envPassword.isBlank()) {
      if (!Passwords.acceptable(envPassword)) {
        throw new IllegalArgumentException(ADMIN_PASSWORD_ENV + ": at least "
            + Passwords.MIN_LENGTH + " characters");
      }
      users.create("admin", "Administrator", Role.HUB_ADMIN, Set.of(), envPassword);
      LOG.info("created user admin with the password from {}", ADMIN_PASSWORD_ENV);
      return;
    }
    String password = Passwords.random(20);
    Path file = dataDir.resolve(ADMIN_PASSWORD_FILE);
    try {
      Files.deleteIfExists(file);
      ApiToken.writeOwnerOnly(file, password + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    users.create("admin", "Administrator", Role.HUB_ADMIN, Set.of(), password);
    LOG.info("created user admin; its password is in {} (readable by this user only):"
        + " sign in at /login, then change it under Users", file.toAbsolutePath());
  }
}
