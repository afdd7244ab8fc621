package org.redvest.hub.web;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;

/**
 * The dashboard's page frame: header with the user and a language switch, the navigation, and a
 * light stylesheet, all in the template {@code src/main/jte/web/layout.jte}. A page is a template
 * of its feature that takes a {@link Frame} and wraps its body in the layout:
 *
 * <pre>{@code
 * app.get("/ui/recompute", ctx -> {
 *   Access.requireAdmin(ctx);
 *   Lang lang = Lang.of(ctx);
 *   Page.render(ctx, lang, lang.get("recompute.title"), "web/recompute.jte", "pending", pending);
 * });
 * }</pre>
 *
 * <p>and {@code web/recompute.jte} declares {@code @param Frame frame} and {@code @param int
 * pending}, and wraps its body in {@code @template.web.layout(frame = frame, body = ...)}
 * (hub/README.md, "Adding a page").
 */
public final class Page {

  /** One navigation entry; {@code adminOnly} entries are hidden from station managers. */
  record Nav(String path, boolean adminOnly) {}

  /** A navigation link as the layout shows it. */
  public record Link(String path, String label, boolean on) {}

  /**
   * What the layout needs besides the page's body: the language, the page's title, the signed-in
   * user (null on the sign-in page) and the links they may follow.
   */
  public record Frame(Lang t, String title, String user, String role, List<Link> nav) {}

  static final List<Nav> NAV = List.of(
      new Nav("/ui/live", false),
      new Nav("/ui/stations", false),
      new Nav("/ui/hours", false),
      new Nav("/ui/review", false),
      new Nav("/ui/corrections", false),
      new Nav("/ui/exports", false),
      new Nav("/ui/import", true),
      new Nav("/ui/fleet", true),
      new Nav("/ui/users", true));

  private Page() {}

  /** The frame of a page titled {@code title} for this request's user. */
  public static Frame frame(Context ctx, Lang lang, String title) {
    Principal user = ctx.attribute(Access.PRINCIPAL);
    if (user == null) {
      return new Frame(lang, title, null, null, List.of());
    }
    List<Link> nav = NAV.stream().filter(n -> !n.adminOnly() || user.isAdmin())
        .map(n -> new Link(n.path(), lang.get("nav." + n.path()), ctx.path().startsWith(n.path())))
        .toList();
    return new Frame(lang, title, user.displayName(), roleName(lang, user.role()), nav);
  }

  /**
   * Writes the page of {@code template} as the response; the template gets {@code frame} and the
   * other parameters, given as name, value, name, value…
   */
  public static void render(Context ctx, Lang lang, String title, String template, Object... params) {
    Object[] all = Arrays.copyOf(params, params.length + 2);
    all[params.length] = "frame";
    all[params.length + 1] = frame(ctx, lang, title);
    ctx.html(Templates.render(template, all));
  }

  /** Writes a page that says what went wrong, titled {@code title}. */
  public static void error(Context ctx, Lang lang, String title, String message) {
    render(ctx, lang, title, "web/message.jte", "error", message, "notice", null);
  }

  static String roleName(Lang lang, Role role) {
    return lang.get("role." + role.name());
  }
}
