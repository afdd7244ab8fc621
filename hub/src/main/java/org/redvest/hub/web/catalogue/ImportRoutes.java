package org.redvest.hub.web.catalogue;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.CatalogueRows;
import org.redvest.hub.domain.catalogue.ImportJob;
import org.redvest.hub.domain.catalogue.ImportJobs;
import org.redvest.hub.domain.catalogue.ImportKind;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;

/**
 * Admin CSV imports (docs/dashboard.md, "Imports"): the {@code /ui/import} upload page, a progress
 * page polling {@code /api/imports/{id}}, and the JSON API for scripts. The import runner stops
 * with the HTTP server.
 */
public final class ImportRoutes {
  private static final int LISTED_REJECTIONS = 200;

  private static final java.time.format.DateTimeFormatter STARTED =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ImportJobs jobs;
  private final java.time.ZoneId zone;

  private ImportRoutes(ImportJobs jobs, java.time.ZoneId zone) {
    this.jobs = jobs;
    this.zone = zone;
  }

  /** Registers the routes; imports fill {@code catalogue}. */
  public static void register(Javalin app, Dashboard dashboard, CatalogueRows catalogue) {
    register(app, dashboard, catalogue, job -> { });
  }

  /** As above, telling {@code progress} about every committed batch. */
  public static void register(Javalin app, Dashboard dashboard, CatalogueRows catalogue,
      Consumer<ImportJob> progress) {
    ImportJobs jobs = ImportJobs.start(dashboard.database(), catalogue,
        dashboard.dataDir(), dashboard.clock(), progress);
    app.events(events -> events.serverStopped(jobs::close));
    ImportRoutes routes = new ImportRoutes(jobs, dashboard.zone());
    app.get("/ui/import", routes::page);
    app.post("/ui/import", routes::upload);
    app.get("/ui/import/{id}", routes::progressPage);
    app.get("/api/imports", ctx -> {
      Access.requireAdmin(ctx);
      ctx.json(jobs.recent(50).stream().map(ImportRoutes::json).toList());
    });
    app.post("/api/imports", routes::apiUpload);
    app.get("/api/imports/{id}", routes::apiJob);
  }

  private void upload(Context ctx) throws IOException {
    Principal admin = Access.requireAdmin(ctx);
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null) {
      throw new BadRequestResponse("file: choose a CSV file");
    }
    ImportKind kind = kind(ctx.formParam("kind"));
    ImportJob job;
    try (InputStream in = file.content()) {
      job = jobs.submit(kind, file.filename(), in, admin.username());
    }
    ctx.redirect("/ui/import/" + job.id(), HttpStatus.SEE_OTHER);
  }

  private void apiUpload(Context ctx) throws IOException {
    Principal admin = Access.requireAdmin(ctx);
    ImportKind kind = kind(ctx.queryParam("kind"));
    UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
    ImportJob job;
    try (InputStream in = file != null ? file.content() : ctx.bodyInputStream()) {
      String name = file != null ? file.filename() : ctx.queryParam("fileName");
      job = jobs.submit(kind, name, in, admin.username());
    }
    ctx.status(HttpStatus.ACCEPTED).json(json(job));
  }

  private void apiJob(Context ctx) {
    Access.requireAdmin(ctx);
    ImportJob job = job(ctx);
    int limit = 100;
    String asked = ctx.queryParam("rejections");
    if (asked != null) {
      try {
        limit = Math.max(0, Math.min(ImportJobs.MAX_STORED_REJECTIONS, Integer.parseInt(asked)));
      } catch (NumberFormatException e) {
        throw new BadRequestResponse("rejections: must be a number, was \"" + asked + "\"");
      }
    }
    Map<String, Object> body = json(job);
    body.put("rejections", jobs.rejections(job.id(), limit));
    ctx.json(body);
  }

  private ImportJob job(Context ctx) {
    String id = ctx.pathParam("id");
    return jobs.job(id).orElseThrow(() -> new NotFoundResponse("no import " + id));
  }

  private static ImportKind kind(String text) {
    try {
      return ImportKind.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  static Map<String, Object> json(ImportJob job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", job.id());
    m.put("kind", job.kind().code());
    m.put("fileName", job.fileName());
    m.put("state", job.state().name());
    m.put("progress", job.progress());
    m.put("bytesTotal", job.bytesTotal());
    m.put("bytesRead", job.bytesRead());
    m.put("rowsRead", job.rowsRead());
    m.put("imported", job.imported());
    m.put("rejected", job.rejected());
    m.put("startedBy", job.startedBy());
    m.put("startedAt", job.startedAt().toString());
    m.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
    m.put("error", job.error());
    return m;
  }

  /** A recent import as the list shows it. */
  record Job(String id, String started, String kind, String fileName, ImportJob.State state,
      long rowsRead, long imported, long rejected) {}

  /** A rejected row, its reason in the page's language. */
  record Rejected(long line, String reason) {}

  private void page(Context ctx) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    List<Job> recent = jobs.recent(20).stream().map(j -> new Job(j.id(),
        STARTED.format(j.startedAt().atZone(zone)), j.kind().code(), j.fileName(), j.state(), j.rowsRead(),
        j.imported(), j.rejected())).toList();
    Page.render(ctx, lang, lang.get("import.title"), "web/catalogue/import.jte", "recent", recent);
  }

  private void progressPage(Context ctx) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    ImportJob job = job(ctx);
    List<Rejected> rejections = !job.state().finished() ? List.of()
        : jobs.rejections(job.id(), LISTED_REJECTIONS).stream()
            // Stored in both languages when the row was refused.
            .map(r -> new Rejected(r.line(), lang == Lang.ZH ? r.reasonZh() : r.reason())).toList();
    Page.render(ctx, lang, lang.get("import.progressTitle"), "web/catalogue/progress.jte", "job", job,
        "progress", String.format(Locale.ROOT, "%.1f", job.progress() * 100), "rejections", rejections);
  }
}
