package org.redvest.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.catalogue.StationInfo;
import org.redvest.hub.catalogue.VolunteerInfo;
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
  private static final String[] FIELDS = {"time", "volunteer", "name", "station", "terminal",
      "kind", "method"};

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
      Page.render(ctx, lang, lang.t("实时签到", "Live check-ins"), page.body(lang, user));
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

  private String body(Lang lang, Principal user) {
    StringBuilder rows = new StringBuilder();
    for (ReceivedEvent e : feed.recent(user::canSee)) {
      rows.append("<tr>");
      for (String field : FIELDS) {
        rows.append("<td>").append(Html.esc(row(lang, e).get(field))).append("</td>");
      }
      rows.append("</tr>");
    }
    String scope = user.isAdmin() ? lang.t("全部站点", "all stations")
        : lang.t("站点：", "stations: ") + String.join(", ",
            user.stations().stream().map(s -> stationName(s.value())).sorted().toList());
    return "<p class=\"muted\"><span id=\"feed-state\" class=\"pill warn\">"
        + lang.t("连接中…", "connecting…") + "</span> " + Html.esc(scope) + " · "
        + lang.t("显示最近 " + LiveFeed.KEEP + " 条，无需刷新", "last " + LiveFeed.KEEP
        + " shown, no reload needed") + "</p>"
        + "<table id=\"feed\"><thead><tr><th>" + lang.t("时间", "Time") + "</th><th>"
        + lang.t("志愿者编号", "Volunteer") + "</th><th>" + lang.t("姓名", "Name") + "</th><th>"
        + lang.t("站点", "Station") + "</th><th>" + lang.t("终端", "Terminal") + "</th><th>"
        + lang.t("类型", "Kind") + "</th><th>" + lang.t("方式", "Method") + "</th></tr></thead>"
        + "<tbody>" + rows + "</tbody></table>"
        + "<p id=\"feed-empty\" class=\"muted\"" + (rows.isEmpty() ? "" : " hidden") + ">"
        + lang.t("自本次启动以来尚无签到。", "No check-ins since the hub started.") + "</p>"
        + script(lang);
  }

  private static String script(Lang lang) {
    return "<script>(function(){var F=" + jsArray() + ",K=" + LiveFeed.KEEP + ";"
        + "var tb=document.querySelector('#feed tbody'),st=document.getElementById('feed-state');"
        + "function state(ok){st.textContent=ok?'" + lang.t("已连接", "connected") + "':'"
        + lang.t("重新连接中…", "reconnecting…") + "';st.className='pill '+(ok?'ok':'warn');}"
        + "function open(){var es=new EventSource('/ui/live/stream');"
        + "es.onopen=function(){state(true);};"
        + "es.onerror=function(){state(false);if(es.readyState===2){setTimeout(open,5000);}};"
        + "es.addEventListener('event',function(m){var d=JSON.parse(m.data),tr=document.createElement('tr');"
        + "tr.className='fresh';F.forEach(function(f){var td=document.createElement('td');"
        + "td.textContent=d[f]==null?'':d[f];tr.appendChild(td);});tb.insertBefore(tr,tb.firstChild);"
        + "while(tb.rows.length>K){tb.deleteRow(-1);}"
        + "document.getElementById('feed-empty').hidden=true;});}open();})();</script>"
        + "<style>tr.fresh td{animation:fresh 3s}@keyframes fresh{from{background:#fff1d6}"
        + "to{background:#fff}}</style>";
  }

  private static String jsArray() {
    StringBuilder out = new StringBuilder("[");
    for (String f : FIELDS) {
      out.append(out.length() > 1 ? "," : "").append('\'').append(f).append('\'');
    }
    return out.append(']').toString();
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
    row.put("kind", switch (e.kind()) {
      case CHECK_IN -> lang.t("签到", "check-in");
      case CHECK_OUT -> lang.t("签退", "check-out");
    });
    row.put("method", switch (e.method()) {
      case QR -> lang.t("二维码", "QR");
      case FACE -> lang.t("人脸", "face");
      case QR_FACE -> lang.t("二维码+人脸", "QR + face");
      case MANUAL -> lang.t("人工", "manual");
    });
    return row;
  }

  private String stationName(String id) {
    return dashboard.catalogue().station(org.redvest.protocol.StationId.of(id))
        .map(StationInfo::name).filter(n -> !n.isBlank()).map(n -> n + " (" + id + ")").orElse(id);
  }
}
