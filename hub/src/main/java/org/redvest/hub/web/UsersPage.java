package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;

/**
 * {@code /ui/users} (hub admins only): list the accounts, create a station manager with their
 * stations, disable or re-enable an account, set a new password.
 */
public final class UsersPage {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Dashboard dashboard;
  private final Users users;

  private UsersPage(Dashboard dashboard, Users users) {
    this.dashboard = dashboard;
    this.users = users;
  }

  public static void register(Javalin app, Dashboard dashboard, Users users) {
    UsersPage page = new UsersPage(dashboard, users);
    app.get("/ui/users", ctx -> page.show(ctx, null, null));
    app.post("/ui/users", page::create);
    app.post("/ui/users/{username}/disable", ctx -> page.change(ctx, "disable"));
    app.post("/ui/users/{username}/enable", ctx -> page.change(ctx, "enable"));
    app.post("/ui/users/{username}/password", ctx -> page.change(ctx, "password"));
  }

  private void create(Context ctx) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    try {
      Set<StationId> stations = new LinkedHashSet<>();
      for (String s : String.valueOf(ctx.formParam("stations")).split("[,\\s，]+")) {
        if (!s.isBlank() && !"null".equals(s)) {
          stations.add(StationId.of(s.strip()));
        }
      }
      Role role = "HUB_ADMIN".equals(ctx.formParam("role")) ? Role.HUB_ADMIN : Role.STATION_MANAGER;
      User user = users.create(ctx.formParam("username"), ctx.formParam("displayName"), role,
          stations, ctx.formParam("password"));
      show(ctx, lang.get("users.created", user.username()), null);
    } catch (IllegalArgumentException | ProtocolException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, null, e.getMessage());
    }
  }

  private void change(Context ctx, String what) {
    Principal admin = Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    String username = ctx.pathParam("username");
    try {
      switch (what) {
        case "disable" -> {
          if (username.equals(admin.username())) {
            throw new IllegalArgumentException(lang.get("users.notYourself"));
          }
          users.setDisabled(username, true);
        }
        case "enable" -> users.setDisabled(username, false);
        default -> users.resetPassword(username, ctx.formParam("password"));
      }
      show(ctx, lang.get("users.updated", username), null);
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, null, e.getMessage());
    }
  }

  /** An account as the table shows it. */
  record Row(String username, String name, String role, String stations, boolean disabled,
      String updated) {}

  private void show(Context ctx, String notice, String error) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    var rows = users.all().stream().map(u -> new Row(u.username(), u.displayName(),
        Page.roleName(lang, u.role()),
        String.join(", ", u.stations().stream().map(StationId::value).sorted().toList()), u.disabled(),
        DAY.format(u.updatedAt().atZone(dashboard.zone())))).toList();
    Page.render(ctx, lang, lang.get("users.title"), "web/users.jte", "notice", notice, "error", error,
        "users", rows, "minLength", Passwords.MIN_LENGTH);
  }
}
