package org.redvest.hub.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * The dashboard's page frame: header with the user and a language switch, the navigation, and a
 * light stylesheet. Every dashboard page renders through {@link #render} so they look alike.
 *
 * <pre>{@code
 * app.get("/ui/hours", ctx -> {
 *   Lang lang = Lang.of(ctx);
 *   Page.render(ctx, lang, lang.t("时长", "Hours"), "<p>...</p>");
 * });
 * }</pre>
 */
public final class Page {

  /** One navigation entry; {@code adminOnly} entries are hidden from station managers. */
  record Nav(String path, String zh, String en, boolean adminOnly) {}

  static final List<Nav> NAV = List.of(
      new Nav("/ui/live", "实时", "Live", false),
      new Nav("/ui/stations", "站点", "Stations", false),
      new Nav("/ui/hours", "时长", "Hours", false),
      new Nav("/ui/review", "待审核", "Review", false),
      new Nav("/ui/corrections", "更正", "Corrections", false),
      new Nav("/ui/exports", "导出与证明", "Exports", false),
      new Nav("/ui/import", "导入", "Import", true),
      new Nav("/ui/fleet", "终端", "Fleet", true),
      new Nav("/ui/users", "用户", "Users", true));

  static final String CSS = """
      *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,"WenQuanYi Zen Hei",
      "Noto Sans CJK SC",sans-serif;color:#1d232b;background:#f4f5f7}
      header{display:flex;align-items:center;gap:16px;padding:8px 20px;background:#b71c1c;color:#fff}
      header a{color:#fff}header .brand{font-weight:700;font-size:18px;margin-right:12px}
      header .user{margin-left:auto;font-size:13px}nav a{color:#fff;text-decoration:none;padding:6px 8px;
      border-radius:4px}nav a.on{background:rgba(255,255,255,.22)}main{padding:20px;max-width:1200px;margin:auto}
      h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:20px 0 8px}
      table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 10px;
      border-bottom:1px solid #e3e5e8;font-size:14px}th{background:#fafbfc;font-weight:600}
      .card{background:#fff;border:1px solid #e3e5e8;border-radius:6px;padding:14px 16px;margin-bottom:14px}
      .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px}
      .ok{color:#1b7f3b}.warn{color:#b26a00}.bad{color:#b71c1c}.muted{color:#6b7280}
      .pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#eef0f3}
      .pill.ok{background:#e3f4e8}.pill.warn{background:#fff1d6}.pill.bad{background:#fde3e3}
      form.inline{display:inline}input,select,textarea,button{font:inherit;padding:5px 8px;
      border:1px solid #c9cdd3;border-radius:4px}button{background:#b71c1c;color:#fff;border:0;cursor:pointer}
      button.secondary{background:#e8eaee;color:#1d232b}.error{background:#fde3e3;padding:8px 12px;border-radius:4px}
      .notice{background:#e3f4e8;padding:8px 12px;border-radius:4px}.card>h2:first-child{margin-top:0}
      nav{display:flex;gap:2px}nav a,header .user,header .brand{white-space:nowrap}
      main a{color:#1d4ed8}main a:visited{color:#1d4ed8}
      @media (max-width:760px){header{flex-wrap:wrap;gap:6px 12px;padding:8px 12px}
      nav{order:3;width:100%;overflow-x:auto;padding-bottom:2px}header .user{white-space:normal;text-align:right}
      main{padding:14px 12px}}
      """;

  private Page() {}

  /** Writes a full page with {@code body} (already-escaped HTML) as the response. */
  public static void render(Context ctx, Lang lang, String title, String body) {
    ctx.html(html(ctx, lang, title, body));
  }

  /** The full page as a string. */
  public static String html(Context ctx, Lang lang, String title, String body) {
    Principal user = ctx.attribute(Access.PRINCIPAL);
    StringBuilder nav = new StringBuilder();
    if (user != null) {
      for (Nav n : NAV) {
        if (n.adminOnly() && !user.isAdmin()) {
          continue;
        }
        boolean on = ctx.path().startsWith(n.path());
        nav.append("<a href=\"").append(n.path()).append('"').append(on ? " class=\"on\"" : "")
            .append('>').append(Html.esc(lang.t(n.zh(), n.en()))).append("</a>");
      }
    }
    String other = lang == Lang.ZH ? "<a href=\"?lang=en\">English</a>" : "<a href=\"?lang=zh\">中文</a>";
    String who = user == null ? other
        : Html.esc(user.displayName()) + " · " + Html.esc(roleName(lang, user.role())) + " · " + other
            + " · <form class=\"inline\" method=\"post\" action=\"/logout\">"
            + "<button class=\"secondary\" id=\"logout\">" + lang.t("退出", "Sign out") + "</button></form>";
    return "<!doctype html><html lang=\"" + lang.tag() + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>" + Html.esc(title) + " · RedVest</title><style>" + CSS + "</style></head><body>"
        + "<header><span class=\"brand\">RedVest " + lang.t("志愿时长", "hours") + "</span><nav>" + nav
        + "</nav><span class=\"user\">" + who + "</span></header><main><h1>" + Html.esc(title) + "</h1>"
        + body + "</main></body></html>";
  }

  static String roleName(Lang lang, Role role) {
    return switch (role) {
      case HUB_ADMIN -> lang.t("平台管理员", "hub admin");
      case STATION_MANAGER -> lang.t("站点负责人", "station manager");
    };
  }
}
