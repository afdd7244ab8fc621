package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.redvest.hub.catalogue.StationInfo;
import org.redvest.hub.store.ChainStatus;
import org.redvest.hub.store.TerminalRef;
import org.redvest.hub.store.TerminalView;
import org.redvest.protocol.StationId;

/**
 * {@code /ui/stations}: each station's terminals (online or not, heartbeat age, queue, camera,
 * alarms, hash chain) and, where the catalogue has coordinates, a map; refreshes itself every
 * {@value #REFRESH_S} s. Station managers see their own stations only.
 */
public final class StationsPage {
  /** Heartbeats come every 30 s (docs/protocol.md §8): three missed ones mean offline. */
  static final Duration ONLINE_WITHIN = Duration.ofSeconds(90);
  static final int REFRESH_S = 10;

  private final Dashboard dashboard;

  private StationsPage(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  public static void register(Javalin app, Dashboard dashboard) {
    StationsPage page = new StationsPage(dashboard);
    app.get("/ui/stations", page::show);
  }

  /** A station as the page shows it. */
  record Station(StationId id, String name, StationInfo info, List<Terminal> terminals) {
    long online() {
      return terminals.stream().filter(Terminal::online).count();
    }
  }

  /** A terminal as the page shows it. */
  record Terminal(TerminalView view, ChainStatus chain, boolean online, Duration heartbeatAge) {}

  private void show(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    List<Station> stations = stations(user);
    StringBuilder body = new StringBuilder("<div id=\"stations-body\">");
    body.append(StationMap.svg(lang, stations));
    if (stations.isEmpty()) {
      body.append("<p class=\"muted\">").append(lang.t("尚未收到任何终端的消息。",
          "No terminal has reported yet.")).append("</p>");
    }
    for (Station s : stations) {
      body.append(card(lang, s));
    }
    body.append("<p class=\"muted\">").append(lang.t("每 " + REFRESH_S + " 秒自动刷新",
        "Refreshes every " + REFRESH_S + " s")).append("</p></div>").append(refreshScript());
    Page.render(ctx, lang, lang.t("站点与终端", "Stations and terminals"), body.toString());
  }

  List<Station> stations(Principal user) {
    Instant now = dashboard.clock().instant();
    Map<TerminalRef, ChainStatus> chains = dashboard.reports().chains();
    Map<String, List<Terminal>> byStation = new TreeMap<>();
    for (TerminalView t : dashboard.reports().terminals()) {
      if (!user.canSee(t.terminal().stationId())) {
        continue;
      }
      byStation.computeIfAbsent(t.terminal().stationId().value(), k -> new ArrayList<>())
          .add(terminal(t, chains.get(t.terminal()), now));
    }
    for (StationInfo info : dashboard.catalogue().stations()) {
      if (user.canSee(info.id())) {
        byStation.computeIfAbsent(info.id().value(), k -> new ArrayList<>());
      }
    }
    user.stations().forEach(s -> byStation.computeIfAbsent(s.value(), k -> new ArrayList<>()));
    List<Station> stations = new ArrayList<>();
    byStation.forEach((id, terminals) -> {
      StationId station = StationId.of(id);
      StationInfo info = dashboard.catalogue().station(station).orElse(null);
      String name = info == null || info.name() == null || info.name().isBlank() ? id : info.name();
      stations.add(new Station(station, name, info, terminals));
    });
    return stations;
  }

  private static Terminal terminal(TerminalView t, ChainStatus chain, Instant now) {
    Instant seen = latest(t.heartbeatReceivedAt(), t.statusReceivedAt());
    boolean online = !"offline".equals(t.state()) && seen != null
        && Duration.between(seen, now).compareTo(ONLINE_WITHIN) <= 0;
    Duration age = t.heartbeatReceivedAt() == null ? null
        : Duration.between(t.heartbeatReceivedAt(), now);
    return new Terminal(t, chain, online, age);
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static String card(Lang lang, Station s) {
    StringBuilder out = new StringBuilder("<div class=\"card station\" data-station=\"")
        .append(Html.esc(s.id().value())).append("\"><h2>").append(Html.esc(s.name()));
    if (!s.name().equals(s.id().value())) {
      out.append(" <span class=\"muted\">").append(Html.esc(s.id().value())).append("</span>");
    }
    if (s.terminals().isEmpty()) {
      out.append(" <span class=\"pill\">").append(lang.t("无终端", "no terminals")).append("</span></h2>");
    } else {
      out.append(" <span class=\"pill ").append(s.online() == s.terminals().size() ? "ok"
          : s.online() == 0 ? "bad" : "warn")
          .append("\">").append(s.online()).append('/')
          .append(s.terminals().size()).append(' ').append(lang.t("在线", "online"))
          .append("</span></h2>");
    }
    if (s.terminals().isEmpty()) {
      return out.append("<p class=\"muted\">").append(lang.t("尚未收到此站点终端的消息。",
          "No terminal of this station has reported yet.")).append("</p></div>").toString();
    }
    out.append("<table><thead><tr><th>").append(lang.t("终端", "Terminal")).append("</th><th>")
        .append(lang.t("状态", "State")).append("</th><th>").append(lang.t("上次心跳", "Last heartbeat"))
        .append("</th><th>").append(lang.t("待上传", "Queued")).append("</th><th>")
        .append(lang.t("最早未确认", "Oldest unacked")).append("</th><th>")
        .append(lang.t("摄像头", "Camera")).append("</th><th>").append(lang.t("告警", "Alarms"))
        .append("</th><th>").append(lang.t("哈希链", "Hash chain")).append("</th></tr></thead><tbody>");
    for (Terminal t : s.terminals()) {
      out.append(row(lang, t));
    }
    return out.append("</tbody></table></div>").toString();
  }

  private static String row(Lang lang, Terminal t) {
    TerminalView v = t.view();
    String camera = v.cameraState() == null ? "—" : cameraState(lang, v.cameraState());
    boolean cameraOk = v.cameraState() == null || "ok".equals(v.cameraState())
        || "none".equals(v.cameraState());
    return "<tr class=\"terminal\"><td>" + Html.esc(v.terminal().terminalId().value()) + "</td><td>"
        + (t.online() ? "<span class=\"pill ok\">" + lang.t("在线", "online")
            : "<span class=\"pill bad\">" + lang.t("离线", "offline")) + "</span></td><td>"
        + (t.heartbeatAge() == null ? "—" : Html.esc(age(lang, t.heartbeatAge())
            + lang.t("前", " ago"))) + "</td><td>"
        + (v.queueDepth() == null ? "—" : v.queueDepth()) + "</td><td>"
        + (v.oldestUnackedAgeS() == null ? "—" : Html.esc(age(lang,
            Duration.ofSeconds(v.oldestUnackedAgeS())))) + "</td><td class=\""
        + (cameraOk ? "" : "bad") + "\">" + Html.esc(camera)
        + (v.cameraDetail() == null ? "" : " <span class=\"muted\">" + Html.esc(v.cameraDetail())
            + "</span>") + "</td><td>" + alarms(lang, v.alarms()) + "</td><td>" + chain(lang, t.chain())
        + "</td></tr>";
  }

  private static String alarms(Lang lang, List<String> alarms) {
    if (alarms == null || alarms.isEmpty()) {
      return "—";
    }
    StringBuilder out = new StringBuilder();
    alarms.forEach(a -> out.append("<span class=\"pill bad\" title=\"").append(Html.esc(a)).append("\">")
        .append(Html.esc(alarm(lang, a))).append("</span> "));
    return out.toString();
  }

  /** A heartbeat's camera state (docs/protocol.md) in the page's language; unknown ones as sent. */
  static String cameraState(Lang lang, String state) {
    return switch (state) {
      case "ok" -> lang.t("正常", "ok");
      case "degraded" -> lang.t("降级", "degraded");
      case "failed" -> lang.t("故障", "failed");
      case "stopped" -> lang.t("已停止", "stopped");
      case "none" -> lang.t("无摄像头", "none");
      default -> state;
    };
  }

  /** A heartbeat alarm in the page's language (the code stays in the tooltip). */
  static String alarm(Lang lang, String code) {
    return switch (code) {
      case "STORAGE_FULL" -> lang.t("存储已满", "storage full");
      default -> code;
    };
  }

  private static String chain(Lang lang, ChainStatus c) {
    if (c == null || (c.intact() && !c.chained())) {
      return "<span class=\"pill\">" + lang.t("未启用", "unchained") + "</span>";
    }
    if (!c.intact()) {
      return "<span class=\"pill bad\" title=\"" + Html.esc(c.detail()) + "\">"
          + lang.t("断裂于 #", "broken at #") + c.brokenAtSeq() + "</span>";
    }
    return "<span class=\"pill ok\">" + lang.t("完好至 #", "intact to #") + c.verifiedSeq()
        + "</span>";
  }

  /** A duration the way people say it: 45 s, 3 min, 2 h 5 min, 3 d. */
  static String age(Lang lang, Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + lang.t(" 秒", " s");
    }
    if (s < 3600) {
      return s / 60 + lang.t(" 分钟", " min");
    }
    if (s < 86_400) {
      return s / 3600 + lang.t(" 小时 ", " h ") + s % 3600 / 60 + lang.t(" 分钟", " min");
    }
    return s / 86_400 + lang.t(" 天", " d");
  }

  /** Replaces the page body with a fresh copy every few seconds, without a visible reload. */
  private static String refreshScript() {
    return "<script>setInterval(function(){fetch(location.href,{credentials:'same-origin'})"
        + ".then(function(r){if(r.redirected||!r.ok){location.reload();return null;}return r.text();})"
        + ".then(function(t){if(!t)return;var d=new DOMParser().parseFromString(t,'text/html')"
        + ".getElementById('stations-body');if(d){document.getElementById('stations-body')"
        + ".replaceWith(d);}}).catch(function(){});}," + REFRESH_S * 1000 + ");</script>";
  }
}
