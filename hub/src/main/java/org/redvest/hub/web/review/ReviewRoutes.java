package org.redvest.hub.web.review;

import io.javalin.Javalin;
import java.util.Map;
import org.redvest.hub.store.AnomalyRows;

/** {@code GET /api/anomalies?limit=}: anomalies for review, see docs/credentials.md. */
public final class ReviewRoutes {
  private ReviewRoutes() {}

  public static void register(Javalin app, AnomalyRows anomalies, AnomalyRows.Rules rules) {
    app.get("/api/anomalies", ctx -> {
      String text = ctx.queryParam("limit");
      int limit;
      try {
        limit = text == null || text.isEmpty() ? 100 : Integer.parseInt(text);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 1000) {
        ctx.status(400).json(Map.of("error", "limit: must be an integer from 1 to 1000, was \"" + text + "\"",
            "parameter", "limit"));
        return;
      }
      ctx.json(anomalies.find(rules, limit));
    });
  }
}
