package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Supplier;
import org.redvest.hub.ingest.IngestWriter;

/**
 * Recomputing every volunteer's sessions from their stored events (hub admins; docs/dashboard.md,
 * "Recomputing hours"): {@code POST /api/sessions/recompute} queues it on the ingest writer, which
 * rewrites the sessions between batches a few thousand volunteers at a time, and {@code GET
 * /api/sessions/recompute} and the page {@code /ui/recompute} show how far it got. The hub also
 * does this by itself after a stop that left sessions behind their events, and when the session
 * rules or their settings changed; the page shows those runs too.
 */
public final class RecomputeRoutes {
  private final Runnable start;
  private final Supplier<IngestWriter.Recompute> progress;

  private RecomputeRoutes(Runnable start, Supplier<IngestWriter.Recompute> progress) {
    this.start = start;
    this.progress = progress;
  }

  public static void register(Javalin app, Runnable start, Supplier<IngestWriter.Recompute> progress) {
    RecomputeRoutes routes = new RecomputeRoutes(start, progress);
    app.get("/api/sessions/recompute", ctx -> ctx.json(routes.json()));
    app.post("/api/sessions/recompute", ctx -> {
      Access.requireAdmin(ctx);
      start.run();
      ctx.status(HttpStatus.ACCEPTED).json(routes.json());
    });
    app.get("/ui/recompute", routes::page);
    app.post("/ui/recompute", ctx -> {
      Access.requireAdmin(ctx);
      start.run();
      ctx.redirect("/ui/recompute", HttpStatus.SEE_OTHER);
    });
  }

  private Map<String, Object> json() {
    IngestWriter.Recompute r = progress.get();
    return Map.of("pending", r.pending(), "total", r.total(), "state", r.pending() > 0 ? "RUNNING" : "IDLE",
        "progress", r.total() == 0 ? 1.0 : (r.total() - r.pending()) / (double) r.total());
  }

  private void page(Context ctx) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    IngestWriter.Recompute r = progress.get();
    double done = r.total() == 0 ? 1.0 : (r.total() - r.pending()) / (double) r.total();
    String body = "<div class=\"card\"><p>" + Html.esc(lang.t(
        "按已存储的签到签退事件重新计算每位志愿者的服务时段。中心在意外停止后、或时段规则与设置（最长时段、时钟容差）改变后会自动进行；"
            + "计算在事件入库的间隙分批进行，不影响签到。",
        "Rebuilds every volunteer's sessions from their stored check-in and check-out events. The"
            + " hub does this by itself after a stop that left sessions behind, and when the session"
            + " rules or their settings (maximum session, clock tolerance) change; it runs in"
            + " batches between ingest work and never holds up check-ins.")) + "</p>"
        + "<p><span id=\"recompute-state\">" + Html.esc(r.pending() > 0
            ? lang.t("正在计算", "Running") : lang.t("空闲", "Idle")) + "</span> · "
        + Html.esc(lang.t("待计算志愿者 ", "volunteers to go ")) + "<b id=\"pending\">" + r.pending() + "</b> / "
        + "<b id=\"total\">" + r.total() + "</b></p>"
        + "<div style=\"height:14px;background:#eef0f3;border-radius:7px;overflow:hidden\"><div id=\"bar\""
        + " style=\"height:100%;background:#b71c1c;width:" + String.format(java.util.Locale.ROOT, "%.1f", done * 100)
        + "%\"></div></div>"
        + "<form method=\"post\" action=\"/ui/recompute\" style=\"margin-top:12px\"><button id=\"recompute\""
        + (r.pending() > 0 ? " disabled" : "") + ">" + Html.esc(lang.t("重新计算全部时长", "Recompute all hours"))
        + "</button></form></div>"
        + "<script>(function(){var t=setInterval(function(){fetch('/api/sessions/recompute')"
        + ".then(function(r){return r.json()}).then(function(j){"
        + "document.getElementById('bar').style.width=(j.progress*100)+'%';"
        + "document.getElementById('pending').textContent=j.pending;"
        + "document.getElementById('total').textContent=j.total;"
        + "document.getElementById('recompute-state').textContent=j.state==='RUNNING'?"
        + js(lang.t("正在计算", "Running")) + ":" + js(lang.t("空闲", "Idle")) + ";"
        + "document.getElementById('recompute').disabled=j.state==='RUNNING';})},1000);})();</script>";
    Page.render(ctx, lang, lang.t("重新计算时长", "Recompute hours"), body);
  }

  /** A JavaScript string literal of a fixed UI text. */
  private static String js(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("</", "<\\/") + "\"";
  }
}
