package org.redvest.hub.web.fleet;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.redvest.hub.domain.credentials.QrImage;
import org.redvest.hub.domain.fleet.ClaimCode;
import org.redvest.hub.domain.fleet.Fleet;
import org.redvest.hub.domain.fleet.FleetException;
import org.redvest.hub.domain.fleet.FleetTerminal;
import org.redvest.hub.domain.fleet.FleetTransport;
import org.redvest.hub.domain.fleet.Holds;
import org.redvest.hub.domain.fleet.MosquittoStatus;
import org.redvest.hub.store.TerminalView;
import org.redvest.hub.web.Access;
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
      return Lang.of(ctx).get("fleet.notice.rotationAsked", FleetRoutes.account(ctx).username());
    }));
    app.post("/ui/fleet/{stationId}/{terminalId}/end-hold", ctx -> page.act(ctx, by -> {
      fleet.endHold(FleetRoutes.account(ctx), by);
      return Lang.of(ctx).get("fleet.notice.holdEnded", FleetRoutes.account(ctx).username());
    }));
    app.post("/ui/fleet/{stationId}/{terminalId}/release-held", ctx -> page.act(ctx, by ->
        Lang.of(ctx).get("fleet.notice.released", holds.releaseAll(FleetRoutes.account(ctx), by).size())));
    app.post("/ui/fleet/held/{id}/release", ctx -> page.act(ctx, by ->
        Lang.of(ctx).get("fleet.notice.released", holds.release(HoldRoutes.id(ctx), by).eventId())));
    app.post("/ui/fleet/held/{id}/discard", ctx -> page.act(ctx, by ->
        Lang.of(ctx).get("fleet.notice.discarded", holds.discard(HoldRoutes.id(ctx), by).eventId())));
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
      show(ctx, lang.get("fleet.notice.claim", account.username(), time(claim.expiresAt())), issued, null);
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
      show(ctx, lang.get(hold ? "fleet.notice.revokedHold" : "fleet.notice.revoked", account.username()),
          null, null);
    } catch (ProtocolException | FleetException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, null, null, e.getMessage());
    }
  }

  /**
   * How terminals reach the hub: where plain MQTT or HTTP is open to other machines (a warning,
   * else null), the TLS ports ("—" for none) and pin, and plain MQTT kept to this machine.
   */
  record Listeners(String plainMqttExposed, String plainHttpExposed, boolean tls, String mqttTlsPort,
      String httpsPort, String pin, String plainLocal) {}

  /** The hub-written Mosquitto files' state, each value as the line shows it. */
  record Mosquitto(boolean failed, String dir, String writtenAt, String terminals, String reload,
      String detail, String unlisted) {}

  /** A terminal's last broker login. */
  record Login(boolean tls, String at, String address) {}

  /** What the kiosk itself last reported of its place in the fleet, when it is not fine. */
  record KioskState(String label, String detail) {}

  /** Where a terminal stands: holding its late events, revoked, or allowed to report. */
  enum Standing { HOLDING, REVOKED, ACTIVE }

  /**
   * A terminal's row; {@code revokedAt} while revoked, {@code suspendedUntil} and {@code
   * rotationAskedAt} null unless it is so.
   */
  record TerminalRow(String user, String station, String terminal, String path, String fingerprint,
      String provisionedAt, String provisionedBy, String lastSeen, Login login, KioskState kioskState,
      Standing standing, String revokedAt, String suspendedUntil, String rotationAskedAt) {}

  /** The join code for the kiosk's camera and what a manager types instead. */
  record Join(String qrSrc, int qrWidth, String hub, String pin, String key) {}

  /** A row of the refusals table. */
  record RefusalRow(String kind, String subject, String detail, long count, String last) {}

  private void show(Context ctx, String notice, Issued issued, String error) {
    Access.requireAdmin(ctx);
    Lang lang = Lang.of(ctx);
    Page.render(ctx, lang, lang.get("fleet.title"), "web/fleet/fleet.jte",
        "notice", notice,
        "claimCode", notice != null && issued != null ? issued.claim().code() : null,
        "join", notice != null && issued != null && issued.joinCode() != null ? join(issued) : null,
        "error", error,
        "listeners", listeners(),
        "mosquitto", mosquittoStatus(),
        "terminals", terminals(lang),
        "held", HeldSection.rows(holds.list(java.util.Optional.empty()), zone),
        "defaultHub", defaultHub(ctx),
        "refusals", refusals());
  }

  private Listeners listeners() {
    FleetTransport t = fleet.transport();
    return new Listeners(t.plainExposed() ? t.plainMqtt() : null, t.plainHttpExposed(), t.pin() != null,
        t.mqttTlsPort() > 0 ? String.valueOf(t.mqttTlsPort()) : "—",
        t.httpsPort() > 0 ? String.valueOf(t.httpsPort()) : "—",
        t.pin() == null ? null : t.pin().toString(),
        t.plainMqtt() != null && !t.plainExposed() ? t.plainMqtt() : null);
  }

  /** A failed reload means a revoked kiosk may still be let in: shown as an error. */
  private Mosquitto mosquittoStatus() {
    if (mosquitto == null) {
      return null;
    }
    MosquittoStatus s = mosquitto.get();
    return new Mosquitto(s.reload() == MosquittoStatus.Reload.FAILED, String.valueOf(s.dir()),
        String.valueOf(s.writtenAt()), String.valueOf(s.terminals()), String.valueOf(s.reload()),
        String.valueOf(s.detail()), s.unlisted().isEmpty() ? null : String.join(", ", s.unlisted()));
  }

  private List<TerminalRow> terminals(Lang lang) {
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
    List<TerminalRow> rows = new ArrayList<>();
    for (FleetTerminal t : fleet.terminals()) {
      String user = t.account().username();
      String station = t.account().station().toString();
      String terminal = t.account().terminal().toString();
      Standing standing = t.holding() ? Standing.HOLDING : t.revoked() ? Standing.REVOKED : Standing.ACTIVE;
      rows.add(new TerminalRow(user, station, terminal, "/ui/fleet/" + station + "/" + terminal,
          t.fingerprint(), time(t.provisionedAt()), t.provisionedBy(),
          lastSeen.containsKey(user) ? time(lastSeen.get(user)) : "—",
          fleet.lastLogin(t.account()).map(l -> new Login(l.tls(), time(l.at()), l.address())).orElse(null),
          kioskState(lang, views.get(user)), standing,
          standing == Standing.ACTIVE ? null : time(t.revokedAt()),
          standing == Standing.ACTIVE ? fleet.suspendedUntil(t.account()).map(this::time).orElse(null) : null,
          standing == Standing.ACTIVE
              ? fleet.rotationRequested(t.account()).map(n -> time(n.requestedAt())).orElse(null) : null));
    }
    return rows;
  }

  /**
   * What the kiosk itself last reported of its place in the fleet, when it is not fine: its
   * publishes unacknowledged (a wrong ACL), and why (docs/protocol.md §8); unknown states as sent.
   */
  private static KioskState kioskState(Lang lang, TerminalView view) {
    if (view == null || view.fleetState() == null || "ok".equals(view.fleetState())) {
      return null;
    }
    return new KioskState(lang.getOr("fleet.kiosk." + view.fleetState(), view.fleetState()),
        view.fleetDetail() == null ? "" : view.fleetDetail());
  }

  /**
   * The join code as a QR code for the kiosk's camera, and what a manager types instead: the
   * hub's address and TLS pin beside the code above.
   */
  private Join join(Issued issued) {
    QrImage qr = QrImage.of(issued.joinCode(), 5);
    FleetTransport served = fleet.transport();
    boolean pinned = "https".equals(issued.hub().getScheme()) && served.pin() != null;
    return new Join("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(qr.png()),
        qr.modules() * 5 + 40, issued.hub().toString(), pinned ? served.pin().toString() : null,
        fleet.signingKeyFingerprint());
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

  private List<RefusalRow> refusals() {
    return fleet.refusals().stream().map(r -> new RefusalRow(r.kind().name(), r.subject(), r.detail(),
        r.count(), time(r.lastAt()))).toList();
  }

  private String time(Instant at) {
    return TIME.format(at.atZone(zone));
  }
}
