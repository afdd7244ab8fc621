package org.redvest.hub.web.enrolments;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.store.EnrolmentRows;
import org.redvest.hub.store.EnrolmentState;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;

/** {@code GET /api/enrolments?stationId=}: each volunteer's latest enrolment state per station. */
public final class EnrolmentRoutes {
  private EnrolmentRoutes() {}

  public static void register(Javalin app, EnrolmentRows rows) {
    app.get("/api/enrolments", ctx -> list(ctx, rows));
  }

  private static void list(Context ctx, EnrolmentRows rows) {
    String text = ctx.queryParam("stationId");
    Optional<StationId> station = Optional.empty();
    if (text != null && !text.isEmpty()) {
      try {
        station = Optional.of(StationId.of(text));
      } catch (ProtocolException e) {
        ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "stationId: " + e.getMessage(),
            "parameter", "stationId"));
        return;
      }
    }
    ctx.json(rows.latest(station).stream().map(EnrolmentRoutes::json).toList());
  }

  private static Map<String, Object> json(EnrolmentState s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("stationId", s.stationId());
    json.put("volunteerId", s.volunteerId());
    json.put("state", s.state().name());
    json.put("consentId", s.consentId());
    json.put("consentVersion", s.consentVersion());
    json.put("at", s.at());
    json.put("terminalId", s.terminalId());
    json.put("enrolmentSeq", s.enrolmentSeq());
    json.put("receivedAt", s.receivedAt().toString());
    return json;
  }
}
