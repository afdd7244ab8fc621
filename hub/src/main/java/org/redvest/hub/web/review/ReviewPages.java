package org.redvest.hub.web.review;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.Catalogue;
import org.redvest.hub.domain.corrections.CorrectedSession;
import org.redvest.hub.domain.corrections.Correction;
import org.redvest.hub.domain.corrections.CorrectionException;
import org.redvest.hub.domain.corrections.CorrectionRequest;
import org.redvest.hub.domain.corrections.Corrections;
import org.redvest.hub.domain.corrections.SessionKey;
import org.redvest.hub.domain.review.ReviewItem;
import org.redvest.hub.domain.review.ReviewQueue;
import org.redvest.hub.hours.Approval;
import org.redvest.hub.store.Anomaly;
import org.redvest.hub.store.AnomalyRows;
import org.redvest.hub.store.DayApprovals;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.hub.web.corrections.SessionText;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * The review queue: {@code /ui/review} and {@code GET /api/review}, with the actions accept as
 * counted ({@code POST /api/review/accept}), correct (a prefilled correction form) and reject
 * ({@code POST /api/review/void}: a VOID_SESSION correction request). Each action is audited. The
 * page's rows are worked out here and laid out by the template {@code web/review/queue.jte}.
 */
public final class ReviewPages {
  /** A name with its id below it, or an id ({@code id} null), or "–" for none. */
  record Named(String name, String id) {}

  /**
   * One item of the queue as the page shows it: its reasons in words; for a session its status
   * and minutes ({@code session} is its key), for an anomaly the store's English sentence; for a
   * day over a daily cap the day to approve, and whether only a hub admin may.
   */
  record Row(String key, String when, Named volunteer, Named station, List<String> reasons,
      String status, String detail, String day, boolean needsAdmin, Long pendingCorrectionId,
      String session) {

    /** A session without an open correction request may be voided or corrected here. */
    boolean correctable() {
      return session != null && pendingCorrectionId == null;
    }
  }

  private final ReviewQueue queue;
  private final Corrections corrections;
  private final DayApprovals approvals;
  private final Catalogue catalogue;

  private ReviewPages(ReviewQueue queue, Corrections corrections, DayApprovals approvals, Catalogue catalogue) {
    this.queue = queue;
    this.corrections = corrections;
    this.approvals = approvals;
    this.catalogue = catalogue;
  }

  /**
   * Registers the queue; accepting a day over a daily cap grants its approval in {@code approvals}
   * (a station manager grants ORGANISATION, a day over the higher cap needs a hub admin).
   */
  public static void register(Javalin app, Dashboard dashboard, Corrections corrections, DayApprovals approvals) {
    AnomalyRows.Rules rules = AnomalyRows.Rules.of(dashboard.evidence(), dashboard.zone())
        .withApproved(approvals);
    ReviewQueue queue = new ReviewQueue(dashboard.reports(),
        new AnomalyRows(dashboard.database()), rules, corrections, dashboard.clock());
    new ReviewPages(queue, corrections, approvals, dashboard.catalogue()).routing(app);
  }

  private void routing(Javalin app) {
    app.get("/api/review", ctx -> ctx.json(queue.items(Access.principal(ctx))));
    app.post("/api/review/accept", ctx -> {
      Map<String, String> f = jsonFields(ctx);
      accept(Access.principal(ctx), f.get("item"), f.get("reason"));
      ctx.json(Map.of("item", f.get("item"), "decision", "ACCEPTED"));
    });
    app.post("/api/review/void", ctx -> {
      Map<String, String> f = jsonFields(ctx);
      Correction c = voidRequest(Access.principal(ctx), f.get("item"), f.get("reason"));
      ctx.status(201).json(Map.of("item", f.get("item"), "correctionId", c.id(), "state", c.state().name()));
    });
    app.get("/ui/review", this::page);
    app.post("/ui/review/accept", ctx -> {
      accept(Access.principal(ctx), ctx.formParam("item"), ctx.formParam("reason"));
      ctx.redirect("/ui/review?accepted=1", HttpStatus.SEE_OTHER);
    });
    app.post("/ui/review/void", ctx -> {
      Correction c = voidRequest(Access.principal(ctx), ctx.formParam("item"), ctx.formParam("reason"));
      ctx.redirect("/ui/corrections/" + c.id(), HttpStatus.SEE_OTHER);
    });
  }

  private void accept(Principal who, String item, String reason) {
    ReviewItem found = inQueue(who, item);
    CorrectedSession session = found.session() == null ? null : session(found);
    StationId station = found.stationId() == null ? null : StationId.of(found.stationId());
    if (found.day() == null) {
      corrections.acceptReview(who, found.key(), session, station, found.volunteerId(), reason);
      return;
    }
    // A day over a daily cap: accepting it is the approval its pending minutes wait for.
    Approval level = found.reasons().contains(Anomaly.Kind.OVER_HIGHER_CAP.name()) ? Approval.HIGHER
        : Approval.ORGANISATION;
    if (level == Approval.HIGHER && !who.isAdmin()) {
      throw new CorrectionException(403, "item", "a day over the higher daily cap needs a hub admin's approval");
    }
    VolunteerId volunteer = VolunteerId.of(found.volunteerId());
    // decided per day and level: a key accepted before approvals existed does not block it
    String decision = "day:" + volunteer.value() + ":" + found.day() + ":" + level;
    corrections.acceptReview(who, found.key(), decision, null, station, found.volunteerId(), reason,
        (c, why) -> approvals.write(c, volunteer, found.day(), level, who.username(), why));
    approvals.remember(volunteer, found.day(), level);
  }

  private Correction voidRequest(Principal who, String item, String reason) {
    ReviewItem found = inQueue(who, item);
    if (found.session() == null) {
      throw new CorrectionException(400, "item", "an anomaly cannot be voided: correct or void its sessions");
    }
    Map<String, String> fields = new HashMap<>();
    fields.put("kind", "VOID_SESSION");
    fields.put("session", found.session());
    fields.put("volunteerId", found.volunteerId());
    fields.put("reason", reason);
    return corrections.request(who, CorrectionRequest.parse(fields, corrections.zone()));
  }

  private ReviewItem inQueue(Principal who, String item) {
    if (item == null || item.isBlank()) {
      throw new CorrectionException(400, "item", "is required");
    }
    boolean overCap = item.startsWith("anomaly:" + Anomaly.Kind.OVER_DAILY_CAP + ":")
        || item.startsWith("anomaly:" + Anomaly.Kind.OVER_HIGHER_CAP + ":");
    if (!overCap && corrections.decidedReviewItems().contains(item)) {
      throw new CorrectionException(409, "item", item + " was already decided");
    }
    return queue.find(who, item).orElseThrow(() -> new CorrectionException(404, "item",
        item + " is not in your review queue"));
  }

  private CorrectedSession session(ReviewItem item) {
    SessionKey key = SessionKey.parse(item.session());
    return corrections.target(corrections.volunteerOf(key), key);
  }

  private void page(Context ctx) {
    Principal who = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    List<ReviewItem> items = queue.items(who);
    // one catalogue look-up per volunteer and station on the page, not per row
    Map<String, Named> names = new HashMap<>();
    List<Row> rows = items.stream().map(i -> {
      // ids in the queue come from stored events, which were validated at ingest
      Named volunteer = names.computeIfAbsent("v:" + i.volunteerId(), k -> named(i.volunteerId(),
          id -> catalogue.volunteer(VolunteerId.of(id)).map(v -> v.name())));
      Named station = names.computeIfAbsent("s:" + i.stationId(), k -> named(i.stationId(),
          id -> catalogue.station(StationId.of(id)).map(st -> st.name())));
      return row(lang, i, volunteer, station, who.isAdmin());
    }).toList();
    Page.render(ctx, lang, lang.get("review.title", items.size()), "web/review/queue.jte",
        "accepted", ctx.queryParam("accepted") != null, "rows", rows,
        // The anomaly's sentence comes from the store in English; Chinese pages fold it away.
        "foldDetails", lang != Lang.EN);
  }

  private Row row(Lang lang, ReviewItem i, Named volunteer, Named station, boolean admin) {
    return new Row(i.key(), SessionText.time(i.at().atOffset(ZoneOffset.UTC), corrections.zone()),
        volunteer, station, i.reasons().stream().map(r -> lang.getOr("review.reason." + r, r)).toList(),
        i.type() == ReviewItem.Type.SESSION
            ? SessionText.status(lang, i.status()) + " · " + SessionText.minutes(lang, i.minutes()) : null,
        i.detail(), i.day() == null ? null : i.day().toString(),
        i.day() != null && i.reasons().contains(Anomaly.Kind.OVER_HIGHER_CAP.name()) && !admin,
        i.pendingCorrectionId(), i.session());
  }

  /** The catalogue's name for {@code id} above the id, or the id alone ("–" for none). */
  private static Named named(String id, Function<String, Optional<String>> name) {
    if (id == null) {
      return new Named("–", null);
    }
    String found = name.apply(id).filter(n -> !n.isBlank()).orElse(null);
    return found == null ? new Named(id, null) : new Named(found, id);
  }

  private static Map<String, String> jsonFields(Context ctx) {
    Map<String, String> fields = new HashMap<>();
    if (ctx.body().isBlank()) {
      return fields;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ctx.body());
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CorrectionException(400, "body", "is not valid JSON");
    }
    return fields;
  }
}
