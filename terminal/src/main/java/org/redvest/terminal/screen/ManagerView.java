package org.redvest.terminal.screen;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.VolunteerBadge;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.fleet.TlsPin;
import org.redvest.terminal.attendance.EndTimeProposal;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.demo.DemoVideo;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.enrolment.Consent;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.terminal.fleet.JoinDesk;

/**
 * The station manager's view at {@code /manage}, behind a PIN: who is on site, today's sessions,
 * the queue to the hub, hub and camera health, open sessions to close, face enrolment (with the
 * QR badge always offered instead) and manager-attested check-ins and check-outs. Every write is
 * an event through {@code CheckIns} and the outbox, method {@code MANUAL}, operator = the signed-in
 * manager.
 */
final class ManagerView {
  static final String COOKIE = "rv_manager";
  static final int ENROL_CAPTURES = 5;
  static final Duration ENROL_TIMEOUT = Duration.ofSeconds(30);

  private final KioskParts parts;
  private final ManagerPin pins;
  private final Preview preview;

  ManagerView(KioskParts parts, ManagerPin pins, Preview preview) {
    this.parts = parts;
    this.pins = pins;
    this.preview = preview;
  }

  void routes(Javalin app) {
    app.get("/manage", ctx -> {
      Lang lang = Lang.of(ctx);
      Optional<String> manager = pins.manager(ctx.cookie(COOKIE));
      if (manager.isEmpty()) {
        ctx.html(ManagerPage.pinForm(lang, pins.configured() ? null : noPinMessage(lang), null));
        return;
      }
      ctx.html(ManagerPage.dashboard(lang, manager.get(), parts, ctx.queryParam("notice"), pins.idleMillis()));
    });
    app.post("/manage/login", this::login);
    app.post("/manage/logout", ctx -> {
      if (parts.join() != null && pins.peek(ctx.cookie(COOKIE)).isPresent()) {
        parts.join().disarm(); // an armed camera does not outlive the manager who armed it
      }
      pins.signOut(ctx.cookie(COOKIE));
      ctx.removeCookie(COOKIE, "/");
      ctx.redirect("/manage");
    });
    app.post("/manage/attest", ctx -> signedIn(ctx).ifPresent(m -> attest(ctx, m)));
    app.post("/manage/close", ctx -> signedIn(ctx).ifPresent(m -> close(ctx, m)));
    app.post("/manage/enrol", ctx -> signedIn(ctx).ifPresent(m -> enrol(ctx, m)));
    app.get("/manage/badge", ctx -> signedIn(ctx).ifPresent(m -> badge(ctx)));
    app.post("/manage/join", ctx -> signedIn(ctx).ifPresent(m -> join(ctx, m)));
    app.post("/manage/join/scan", ctx -> signedIn(ctx).ifPresent(m -> {
      joinDesk().arm(m);
      ctx.redirect("/manage?notice=join-armed");
    }));
    app.post("/manage/join/cancel", ctx -> signedIn(ctx).ifPresent(m -> {
      joinDesk().disarm();
      ctx.redirect("/manage");
    }));
    app.post("/manage/join/confirm", ctx -> signedIn(ctx).ifPresent(m -> {
      joinDesk().confirm(m);
      ctx.redirect("/manage?notice=joining");
    }));
    app.post("/manage/join/forget", ctx -> signedIn(ctx).ifPresent(m -> {
      joinDesk().forget(m);
      ctx.redirect("/manage");
    }));
    // What the page polls while joining moves on; it does not renew the session, so an
    // unattended manager screen still locks itself.
    app.get("/manage/join/state", ctx -> {
      if (pins.peek(ctx.cookie(COOKIE)).isEmpty()) {
        ctx.status(401).result("");
        return;
      }
      ctx.header("Cache-Control", "no-store").result(joinDesk().status().state().name());
    });
    app.get("/manage/badge.png", ctx -> signedIn(ctx).ifPresent(m -> badgePng(ctx)));
  }

  private void login(Context ctx) {
    Lang lang = Lang.of(ctx);
    ManagerPin.Attempt attempt = pins.signIn(ctx.formParam("manager"), ctx.formParam("pin"));
    if (attempt instanceof ManagerPin.Attempt.SignedIn in) {
      Cookie cookie = new Cookie(COOKIE, in.token());
      cookie.setHttpOnly(true);
      cookie.setSameSite(SameSite.STRICT);
      cookie.setPath("/");
      ctx.cookie(cookie);
      ctx.redirect("/manage");
      return;
    }
    String error;
    if (attempt instanceof ManagerPin.Attempt.Wrong w) {
      error = lang.get("pin.wrong", w.attemptsLeft());
    } else if (attempt instanceof ManagerPin.Attempt.Locked) {
      error = lang.get("pin.locked", ManagerPin.LOCK_FOR.toMinutes());
    } else {
      error = noPinMessage(lang);
    }
    ctx.status(attempt instanceof ManagerPin.Attempt.Locked ? 429 : 401);
    ctx.html(ManagerPage.pinForm(lang, null, error));
  }

  private static String noPinMessage(Lang lang) {
    return lang.get("pin.none");
  }

  private Optional<String> signedIn(Context ctx) {
    Optional<String> manager = pins.manager(ctx.cookie(COOKIE));
    if (manager.isEmpty()) {
      Lang lang = Lang.of(ctx);
      ctx.status(401).html(ManagerPage.pinForm(lang, null, lang.get("pin.idle")));
    }
    return manager;
  }

  private void attest(Context ctx, String manager) {
    VolunteerId volunteer = volunteer(ctx.formParam("volunteer"));
    EventKind kind = "out".equals(ctx.formParam("kind")) ? EventKind.CHECK_OUT : EventKind.CHECK_IN;
    String reason = required(ctx.formParam("reason"), "reason");
    AttendanceEvent e = parts.checkIns().attested(volunteer, kind, parts.stationNow().get(), manager, reason);
    ctx.redirect("/manage?notice=" + (e.kind() == EventKind.CHECK_IN ? "attested-in" : "attested-out"));
  }

  private void close(Context ctx, String manager) {
    VolunteerId volunteer = volunteer(ctx.formParam("volunteer"));
    String reason = required(ctx.formParam("reason"), "reason");
    AttendanceEvent open = parts.outbox().lastEvent(volunteer).filter(e -> e.kind() == EventKind.CHECK_IN)
        .orElseThrow(() -> new IllegalStateException(volunteer + " has no open session"));
    OffsetDateTime now = parts.stationNow().get();
    String endText = required(ctx.formParam("end"), "end");
    OffsetDateTime end = ForgottenPrompts.parse(endText, now);
    String proposed = ctx.formParam("proposed");
    Optional<EndTimeProposal> confirmed = parts.checkIns().proposal(open, now)
        .filter(p -> endText.equals(proposed) && ForgottenPrompts.LOCAL_MINUTE.format(p.at()).equals(endText));
    String basis = confirmed.map(EndTimeProposal::basis).orElse(EndTimeProposal.ENTERED);
    parts.checkIns().closeByManager(open, confirmed.map(EndTimeProposal::at).orElse(end), basis, manager, reason, now);
    ctx.redirect("/manage?notice=closed");
  }

  /** Captures from the live camera through the shared face reader until complete or timed out. */
  private void enrol(Context ctx, String manager) {
    Lang lang = Lang.of(ctx);
    if (parts.faces() == null || parts.enrolments() == null) {
      throw new IllegalStateException("face check-in is not set up on this kiosk");
    }
    VolunteerId volunteer = volunteer(ctx.formParam("volunteer"));
    String name = required(ctx.formParam("name"), "name");
    if (!"yes".equals(ctx.formParam("consent"))) {
      throw new IllegalArgumentException(lang.get("enrol.consentRequired"));
    }
    Consent consent = new Consent(UUID.randomUUID().toString(), FaceConsentText.VERSION, parts.stationNow().get(),
        manager);
    EnrolmentSession session = new EnrolmentSession(volunteer, name, consent, ENROL_CAPTURES,
        parts.faces().threshold());
    long deadline = System.nanoTime() + ENROL_TIMEOUT.toNanos();
    long lastIndex = -1;
    String guidance = "";
    while (!session.complete() && System.nanoTime() < deadline) {
      Optional<Frame> frame = preview.latestFrame();
      if (frame.isPresent() && frame.get().index() != lastIndex) {
        lastIndex = frame.get().index();
        Optional<FaceObservation> face = parts.faces().read(frame.get());
        if (face.isPresent()) {
          guidance = session.offer(face.get());
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    if (!session.complete()) {
      ctx.status(408).result(lang.get("enrol.incomplete", session.captured(), ENROL_CAPTURES)
          + lang.pick(guidance));
      return;
    }
    parts.enrolments().enrol(session);
    ctx.redirect("/manage?notice=enrolled");
  }

  private JoinDesk joinDesk() {
    if (parts.join() == null) {
      throw new IllegalStateException("this kiosk cannot join from its screen");
    }
    return parts.join();
  }

  /** A claim code the manager typed, with the hub's address and (for https) its TLS pin. */
  private void join(Context ctx, String manager) {
    URI hub;
    try {
      hub = URI.create(required(ctx.formParam("hub"), "hub"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hub: not a web address: " + e.getMessage(), e);
    }
    String pinText = ctx.formParam("pin");
    TlsPin pin;
    try {
      pin = pinText == null || pinText.isBlank() ? null : TlsPin.parse(pinText.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pin: " + e.getMessage(), e);
    }
    joinDesk().claim(manager, hub, pin, required(ctx.formParam("code"), "code"));
    ctx.redirect("/manage?notice=joining");
  }

  private void badge(Context ctx) {
    Lang lang = Lang.of(ctx);
    VolunteerBadge badge = new VolunteerBadge(volunteer(ctx.queryParam("volunteer")),
        required(ctx.queryParam("name"), "name"));
    ctx.html(ManagerPage.badge(lang, badge));
  }

  private void badgePng(Context ctx) {
    VolunteerBadge badge = new VolunteerBadge(volunteer(ctx.queryParam("volunteer")),
        required(ctx.queryParam("name"), "name"));
    BufferedImage image = DemoVideo.qrCode(badge, 8);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.contentType("image/png").result(png.toByteArray());
  }

  private static VolunteerId volunteer(String text) {
    try {
      return VolunteerId.of(required(text, "volunteer").toUpperCase(Locale.ROOT));
    } catch (ProtocolException e) {
      throw new IllegalArgumentException("volunteer: " + e.getMessage(), e);
    }
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": is required");
    }
    return value.strip();
  }
}
