package org.redvest.hub.fleet;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.redvest.hub.credentials.QrImage;
import org.redvest.hub.store.TerminalView;
import org.redvest.hub.web.Access;
import org.redvest.hub.web.Html;
import org.redvest.hub.web.Lang;
import org.redvest.hub.web.Page;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * {@code /ui/fleet} (hub admins): every terminal bound to a key, with its fingerprint, when and by
 * whom it was provisioned, when it last reported, and a revoke button (refuse, or hold late events
 * for review); the events held from revoked terminals, to release or discard; a form that issues a
 * one-time claim code; and the refusals counted at the broker and at ingest (docs/security.md).
 */
public final class FleetPage {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Fleet fleet;
  private final Holds holds;
  private final ZoneId zone;
  private final Supplier<Iterable<TerminalView>> reported;
  private final Supplier<MosquittoStatus> mosquitto;

  private FleetPage(Fleet fleet, Holds holds, ZoneId zone,
      Supplier<Iterable<TerminalView>> reported, Supplier<MosquittoStatus> mosquitto) {
    this.fleet = fleet;
    this.holds = holds;
    this.zone = zone;
    this.reported = reported;
    this.mosquitto = mosquitto;
  }

  /**
   * {@code reported}: the terminals' last reports, for "last seen"; {@code mosquitto}: the state of
   * an external Mosquitto's hub-written files, or null when the hub writes none.
   */
  public static void register(Javalin app, Fleet fleet, Holds holds, ZoneId zone,
      Supplier<Iterable<TerminalView>> reported, Supplier<MosquittoStatus> mosquitto) {
    FleetPage page = new FleetPage(fleet, holds, zone, reported, mosquitto);
    app.get("/ui/fleet", ctx -> page.show(ctx, null, null, null));
    app.post("/ui/fleet/claims", page::claim);
    app.post("/ui/fleet/{stationId}/{terminalId}/revoke", page::revoke);
    app.post("/ui/fleet/{stationId}/{terminalId}/request-rotation", ctx -> page.act(ctx, by -> {
      fleet.requestRotation(FleetRoutes.account(ctx), by);
      return Lang.of(ctx).t("已请终端更换密钥（它在线时立即更换，否则下次连接时）：",
          "Asked the terminal to rotate its key (now if it is online, else when it next connects): ")
          + FleetRoutes.account(ctx).username();
    }));
    app.post("/ui/fleet/{stationId}/{terminalId}/end-hold", ctx -> page.act(ctx, by -> {
      fleet.endHold(FleetRoutes.account(ctx), by);
      return Lang.of(ctx).t("已结束暂扣，终端从此被拒绝：", "Hold ended, the terminal is refused from now on: ")
          + FleetRoutes.account(ctx).username();
    }));
    app.post("/ui/fleet/{stationId}/{terminalId}/release-held", ctx -> page.act(ctx, by ->
        Lang.of(ctx).t("已放行并计入（待审核）：", "Released and counted (for review): ")
            + holds.releaseAll(FleetRoutes.account(ctx), by).size()));
    app.post("/ui/fleet/held/{id}/release", ctx -> page.act(ctx, by ->
        Lang.of(ctx).t("已放行并计入（待审核）：", "Released and counted (for review): ")
            + holds.release(HoldRoutes.id(ctx), by).eventId()));
    app.post("/ui/fleet/held/{id}/discard", ctx -> page.act(ctx, by ->
        Lang.of(ctx).t("已丢弃：", "Discarded: ") + holds.discard(HoldRoutes.id(ctx), by).eventId()));
  }

  /** Runs an admin's action and shows the page with what it did, or why not (400). */
  private void act(Context ctx, java.util.function.Function<String, String> action) {
    String by = Access.requireAdmin(ctx).username();
    try {
      show(ctx, action.apply(by), null, null);
    } catch (FleetException e) {
      ctx.status(e.status() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST);
      show(ctx, null, null, e.getMessage());
    }
  }

  private void claim(Context ctx) {
    String by = Access.requireAdmin(ctx).username();
    Lang lang = Lang.of(ctx);
    try {
      TerminalAccount account = TerminalAccount.of(String.valueOf(ctx.formParam("stationId")).strip(),
          String.valueOf(ctx.formParam("terminalId")).strip());
      long hours = Long.parseLong(String.valueOf(ctx.formParam("hours")).strip());
      String hubText = ctx.formParam("hub");
      java.net.URI hub = hubText == null || hubText.isBlank() ? null : java.net.URI.create(hubText.strip());
      if (hub != null) {
        Fleet.checkJoinHub(hub);
      }
      ClaimCode claim = fleet.createClaim(account, by, Duration.ofHours(hours));
      Issued issued = new Issued(claim, hub, hub == null ? null : fleet.joinCode(claim, hub));
      show(ctx, lang.t("终端 " + account.username() + " 的一次性认领码（只显示这一次，"
          + TIME.format(claim.expiresAt().atZone(zone)) + " 前有效）：",
          "One-time claim code for " + account.username() + " (shown this once, valid until "
          + TIME.format(claim.expiresAt().atZone(zone)) + "):"), issued, null);
    } catch (ProtocolException | IllegalArgumentException | FleetException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, null, null, e.getMessage());
    }
  }

  /** A claim just issued, with its join code when the admin gave the hub's address. */
  private record Issued(ClaimCode claim, java.net.URI hub, String joinCode) {}

  private void revoke(Context ctx) {
    String by = Access.requireAdmin(ctx).username();
    Lang lang = Lang.of(ctx);
    try {
      TerminalAccount account = TerminalAccount.of(ctx.pathParam("stationId"), ctx.pathParam("terminalId"));
      String mode = ctx.formParam("mode");
      boolean hold = FleetRoutes.holds(mode == null ? "refuse" : mode);
      fleet.revoke(account, by, hold);
      show(ctx, lang.t("已吊销终端 ", "Revoked terminal ") + account.username() + (hold ? lang.t(
          "；之后收到的事件暂扣待审核", "; events received from now on are held for review") : ""), null, null);
    } catch (ProtocolException | FleetException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, null, null, e.getMessage());
    }
  }

  private void show(Context ctx, String notice, Issued issued, String error) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    StringBuilder body = new StringBuilder();
    if (notice != null) {
      body.append("<p class=\"notice\" id=\"fleet-notice\">").append(Html.esc(notice));
      if (issued != null) {
        body.append(" <code id=\"claim-code\" style=\"font-size:20px\">").append(Html.esc(issued.claim().code()))
            .append("</code>");
      }
      body.append("</p>");
      if (issued != null && issued.joinCode() != null) {
        joinCode(lang, body, issued);
      }
    }
    if (error != null) {
      body.append("<p class=\"error\" id=\"fleet-error\">").append(Html.esc(error)).append("</p>");
    }
    listeners(lang, body);
    mosquittoStatus(lang, body);
    terminals(lang, body);
    HeldSection.append(lang, body, holds.list(java.util.Optional.empty()), zone);
    claimForm(lang, body, defaultHub(ctx));
    refusals(lang, body);
    Page.render(ctx, lang, lang.t("终端与安全", "Fleet and security"), body.toString());
  }

  /** How terminals reach the hub, and a warning when logins can cross the network in clear. */
  private void listeners(Lang lang, StringBuilder body) {
    FleetTransport t = fleet.transport();
    if (t.plainExposed()) {
      body.append("<p class=\"error\" id=\"plain-mqtt-warning\">").append(Html.esc(lang.t(
          "不安全：明文 MQTT 在 " + t.plainMqtt() + " 上对外开放（insecure-plain-mqtt），终端的登录和事件以明文经过网络。",
          "Insecure: plain MQTT is served on " + t.plainMqtt() + " (insecure-plain-mqtt): terminals'"
              + " logins and events cross the network in clear text."))).append("</p>");
    }
    if (t.plainHttpExposed() != null) {
      body.append("<p class=\"error\" id=\"plain-http-warning\">").append(Html.esc(lang.t(
          "不安全：明文 HTTP 在 " + t.plainHttpExposed() + " 上对外开放（insecure-plain-http），登录密码、API 令牌和认领应答以明文经过网络。",
          "Insecure: plain HTTP is served on " + t.plainHttpExposed() + " (insecure-plain-http):"
              + " sign-ins, API tokens and claim answers cross the network in clear text.")))
          .append("</p>");
    }
    body.append("<p class=\"muted\" id=\"fleet-listeners\">");
    if (t.pin() == null) {
      body.append(Html.esc(lang.t("本中心未启用 TLS。", "This hub serves no TLS.")));
    } else {
      body.append(Html.esc(lang.t("终端经 TLS 接入", "Terminals connect over TLS"))).append(": MQTT ")
          .append(t.mqttTlsPort() > 0 ? t.mqttTlsPort() : "—").append(" · HTTPS ")
          .append(t.httpsPort() > 0 ? t.httpsPort() : "—").append(" · ")
          .append(Html.esc(lang.t("TLS 密钥指纹", "TLS key pin"))).append(" <code id=\"tls-pin\">")
          .append(Html.esc(t.pin().toString())).append("</code>");
      if (t.plainMqtt() != null && !t.plainExposed()) {
        body.append(" · ").append(Html.esc(lang.t("明文 MQTT 仅限本机 ", "plain MQTT on this machine only: ")
            + t.plainMqtt()));
      }
    }
    body.append("</p>");
  }

  /** A failed reload means a revoked kiosk may still be let in: shown as an error. */
  private void mosquittoStatus(Lang lang, StringBuilder body) {
    if (mosquitto == null) {
      return;
    }
    MosquittoStatus s = mosquitto.get();
    boolean failed = s.reload() == MosquittoStatus.Reload.FAILED;
    body.append("<p class=\"").append(failed ? "error" : "notice").append("\" id=\"mosquitto\">")
        .append(Html.esc(lang.t("Mosquitto 安全文件（", "Mosquitto security files (")
            + s.dir() + lang.t("）：写入于 ", "): written ") + s.writtenAt() + lang.t("，",
            ", ") + s.terminals() + lang.t(" 个终端；重新加载 ", " terminals; reload ")
            + s.reload() + " " + s.detail()));
    if (!s.unlisted().isEmpty()) {
      body.append(Html.esc(lang.t("。未列入（需重新认领）：", ". Left out until claimed again: ")
          + String.join(", ", s.unlisted())));
    }
    body.append("</p>");
  }

  private void terminals(Lang lang, StringBuilder body) {
    Map<String, Instant> lastSeen = new HashMap<>();
    Map<String, TerminalView> views = new HashMap<>();
    for (TerminalView v : reported.get()) {
      String user = v.terminal().stationId() + "/" + v.terminal().terminalId();
      views.put(user, v);
      Instant seen = v.heartbeatReceivedAt() != null ? v.heartbeatReceivedAt() : v.statusReceivedAt();
      if (seen != null) {
        lastSeen.put(user, seen);
      }
    }
    body.append("<table id=\"fleet\"><thead><tr><th>").append(lang.t("站点", "Station")).append("</th><th>")
        .append(lang.t("终端", "Terminal")).append("</th><th>").append(lang.t("密钥指纹", "Key fingerprint"))
        .append("</th><th>").append(lang.t("接入于", "Provisioned")).append("</th><th>")
        .append(lang.t("最近上报", "Last seen")).append("</th><th>").append(lang.t("状态", "State"))
        .append("</th><th></th></tr></thead><tbody>");
    if (fleet.terminals().isEmpty()) {
      body.append("<tr><td colspan=\"7\" class=\"muted\">").append(lang.t(
          "还没有终端接入。在下方生成认领码，安装时交给终端：在其站长页输入或扫描入网二维码，或以 --claim 启动。",
          "No terminal has joined yet. Issue a claim code below and give it to the kiosk: typed or scanned"
          + " as a join code on its manager screen, or with --claim."))
          .append("</td></tr>");
    }
    for (FleetTerminal t : fleet.terminals()) {
      String user = t.account().username();
      body.append("<tr data-terminal=\"").append(Html.esc(user)).append("\"><td>")
          .append(Html.esc(t.account().station())).append("</td><td>").append(Html.esc(t.account().terminal()))
          .append("</td><td><code>").append(Html.esc(t.fingerprint())).append("</code></td><td>")
          .append(Html.esc(TIME.format(t.provisionedAt().atZone(zone)))).append(" · ")
          .append(Html.esc(t.provisionedBy())).append("</td><td>")
          .append(lastSeen.containsKey(user) ? Html.esc(TIME.format(lastSeen.get(user).atZone(zone))) : "—");
      fleet.lastLogin(t.account()).ifPresent(login -> body.append(" <span class=\"pill ")
          .append(login.tls() ? "ok" : "warn").append(" transport\" title=\"")
          .append(Html.esc(lang.t("最近登录 ", "last login ") + TIME.format(login.at().atZone(zone))
              + " · " + login.address()))
          .append("\">").append(login.tls() ? "TLS" : lang.t("明文 MQTT", "plain MQTT"))
          .append("</span>"));
      reportedFleetState(lang, body, user, views.get(user));
      body.append("</td><td>");
      if (t.holding()) {
        String path = "/ui/fleet/" + Html.esc(t.account().station()) + "/" + Html.esc(t.account().terminal());
        body.append("<span class=\"pill warn\" id=\"holding-").append(Html.esc(user)).append("\">")
            .append(lang.t("已吊销 · 暂扣待审", "revoked · holding")).append(" ")
            .append(Html.esc(TIME.format(t.revokedAt().atZone(zone)))).append("</span></td><td>")
            .append("<form class=\"inline\" method=\"post\" action=\"").append(path)
            .append("/release-held\"><button class=\"secondary release-all\">")
            .append(lang.t("全部放行", "Release all")).append("</button></form> ")
            .append("<form class=\"inline\" method=\"post\" action=\"").append(path)
            .append("/end-hold\" onsubmit=\"return confirm('").append(Html.esc(lang.t(
                "结束暂扣后该终端被完全拒绝。确定？", "The terminal is fully refused from then on. End the hold?")))
            .append("')\"><button class=\"secondary end-hold\">").append(lang.t("结束暂扣", "End hold"))
            .append("</button></form></td></tr>");
      } else if (t.revoked()) {
        body.append("<span class=\"pill bad\">").append(lang.t("已吊销", "revoked")).append(" ")
            .append(Html.esc(TIME.format(t.revokedAt().atZone(zone)))).append("</span></td><td></td></tr>");
      } else {
        java.util.Optional<java.time.Instant> suspended = fleet.suspendedUntil(t.account());
        body.append(suspended.isPresent() ? "<span class=\"pill bad\" title=\"" + Html.esc(lang.t(
                "签名错误的消息过多：暂停登录", "too many messages with bad signatures: login suspended"))
                + "\">" + lang.t("已暂停至 ", "suspended until ")
                + Html.esc(TIME.format(suspended.get().atZone(zone)))
            : "<span class=\"pill ok\">" + lang.t("正常", "active"))
            .append("</span>");
        fleet.rotationRequested(t.account()).ifPresent(n -> body.append(" <span class=\"pill warn\""
            + " id=\"rotation-").append(Html.esc(user)).append("\">").append(lang.t("已请求更换密钥 ",
                "key rotation asked ")).append(Html.esc(TIME.format(n.requestedAt().atZone(zone))))
            .append("</span>"));
        String path = "/ui/fleet/" + Html.esc(t.account().station()) + "/" + Html.esc(t.account().terminal());
        body.append("</td><td><form class=\"inline\" method=\"post\" action=\"").append(path)
            .append("/request-rotation\"><button class=\"secondary request-rotation\" title=\"")
            .append(Html.esc(lang.t("终端生成新密钥并经 HTTPS 换绑；旧密钥签名的事件 7 天内仍有效",
                "The kiosk makes a new key and binds it over HTTPS; events its old key signed still"
                    + " count for 7 days"))).append("\">")
            .append(lang.t("更换密钥", "Rotate key")).append("</button></form> ")
            .append("<form class=\"inline\" method=\"post\" action=\"/ui/fleet/")
            .append(Html.esc(t.account().station())).append('/').append(Html.esc(t.account().terminal()))
            .append("/revoke\" onsubmit=\"return confirm('").append(Html.esc(lang.t(
                "吊销后该终端立即断开。选择“拒绝”则无法再上报；选择“暂扣”则之后收到的事件暂扣待审核。确定吊销 " + user + "？",
                "The terminal is disconnected at once. Refuse: it can no longer report. Hold: events it sends"
                    + " from now on are held for your review. Revoke " + user + "?")))
            .append("')\"><select name=\"mode\" class=\"revoke-mode\"><option value=\"refuse\">")
            .append(lang.t("拒绝", "refuse")).append("</option><option value=\"hold\">")
            .append(lang.t("暂扣待审", "hold for review")).append("</option></select> ")
            .append("<button class=\"secondary\">").append(lang.t("吊销", "Revoke"))
            .append("</button></form></td></tr>");
      }
    }
    body.append("</tbody></table>");
  }

  /**
   * What the kiosk itself last reported of its place in the fleet, when it is not fine: its
   * publishes unacknowledged (a wrong ACL), and why (docs/protocol.md §8).
   */
  private static void reportedFleetState(Lang lang, StringBuilder body, String user,
      TerminalView view) {
    if (view == null || view.fleetState() == null || "ok".equals(view.fleetState())) {
      return;
    }
    String label = switch (view.fleetState()) {
      case "publishes-unacked" -> lang.t("上报未被确认", "publishes not acknowledged");
      case "login-refused" -> lang.t("登录被拒", "login refused");
      case "not-joined" -> lang.t("未接入", "not joined");
      default -> view.fleetState();
    };
    body.append(" <span class=\"pill bad\" id=\"kiosk-state-").append(Html.esc(user))
        .append("\" title=\"").append(Html.esc(view.fleetDetail() == null ? "" : view.fleetDetail()))
        .append("\">").append(Html.esc(label)).append("</span>");
  }

  /**
   * The join code as a QR code for the kiosk's camera, and what a manager types instead: the
   * hub's address and TLS pin beside the code above.
   */
  private void joinCode(Lang lang, StringBuilder body, Issued issued) {
    QrImage qr = QrImage.of(issued.joinCode(), 5);
    FleetTransport served = fleet.transport();
    boolean pinned = "https".equals(issued.hub().getScheme()) && served.pin() != null;
    body.append("<div class=\"card\" id=\"join-code\" style=\"display:flex;gap:24px;flex-wrap:wrap;"
        + "align-items:center\"><img id=\"join-qr\" alt=\"").append(lang.t("入网二维码", "join code"))
        .append("\" style=\"image-rendering:pixelated;width:").append(qr.modules() * 5 + 40)
        .append("px\" src=\"data:image/png;base64,")
        .append(java.util.Base64.getEncoder().encodeToString(qr.png())).append("\"><div style=\"max-width:520px\"><p>")
        .append(Html.esc(lang.t("在终端的站长页点“扫码入网”，再把这个二维码对准终端的摄像头；终端核对中心签名后自动入网。"
            + "它和认领码一样保密、只能用一次。",
            "On the kiosk's manager screen press “Scan a join code”, then hold this code up to the kiosk's"
            + " camera: the kiosk checks the hub's signature and joins. Keep it as secret as the code;"
            + " it works once."))).append("</p><p>")
        .append(Html.esc(lang.t("或在站长页输入：", "Or type on the manager screen:"))).append("</p><dl>")
        .append("<dt>").append(Html.esc(lang.t("中心网址", "Hub address"))).append("</dt><dd><code id=\"join-hub\">")
        .append(Html.esc(issued.hub().toString())).append("</code></dd>");
    if (pinned) {
      body.append("<dt>").append(Html.esc(lang.t("中心 TLS 指纹", "Hub TLS pin"))).append("</dt><dd><code id=\"join-pin\""
          + " style=\"overflow-wrap:anywhere\">").append(Html.esc(served.pin().toString())).append("</code></dd>");
    }
    body.append("<dt>").append(Html.esc(lang.t("中心签名密钥（扫码后终端显示，供核对）",
        "Hub signing key (the kiosk shows it after the scan, to check)"))).append("</dt><dd><code id=\"join-key\">")
        .append(Html.esc(fleet.signingKeyFingerprint())).append("</code></dd>");
    body.append("</dl></div></div>");
  }

  /** The hub's address as the admin's browser reached it, at the HTTPS port when there is one. */
  private String defaultHub(Context ctx) {
    String host = null;
    if (ctx.host() != null) {
      try {
        host = java.net.URI.create("http://" + ctx.host()).getHost();
      } catch (IllegalArgumentException e) {
        // A Host header that is no host: the admin types the address.
      }
    }
    if (host == null) {
      return "";
    }
    int https = fleet.transport().httpsPort();
    return https > 0 ? "https://" + host + ":" + https : ctx.scheme() + "://" + ctx.host();
  }

  private static void claimForm(Lang lang, StringBuilder body, String defaultHub) {
    body.append("<h2>").append(lang.t("生成认领码", "Issue a claim code")).append("</h2>")
        .append("<form method=\"post\" action=\"/ui/fleet/claims\" class=\"card\" id=\"new-claim\""
            + " style=\"display:grid;gap:10px;max-width:480px\"><label>").append(lang.t("站点编号", "Station id"))
        .append("<br><input name=\"stationId\" id=\"claim-station\" required placeholder=\"JX-RJ-0001\""
            + " style=\"width:100%\"></label><label>").append(lang.t("终端编号", "Terminal id"))
        .append("<br><input name=\"terminalId\" id=\"claim-terminal\" required placeholder=\"kiosk-1\""
            + " style=\"width:100%\"></label><label>").append(lang.t("有效期（小时，最多 168）", "Valid for (hours, at most 168)"))
        .append("<br><input name=\"hours\" id=\"claim-hours\" type=\"number\" min=\"1\" max=\"168\" value=\"24\""
            + " style=\"width:100%\"></label><label>").append(lang.t("中心网址（终端访问的地址，用于入网二维码；留空则只生成认领码）",
            "Hub address as kiosks reach it (for the join code; leave empty for the code only)"))
        .append("<br><input name=\"hub\" id=\"claim-hub\" style=\"width:100%\" value=\"").append(Html.esc(defaultHub))
        .append("\"></label><div><button id=\"create-claim\">")
        .append(lang.t("生成", "Issue")).append("</button></div></form>");
  }

  private void refusals(Lang lang, StringBuilder body) {
    body.append("<h2>").append(lang.t("拒绝记录", "Refusals")).append("</h2><table id=\"refusals\"><thead><tr><th>")
        .append(lang.t("类型", "Kind")).append("</th><th>").append(lang.t("对象", "Subject")).append("</th><th>")
        .append(lang.t("最近原因", "Latest reason")).append("</th><th>").append(lang.t("次数", "Count"))
        .append("</th><th>").append(lang.t("最近", "Last")).append("</th></tr></thead><tbody>");
    var list = fleet.refusals();
    if (list.isEmpty()) {
      body.append("<tr><td colspan=\"5\" class=\"muted\">").append(lang.t("没有被拒绝的连接或消息。",
          "No connection or message has been refused.")).append("</td></tr>");
    }
    for (FleetRefusal r : list) {
      body.append("<tr data-kind=\"").append(r.kind()).append("\"><td>").append(kind(lang, r.kind()))
          .append("</td><td><code>").append(Html.esc(r.subject())).append("</code></td><td>")
          .append(Html.esc(r.detail())).append("</td><td>").append(r.count()).append("</td><td>")
          .append(Html.esc(TIME.format(r.lastAt().atZone(zone)))).append("</td></tr>");
    }
    body.append("</tbody></table>");
  }

  private static String kind(Lang lang, FleetRefusal.Kind kind) {
    return switch (kind) {
      case LOGIN -> lang.t("登录失败", "failed login");
      case CLIENT_ID -> lang.t("冒用客户端编号", "client id not its own");
      case PUBLISH -> lang.t("越权发布", "publish denied");
      case SUBSCRIBE -> lang.t("越权订阅", "subscription denied");
      case CLAIM -> lang.t("认领被拒", "claim refused");
      case SIGNATURE -> lang.t("签名无效", "bad signature");
    };
  }
}
