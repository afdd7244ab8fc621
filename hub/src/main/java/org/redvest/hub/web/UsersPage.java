package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
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
      show(ctx, lang.t("已创建用户 ", "Created user ") + user.username(), null);
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
            throw new IllegalArgumentException(lang.t("不能停用自己的账号", "you cannot disable yourself"));
          }
          users.setDisabled(username, true);
        }
        case "enable" -> users.setDisabled(username, false);
        default -> users.resetPassword(username, ctx.formParam("password"));
      }
      show(ctx, lang.t("已更新 ", "Updated ") + username, null);
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, null, e.getMessage());
    }
  }

  private void show(Context ctx, String notice, String error) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    StringBuilder body = new StringBuilder();
    if (notice != null) {
      body.append("<p class=\"notice\" id=\"users-notice\">").append(Html.esc(notice)).append("</p>");
    }
    if (error != null) {
      body.append("<p class=\"error\" id=\"users-error\">").append(Html.esc(error)).append("</p>");
    }
    body.append("<table id=\"users\"><thead><tr><th>").append(lang.t("用户名", "User name"))
        .append("</th><th>").append(lang.t("姓名", "Name")).append("</th><th>")
        .append(lang.t("角色", "Role")).append("</th><th>").append(lang.t("站点", "Stations"))
        .append("</th><th>").append(lang.t("状态", "State")).append("</th><th>")
        .append(lang.t("更新于", "Updated")).append("</th><th>").append(lang.t("操作", "Actions"))
        .append("</th></tr></thead><tbody>");
    for (User u : users.all()) {
      String path = "/ui/users/" + Html.esc(u.username());
      body.append("<tr data-user=\"").append(Html.esc(u.username())).append("\"><td>")
          .append(Html.esc(u.username())).append("</td><td>").append(Html.esc(u.displayName()))
          .append("</td><td>").append(Html.esc(Page.roleName(lang, u.role()))).append("</td><td>")
          .append(Html.esc(String.join(", ", u.stations().stream().map(StationId::value).sorted()
              .toList()))).append("</td><td>")
          .append(u.disabled() ? "<span class=\"pill bad\">" + lang.t("已停用", "disabled")
              : "<span class=\"pill ok\">" + lang.t("正常", "active")).append("</span></td><td>")
          .append(DAY.format(u.updatedAt().atZone(dashboard.zone()))).append("</td><td>")
          .append("<form class=\"inline\" method=\"post\" action=\"").append(path)
          .append(u.disabled() ? "/enable" : "/disable").append("\"><button class=\"secondary\">")
          .append(u.disabled() ? lang.t("启用", "Enable") : lang.t("停用", "Disable"))
          .append("</button></form> <form class=\"inline\" method=\"post\" action=\"").append(path)
          .append("/password\"><input type=\"password\" name=\"password\" minlength=\"")
          .append(Passwords.MIN_LENGTH).append("\" required size=\"12\" placeholder=\"")
          .append(lang.t("新密码", "new password")).append("\"> <button class=\"secondary\">")
          .append(lang.t("重设密码", "Reset password")).append("</button></form></td></tr>");
    }
    body.append("</tbody></table><h2>").append(lang.t("新建用户", "New user")).append("</h2>")
        .append("<form method=\"post\" action=\"/ui/users\" class=\"card\" id=\"new-user\""
            + " style=\"display:grid;gap:10px;max-width:480px\">")
        .append(field(lang.t("用户名", "User name"), "username", "text", "required"))
        .append(field(lang.t("姓名", "Display name"), "displayName", "text", "required"))
        .append("<label>").append(lang.t("角色", "Role")).append("<br><select name=\"role\">"
            + "<option value=\"STATION_MANAGER\">").append(Page.roleName(lang, Role.STATION_MANAGER))
        .append("</option><option value=\"HUB_ADMIN\">").append(Page.roleName(lang, Role.HUB_ADMIN))
        .append("</option></select></label>")
        .append(field(lang.t("管理的站点（逗号分隔）", "Stations managed (comma-separated)"), "stations",
            "text", "placeholder=\"JX-RJ-0001\""))
        .append(field(lang.t("初始密码（至少 8 位）", "Initial password (8+ characters)"), "password",
            "password", "required minlength=\"" + Passwords.MIN_LENGTH + "\""))
        .append("<div><button id=\"create-user\">").append(lang.t("创建", "Create"))
        .append("</button></div></form>");
    Page.render(ctx, lang, lang.t("用户", "Users"), body.toString());
  }

  private static String field(String label, String name, String type, String extra) {
    return "<label>" + Html.esc(label) + "<br><input name=\"" + name + "\" id=\"new-" + name
        + "\" type=\"" + type + "\" " + extra + " style=\"width:100%\"></label>";
  }
}
