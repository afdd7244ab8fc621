package org.redvest.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.domain.catalogue.VolunteerInfo;
import org.redvest.hub.store.ReceivedEvent;
import org.redvest.protocol.AttendanceEvent;

/**
 * {@code /ui/live}: every committed check-in and check-out as it arrives, newest on top, by
 * server-sent events from {@code /ui/live/stream}; station managers see their stations only.
 */
public final class LivePage {
  private static final Duration PING = Duration.ofSeconds(15);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("time", "volunteer", "name", "station",
      "terminal", "kind", "method");

  private final Dashboard dashboard;
  private final LiveFeed feed;

  private LivePage(Dashboard dashboard, LiveFeed feed) {
    this.dashboard = dashboard;
    this.feed = feed;
  }

  public static void register(Javalin app, Dashboard dashboard, LiveFeed feed) {
    LivePage page = new LivePage(dashboard, feed);
    app.get("/ui/live", ctx -> {
      Principal user = Access.principal(ctx);
      Lang lang = Lang.of(ctx);
      Page.render(ctx, lang, lang.get("live.title"), "web/live.jte", "scope", page.scope(lang, user),
          "keep", LiveFeed.KEEP, "fields", FIELDS,
          "rows", page.feed.recent(user::canSee).stream().map(e -> page.row(lang, e)).toList());
    });
    app.sse("/ui/live/stream", page::stream);
  }

  /**
   * Holds the stream's (async) thread until the browser goes away or the hub stops: the pings
   * every {@code PING} find a closed connection, and {@link LiveFeed#close} wakes it on shutdown.
   */
  private void stream(SseClient client) {
    Principal user = Access.principal(client.ctx());
    Lang lang = Lang.of(client.ctx());
    try (LiveFeed.Subscription subscription = feed.subscribe(user::canSee)) {
      client.sendComment("connected");
      while (!client.terminated() && subscription.isOpen()) {
        Optional<ReceivedEvent> event = subscription.next(PING);
        if (event.isPresent()) {
          client.sendEvent("event", json(row(lang, event.get())));
        } else {
          client.sendComment("ping");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String json(Map<String, String> row) {
    try {
      return JSON.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  /** Which stations the viewer sees. */
  private String scope(Lang lang, Principal user) {
    return user.isAdmin() ? lang.get("live.allStations") : lang.get("live.stations", String.join(", ",
        user.stations().stream().map(s -> stationName(s.value())).sorted().toList()));
  }

  /** One feed row as plain values, in the viewer's language. */
  Map<String, String> row(Lang lang, ReceivedEvent received) {
    AttendanceEvent e = received.event();
    Map<String, String> row = new LinkedHashMap<>();
    row.put("time", TIME.format(e.occurredAt().atZoneSameInstant(dashboard.zone())));
    row.put("volunteer", e.volunteerId().value());
    row.put("name", dashboard.catalogue().volunteer(e.volunteerId()).map(VolunteerInfo::name)
        .orElse("—"));
    row.put("station", stationName(e.stationId().value()));
    row.put("terminal", e.terminalId().value());
    row.put("kind", lang.get("kind." + e.kind().name()));
    row.put("method", lang.get("method." + e.method().name()));
    return row;
  }

  private String stationName(String id) {
    return dashboard.catalogue().station(org.redvest.protocol.StationId.of(id))
        .map(StationInfo::name).filter(n -> !n.isBlank()).map(n -> n + " (" + id + ")").orElse(id);
  }
}
