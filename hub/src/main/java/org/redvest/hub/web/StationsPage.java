package org.redvest.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.store.ChainStatus;
import org.redvest.hub.store.TerminalRef;
import org.redvest.hub.store.TerminalView;
import org.redvest.hub.web.map.BaseMap;
import org.redvest.protocol.StationId;

/**
 * {@code /ui/stations}: each station's terminals (online or not, heartbeat age, queue, camera,
 * alarms, hash chain) and a map: the stations that have coordinates as dots, on the operator's
 * {@link BaseMap} when the hub has one ({@code --map}); refreshes itself every {@value #REFRESH_S}
 * s. Station managers see their own stations only.
 */
public final class StationsPage {
  /** Heartbeats come every 30 s (docs/protocol.md §8): three missed ones mean offline. */
  static final Duration ONLINE_WITHIN = Duration.ofSeconds(90);
  static final int REFRESH_S = 10;
  /**
   * Sent by the page's own refresh, which keeps the regions it has: the answer leaves them out, so
   * a refresh costs the dots and the lists, not the whole map again.
   */
  static final String REFRESH_HEADER = "X-RedVest-Refresh";

  private final Dashboard dashboard;
  private final BaseMap base;

  private StationsPage(Dashboard dashboard, BaseMap base) {
    this.dashboard = dashboard;
    this.base = base;
  }

  /** The page, drawing the stations on {@code base}, or on nothing when it is null. */
  public static void register(Javalin app, Dashboard dashboard, BaseMap base) {
    StationsPage page = new StationsPage(dashboard, base);
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

  /** A station's card: its terminals' rows and how many are online. */
  record Card(String id, String name, List<Row> rows, String tone, String online) {}

  /** A terminal's row, each cell in the page's language. */
  record Row(String terminal, boolean online, String heartbeat, String queued, String oldest,
      String camera, String cameraTone, String cameraDetail, List<Alarm> alarms, String chain,
      String chainTone, String chainDetail) {}

  /** A heartbeat alarm: its code (in the tooltip) and what it means. */
  record Alarm(String code, String text) {}

  private void show(Context ctx) {
    Principal user = Access.principal(ctx);
    Lang lang = Lang.of(ctx);
    List<Station> stations = stations(user);
    // A refresh leaves the regions out: no cache may hand that answer to a full load.
    ctx.header("Cache-Control", "no-store");
    Page.render(ctx, lang, lang.get("stations.title"), "web/stations.jte",
        "map", StationMap.of(lang, stations, base), "regions", ctx.header(REFRESH_HEADER) == null,
        "admin", user.isAdmin(), "cards", stations.stream().map(s -> card(lang, s)).toList(),
        "refreshSeconds", REFRESH_S);
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

  private static Card card(Lang lang, Station s) {
    String tone = s.online() == s.terminals().size() ? "ok" : s.online() == 0 ? "bad" : "warn";
    return new Card(s.id().value(), s.name(), s.terminals().stream().map(t -> row(lang, t)).toList(),
        tone, s.online() + "/" + s.terminals().size() + " " + lang.get("stations.online"));
  }

  private static Row row(Lang lang, Terminal t) {
    TerminalView v = t.view();
    // A replay that has played to its end reports "stopped": said plainly, not as an alarm.
    String cameraTone = v.cameraState() == null ? "" : switch (v.cameraState()) {
      case "ok", "none" -> "";
      case "stopped" -> "muted";
      default -> "bad";
    };
    ChainStatus c = t.chain();
    String chain;
    String chainTone;
    if (c == null || (c.intact() && !c.chained())) {
      chain = lang.get("chain.unchained");
      chainTone = "";
    } else if (!c.intact()) {
      chain = lang.get("chain.broken", c.brokenAtSeq());
      chainTone = "bad";
    } else {
      chain = lang.get("chain.intact", c.verifiedSeq());
      chainTone = "ok";
    }
    return new Row(v.terminal().terminalId().value(), t.online(),
        t.heartbeatAge() == null ? "—" : lang.get("stations.ago", age(lang, t.heartbeatAge())),
        v.queueDepth() == null ? "—" : String.valueOf(v.queueDepth()),
        v.oldestUnackedAgeS() == null ? "—" : age(lang, Duration.ofSeconds(v.oldestUnackedAgeS())),
        v.cameraState() == null ? "—" : cameraState(lang, v.cameraState()), cameraTone,
        // The frame loop's own states are translated; a camera's error text stays as it was sent.
        v.cameraDetail() == null ? null : lang.getOr("camera.detail." + v.cameraDetail(), v.cameraDetail()),
        v.alarms() == null ? List.of() : v.alarms().stream().map(a -> new Alarm(a, alarm(lang, a))).toList(),
        chain, chainTone, c != null && !c.intact() ? c.detail() : null);
  }

  /** A heartbeat's camera state (docs/protocol.md) in the page's language; unknown ones as sent. */
  static String cameraState(Lang lang, String state) {
    return lang.getOr("camera." + state, state);
  }

  /** A heartbeat alarm in the page's language (the code stays in the tooltip). */
  static String alarm(Lang lang, String code) {
    return lang.getOr("alarm." + code, code);
  }

  /** A duration the way people say it: 45 s, 3 min, 2 h 5 min, 3 d. */
  static String age(Lang lang, Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return lang.get("age.seconds", s);
    }
    if (s < 3600) {
      return lang.get("age.minutes", s / 60);
    }
    if (s < 86_400) {
      return lang.get("age.hours", s / 3600, s % 3600 / 60);
    }
    return lang.get("age.days", s / 86_400);
  }
}
