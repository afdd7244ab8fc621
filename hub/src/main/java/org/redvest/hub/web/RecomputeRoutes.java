package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Supplier;
import org.redvest.hub.transport.ingest.IngestWriter;

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
    Page.render(ctx, lang, lang.get("recompute.title"), "web/recompute.jte", "running", r.pending() > 0,
        "pending", r.pending(), "total", r.total(),
        "done", String.format(java.util.Locale.ROOT, "%.1f", done * 100));
  }
}
