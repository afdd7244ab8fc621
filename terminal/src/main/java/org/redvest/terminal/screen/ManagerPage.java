package org.redvest.terminal.screen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.redvest.protocol.VolunteerBadge;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.terminal.attendance.EndTimeProposal;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.terminal.fleet.JoinDesk;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.FleetState;

/**
 * The manager's pages: what each shows, worked out here from the kiosk's parts, and laid out by
 * the templates {@code src/main/jte/screen/{pin,dashboard,badge}.jte} (which escape every value).
 * {@link ManagerView} decides which page a request gets.
 */
final class ManagerPage {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** A status tile: its label, value, tone ("", warn, bad) and a small note under the value. */
  record Tile(String id, String label, String value, String tone, String note) {}

  /** Someone on site now. */
  record OnSite(String name, String volunteer, String in, String since, boolean attested) {}

  /** An open check-in the manager may close, with the proposed end and its bounds. */
  record Open(String name, String volunteer, String checkedIn, String proposal, String proposed,
      String min, String max) {}

  /** One of today's sessions. */
  record Session(String name, String in, String out, String time, boolean attested) {}

  /**
   * Joining the fleet at the kiosk ({@link JoinDesk}): where it stands ({@code state}, one of
   * {@link JoinDesk.State}), said in {@code text} with a {@code tone}; the hub a read join code
   * names ({@code hub}, {@code hubPin}, {@code hubKey}, and {@code otherBroker} when that hub is
   * not this kiosk's broker) while confirming; {@code moving} while the page should follow it.
   */
  record Join(String account, String state, String text, String tone, String hub, String hubPin,
      String hubKey, String otherBroker, String suggestedHub, boolean moving) {}

  /** The manager's dashboard. */
  record Dashboard(String station, String terminal, String manager, String notice, List<Tile> tiles,
      Join join, List<OnSite> onSite, List<Open> open, List<Session> today, String alternative,
      String consent) {}

  private ManagerPage() {}

  static String pinForm(Lang lang, String notice, String error) {
    return Pages.render("screen/pin.jte", "t", lang, "notice", notice, "error", error);
  }

  static String dashboard(Lang lang, String manager, KioskParts parts, String notice, long idleMs) {
    OffsetDateTime now = parts.stationNow().get();
    Today today = Today.of(parts.outbox(), now);
    boolean faces = parts.faces() != null && parts.enrolments() != null;
    Dashboard page = new Dashboard(parts.station(), parts.terminal(), manager,
        notice == null ? null : lang.getOr("notice." + notice, null),
        tiles(lang, parts, today), join(lang, parts.join()), onSite(lang, parts, today, now),
        open(lang, parts, now), today(lang, parts, today),
        lang.pick(EnrolmentSession.NON_FACE_ALTERNATIVE),
        faces ? (lang == Lang.ZH ? FaceConsentText.ZH : FaceConsentText.EN) : null);
    return Pages.render("screen/dashboard.jte", "t", lang, "page", page, "idleMs", idleMs);
  }

  static String badge(Lang lang, VolunteerBadge badge) {
    String query = "volunteer=" + enc(badge.volunteerId().value()) + "&name=" + enc(badge.displayName());
    return Pages.render("screen/badge.jte", "t", lang, "query", query, "name", badge.displayName(),
        "volunteer", badge.volunteerId().value());
  }

  private static List<Tile> tiles(Lang lang, KioskParts parts, Today today) {
    long depth = parts.outbox().depth();
    Optional<Instant> oldest = parts.outbox().oldestUnackedAt();
    String age = oldest.map(t -> lang.get("tile.queue.oldest", ago(lang, Duration.between(t, Instant.now()))))
        .orElse("");
    boolean hub = parts.hubConnected().getAsBoolean();
    CameraHealth camera = parts.camera().get();
    String cameraState = switch (camera.state()) {
      case OK -> "OK";
      case FAILED -> "FAILED";
      default -> "STOPPED";
    };
    String cameraNote = switch (camera.state()) {
      case OK -> String.format("%.0f fps", camera.fps());
      case FAILED -> camera.detail();
      // The frame loop's two fixed states are translated; a camera's own error text stays as it is.
      default -> camera.detail() == null ? null : lang.getOr("camera.detail." + camera.detail(), camera.detail());
    };
    FleetState fleet = parts.fleet().get();
    return List.of(
        new Tile("on-site", lang.get("tile.onSite"), String.valueOf(today.onSite().size()), "", null),
        new Tile("today", lang.get("tile.today"), Today.hours(lang, today.totalMinutes()), "", null),
        new Tile("queue", lang.get("tile.queue"), depth + age, depth > 0 ? "warn" : "", null),
        new Tile("hub", lang.get("tile.hub"), lang.get(hub ? "tile.hub.connected" : "tile.hub.offline"),
            hub ? "" : "warn", null),
        new Tile("camera", lang.get("tile.camera"), lang.get("camera." + cameraState),
            camera.state() == CameraHealth.State.OK ? "" : "warn", cameraNote),
        new Tile("fleet", lang.get("tile.fleet"), lang.get("fleet." + fleet.kind().name()),
            fleet.kind() == FleetState.Kind.OK ? "" : "bad",
            fleet.kind() == FleetState.Kind.OK ? null : lang.get("fleet.note." + fleet.kind().name(), fleet.detail())));
  }

  /** Nothing once the kiosk runs with its login, else where joining stands. */
  private static Join join(Lang lang, JoinDesk desk) {
    if (desk == null) {
      return null;
    }
    JoinDesk.Status status = desk.status();
    JoinDesk.State state = status.state();
    if (state == JoinDesk.State.JOINED && status.by() == null) {
      return null;
    }
    String text = state == JoinDesk.State.ARMED
        ? lang.get("join.ARMED", CLOCK.format(status.until().atZone(ZoneId.systemDefault())))
        : lang.get("join." + state.name(), status.detail());
    String tone = switch (state) {
      case REFUSED -> "error";
      case WAITING_FOR_HUB, NOT_JOINED -> "hint";
      default -> "notice";
    };
    String hub = null;
    String hubPin = null;
    String hubKey = null;
    String otherBroker = null;
    if (state == JoinDesk.State.CONFIRM) {
      ProvisioningBundle code = status.code();
      hub = code.hub().toString();
      hubPin = code.hubPin() == null ? lang.get("join.hubPin.none") : code.hubPin();
      hubKey = KeyFingerprint.of(Base64.getUrlDecoder().decode(code.hubKey()));
      otherBroker = code.hub().getHost().equals(desk.brokerHost()) ? null
          : lang.get("join.otherBroker", desk.brokerHost());
    }
    boolean moving = state == JoinDesk.State.ARMED || state == JoinDesk.State.JOINING
        || state == JoinDesk.State.WAITING_FOR_HUB || state == JoinDesk.State.JOINED;
    return new Join(desk.account().username(), state.name(), text, tone, hub, hubPin, hubKey,
        otherBroker, desk.suggestedHub(), moving);
  }

  private static List<OnSite> onSite(Lang lang, KioskParts parts, Today today, OffsetDateTime now) {
    return today.onSite().stream().map(s -> new OnSite(name(parts, s.volunteer()), s.volunteer().value(),
        WebScreen.HH_MM.format(s.in().occurredAt()), ago(lang, Duration.between(s.in().occurredAt(), now)),
        s.attested())).toList();
  }

  private static List<Open> open(Lang lang, KioskParts parts, OffsetDateTime now) {
    return parts.outbox().openCheckIns().stream().map(in -> {
      Optional<EndTimeProposal> p = parts.checkIns().proposal(in, now);
      OffsetDateTime latest = parts.checkIns().rules().latestEnd(in.occurredAt(), now);
      return new Open(name(parts, in.volunteerId()), in.volunteerId().value(),
          ForgottenPrompts.LOCAL_MINUTE.format(in.occurredAt()).replace('T', ' '),
          p.map(x -> WebScreen.HH_MM.format(x.at()) + " · " + ForgottenPrompts.basis(lang, x.basis())).orElse(null),
          ForgottenPrompts.LOCAL_MINUTE.format(p.map(EndTimeProposal::at).orElse(latest)),
          ForgottenPrompts.LOCAL_MINUTE.format(in.occurredAt().plusMinutes(1)),
          ForgottenPrompts.LOCAL_MINUTE.format(latest));
    }).toList();
  }

  private static List<Session> today(Lang lang, KioskParts parts, Today today) {
    return today.sessions().stream().map(s -> new Session(name(parts, s.volunteer()),
        WebScreen.HH_MM.format(s.in().occurredAt()),
        s.out() == null ? (s.open() ? lang.get("today.onSite") : "—") : WebScreen.HH_MM.format(s.out().occurredAt()),
        Today.hours(lang, s.minutes()), s.attested())).toList();
  }

  private static String name(KioskParts parts, VolunteerId volunteer) {
    return parts.sightings().name(volunteer).orElse(volunteer.value());
  }

  static String ago(Lang lang, Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    return minutes < 48 * 60 ? Today.hours(lang, minutes) : lang.get("duration.days", minutes / 1440);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
