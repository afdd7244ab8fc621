package org.redvest.hub.catalogue;

import static org.redvest.hub.web.Html.esc;

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
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Dashboard;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.hub.web.Principal;

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
        dashboard.config().dataDir(), dashboard.clock(), progress);
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

  private void page(Context ctx) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    StringBuilder b = new StringBuilder("<div class=\"card\"><form method=\"post\""
        + " action=\"/ui/import\" enctype=\"multipart/form-data\"><label>")
        .append(esc(lang.t("导入内容 ", "Import "))).append("<select name=\"kind\" id=\"kind\">");
    for (ImportKind k : ImportKind.values()) {
      b.append("<option value=\"").append(k.code()).append("\">").append(esc(lang.t(k.zh(), k.en())))
          .append("</option>");
    }
    b.append("</select></label> <input type=\"file\" name=\"file\" id=\"file\" accept=\".csv,text/csv\""
        + " required> <button id=\"start\">").append(esc(lang.t("开始导入", "Start import")))
        .append("</button></form><p class=\"muted\">").append(esc(lang.t(
            "CSV 文件，UTF-8 编码（可带 BOM），第一行为列名。按 id 更新或新增；被拒绝的行会列出行号和原因。请先导入组织，再导入站点、活动和志愿者。",
            "CSV, UTF-8 (a byte order mark is fine), header row first. Rows are added or updated"
                + " by id; rejected rows are listed with line and reason. Import organisations"
                + " first, then stations, activities and volunteers.")))
        .append("</p><table><tr><th>").append(esc(lang.t("内容", "Kind"))).append("</th><th>")
        .append(esc(lang.t("必填列", "Required columns"))).append("</th><th>")
        .append(esc(lang.t("可选列", "Optional columns"))).append("</th></tr>");
    for (ImportKind k : ImportKind.values()) {
      b.append("<tr><td>").append(esc(lang.t(k.zh(), k.en()))).append("</td><td><code>")
          .append(esc(String.join(",", k.required()))).append("</code></td><td><code>")
          .append(esc(String.join(",", k.optional()))).append("</code></td></tr>");
    }
    b.append("</table><p><a href=\"/ui/recompute\" id=\"recompute-link\">")
        .append(esc(lang.t("重新计算全部时长（进度）→", "Recompute all hours (progress) →"))).append("</a></p>");
    b.append("</div><h2>").append(esc(lang.t("最近的导入", "Recent imports")))
        .append("</h2>").append(jobTable(jobs.recent(20), lang));
    Page.render(ctx, lang, lang.t("导入", "Import"), b.toString());
  }

  private String jobTable(List<ImportJob> recent, Lang lang) {
    StringBuilder b = new StringBuilder("<table><tr><th>")
        .append(esc(lang.t("开始时间", "Started"))).append("</th><th>")
        .append(esc(lang.t("内容", "Kind"))).append("</th><th>")
        .append(esc(lang.t("文件", "File"))).append("</th><th>")
        .append(esc(lang.t("状态", "State"))).append("</th><th>")
        .append(esc(lang.t("已读/已导入/已拒绝", "Read / imported / rejected"))).append("</th></tr>");
    for (ImportJob j : recent) {
      b.append("<tr><td><a href=\"/ui/import/").append(esc(j.id())).append("\">")
          .append(esc(STARTED.format(j.startedAt().atZone(zone))))
          .append("</a></td><td>").append(esc(lang.t(j.kind().zh(), j.kind().en())))
          .append("</td><td>").append(esc(j.fileName())).append("</td><td>")
          .append(state(j.state(), lang)).append("</td><td>").append(j.rowsRead()).append(" / ")
          .append(j.imported()).append(" / ").append(j.rejected()).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  private void progressPage(Context ctx) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    ImportJob job = job(ctx);
    StringBuilder b = new StringBuilder("<div class=\"card\"><p>")
        .append(esc(lang.t(job.kind().zh(), job.kind().en()))).append(" · ")
        .append(esc(job.fileName())).append(" · <span id=\"state\">").append(state(job.state(), lang))
        .append("</span></p><div style=\"height:14px;background:#eef0f3;border-radius:7px;"
            + "overflow:hidden\"><div id=\"bar\" style=\"height:100%;background:#b71c1c;width:")
        .append(String.format(Locale.ROOT, "%.1f", job.progress() * 100)).append("%\"></div></div>")
        .append("<p>").append(esc(lang.t("已读 ", "Read "))).append("<b id=\"rows\">")
        .append(job.rowsRead()).append("</b> · ").append(esc(lang.t("已导入 ", "imported ")))
        .append("<b id=\"imported\">").append(job.imported()).append("</b> · ")
        .append(esc(lang.t("已拒绝 ", "rejected "))).append("<b id=\"rejected\">")
        .append(job.rejected()).append("</b></p>");
    if (job.error() != null) {
      b.append("<p class=\"error\">").append(esc(job.error())).append("</p>");
    }
    b.append("</div>");
    if (job.state().finished()) {
      b.append(rejections(job, lang));
    } else {
      b.append("<script>(function(){var t=setInterval(function(){fetch('/api/imports/")
          .append(esc(job.id())).append("?rejections=0').then(function(r){return r.json()})"
              + ".then(function(j){document.getElementById('bar').style.width=(j.progress*100)+'%';"
              + "document.getElementById('rows').textContent=j.rowsRead;"
              + "document.getElementById('imported').textContent=j.imported;"
              + "document.getElementById('rejected').textContent=j.rejected;"
              + "if(['DONE','FAILED','INTERRUPTED'].indexOf(j.state)>=0){clearInterval(t);"
              + "location.reload();}})},1000);})();</script>");
    }
    Page.render(ctx, lang, lang.t("导入进度", "Import progress"), b.toString());
  }

  private String rejections(ImportJob job, Lang lang) {
    List<ImportJobRows.Rejection> rows = jobs.rejections(job.id(), LISTED_REJECTIONS);
    if (rows.isEmpty()) {
      return "<p class=\"notice\">" + esc(lang.t("没有被拒绝的行。", "No rows were rejected.")) + "</p>";
    }
    StringBuilder b = new StringBuilder("<h2>").append(esc(lang.t("被拒绝的行", "Rejected rows")))
        .append(" (").append(job.rejected()).append(")</h2><table id=\"rejections\"><tr><th>")
        .append(esc(lang.t("行号", "Line"))).append("</th><th>")
        .append(esc(lang.t("原因", "Reason"))).append("</th></tr>");
    for (ImportJobRows.Rejection r : rows) {
      b.append("<tr><td>").append(r.line()).append("</td><td>").append(esc(lang.t(r.reasonZh(), r.reason())))
          .append("</td></tr>");
    }
    b.append("</table>");
    if (job.rejected() > rows.size()) {
      b.append("<p class=\"muted\">").append(esc(lang.t(
          "仅显示前 " + rows.size() + " 行；完整列表见 /api/imports/" + job.id() + "?rejections=10000",
          "First " + rows.size() + " shown; more at /api/imports/" + job.id()
              + "?rejections=10000"))).append("</p>");
    }
    return b.toString();
  }

  private static String state(ImportJob.State state, Lang lang) {
    return switch (state) {
      case QUEUED -> "<span class=\"pill\">" + esc(lang.t("排队中", "queued")) + "</span>";
      case RUNNING -> "<span class=\"pill warn\">" + esc(lang.t("导入中", "running")) + "</span>";
      case DONE -> "<span class=\"pill ok\">" + esc(lang.t("完成", "done")) + "</span>";
      case FAILED -> "<span class=\"pill bad\">" + esc(lang.t("失败", "failed")) + "</span>";
      case INTERRUPTED -> "<span class=\"pill bad\">" + esc(lang.t("已中断", "interrupted"))
          + "</span>";
    };
  }
}
