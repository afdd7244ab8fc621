package org.redvest.terminal.screen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.VolunteerBadge;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.attendance.EndTimeProposal;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.terminal.fleet.JoinDesk;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.FleetState;

/** The HTML of the manager's view; {@link ManagerView} decides, this only renders (data escaped). */
final class ManagerPage {
  private ManagerPage() {}

  static String pinForm(Lang lang, String notice, String error) {
    String body = "<section class=card><h1>" + lang.t("站长登录", "Station manager") + "</h1>"
        + (notice == null ? "" : "<p class=notice>" + Html.esc(notice) + "</p>")
        + (error == null ? "" : "<p class=error id=pin-error>" + Html.esc(error) + "</p>")
        + "<form method=post action=/manage/login class=pin>"
        + "<label>" + lang.t("站长编号", "Manager id") + "<input name=manager id=manager autocomplete=off required></label>"
        + "<label>PIN<input name=pin id=pin type=password inputmode=numeric autocomplete=off required></label>"
        + "<button id=sign-in>" + lang.t("进入", "Sign in") + "</button></form>"
        + "<p><a href=/>" + lang.t("返回签到页", "Back to check-in") + "</a></p></section>";
    return page(lang, lang.t("站长登录", "Manager sign-in"), body, 0);
  }

  static String dashboard(Lang lang, String manager, KioskParts parts, String notice, long idleMs) {
    OffsetDateTime now = parts.stationNow().get();
    Today today = Today.of(parts.outbox(), now);
    StringBuilder b = new StringBuilder();
    b.append("<div class=top><h1>").append(lang.t("站长管理", "Station manager")).append(" · ")
        .append(Html.esc(parts.station())).append("/").append(Html.esc(parts.terminal())).append("</h1><span>")
        .append(lang.t("已登录：", "Signed in: ")).append(Html.esc(manager))
        .append("</span><form method=post action=/manage/logout><button>").append(lang.t("锁定", "Lock"))
        .append("</button></form><a href=/>").append(lang.t("签到页", "Check-in view")).append("</a></div>");
    if (notice != null) {
      b.append("<p class=notice id=notice>").append(Html.esc(noticeText(lang, notice))).append("</p>");
    }
    b.append(status(lang, parts, today, now));
    b.append(join(lang, parts.join()));
    b.append(onSite(lang, parts, today, now));
    b.append(openSessions(lang, parts, now));
    b.append(todaySessions(lang, parts, today));
    b.append(attestForm(lang));
    b.append(enrolForm(lang, parts));
    return page(lang, lang.t("站长管理", "Station manager"), b.toString(), idleMs);
  }

  private static String status(Lang lang, KioskParts parts, Today today, OffsetDateTime now) {
    long depth = parts.outbox().depth();
    Optional<Instant> oldest = parts.outbox().oldestUnackedAt();
    String age = oldest.map(t -> lang.t("，最早 ", ", oldest ") + ago(lang, Duration.between(t, Instant.now())))
        .orElse("");
    boolean hub = parts.hubConnected().getAsBoolean();
    CameraHealth camera = parts.camera().get();
    String cameraText = switch (camera.state()) {
      case OK -> lang.t("正常", "OK");
      case FAILED -> lang.t("故障", "failed");
      default -> lang.t("未运行", "stopped");
    };
    String cameraNote = switch (camera.state()) {
      case OK -> String.format("%.0f fps", camera.fps());
      case FAILED -> camera.detail();
      default -> camera.detail() == null ? null : lang.t(cameraDetailZh(camera.detail()), camera.detail());
    };
    return "<section class=tiles>"
        + tile("on-site", lang.t("在站人数", "On site"), String.valueOf(today.onSite().size()), "")
        + tile("today", lang.t("今日已签退时长", "Hours today (checked out)"), Today.hours(lang, today.totalMinutes()), "")
        + tile("queue", lang.t("待上传事件", "Waiting for the hub"), depth + age, depth > 0 ? "warn" : "")
        + tile("hub", lang.t("中心连接", "Hub"), hub ? lang.t("已连接", "connected") : lang.t("离线（本地照常记录）",
            "offline (recording locally)"), hub ? "" : "warn")
        + tile("camera", lang.t("摄像头", "Camera"), cameraText, camera.state() == CameraHealth.State.OK ? "" : "warn",
            cameraNote)
        + fleetTile(lang, parts.fleet().get())
        + "</section>";
  }

  /** Whether the kiosk may report at all; what went wrong and what to do when it may not. */
  private static String fleetTile(Lang lang, FleetState fleet) {
    String value = switch (fleet.kind()) {
      case OK -> lang.t("已入网", "joined");
      case NOT_JOINED -> lang.t("未入网", "not joined");
      case LOGIN_REFUSED -> lang.t("登录被拒", "login refused");
      case PUBLISHES_UNACKED -> lang.t("上传未确认", "publishes not acknowledged");
    };
    String note = switch (fleet.kind()) {
      case OK -> null;
      case NOT_JOINED -> lang.t("记录保存在本机，入网后上传。请在下方“入网”中输入中心给的入网码，或扫描入网二维码",
          "Recording locally until it joins: enter the hub's claim code under “Join the fleet” below,"
          + " or scan a join code");
      case LOGIN_REFUSED -> lang.t("中心的消息服务器拒绝了本机的登录（本机已被注销或登录信息有误），请联系中心管理员重新入网；"
          + "记录都保留在本机", fleet.detail());
      case PUBLISHES_UNACKED -> lang.t("消息服务器或中心长时间未确认本机上传的记录（权限设置有误？），请联系中心管理员；"
          + "记录都保留在本机", fleet.detail());
    };
    return tile("fleet", lang.t("入网状态", "Fleet"), value, fleet.kind() == FleetState.Kind.OK ? "" : "bad", note);
  }

  /**
   * Joining the fleet at the kiosk ({@link JoinDesk}): where it stands, and while not joined, the
   * camera's join-code button and the typed claim; nothing once the kiosk runs with its login.
   */
  private static String join(Lang lang, JoinDesk desk) {
    if (desk == null) {
      return "";
    }
    JoinDesk.Status status = desk.status();
    if (status.state() == JoinDesk.State.JOINED && status.by() == null) {
      return "";
    }
    String text = switch (status.state()) {
      case NOT_JOINED -> lang.t("本机尚未入网：签到照常记录在本机，入网后上传到中心。",
          "This kiosk has not joined its fleet: check-ins are kept here and go to the hub once it joins.");
      case CONFIRM -> lang.t("已读取入网码。请核对下面的中心，确是本站所属中心再确认入网：",
          "A join code was read. Check the hub below is this station's own before you confirm:");
      case ARMED -> lang.t("请把中心“终端”页上本机的入网二维码对准摄像头（" + CLOCK.format(
          status.until().atZone(java.time.ZoneId.systemDefault())) + " 前有效）",
          "Hold this kiosk's join code from the hub's fleet page up to the camera (until "
          + CLOCK.format(status.until().atZone(java.time.ZoneId.systemDefault())) + ")");
      case JOINING -> lang.t("正在向 " + status.detail() + " 入网…", "Joining at " + status.detail() + "…");
      case WAITING_FOR_HUB -> lang.t("已读取入网码，但暂时连不上中心，稍后自动重试：" + status.detail(),
          "Join code kept, but the hub cannot be reached yet; trying again: " + status.detail());
      case REFUSED -> lang.t("中心拒绝入网：" + status.detail(), "The hub refused: " + status.detail());
      case JOINED -> lang.t("已入网为 " + status.detail() + "，正在以新身份重新启动…",
          "Joined as " + status.detail() + "; starting again with the new login…");
    };
    String tone = switch (status.state()) {
      case REFUSED -> "error";
      case WAITING_FOR_HUB, NOT_JOINED -> "hint";
      default -> "notice";
    };
    StringBuilder b = new StringBuilder("<section class=card id=join><h2>")
        .append(lang.t("入网", "Join the fleet")).append(" · ").append(Html.esc(desk.account().username()))
        .append("</h2><p class=" + tone + " id=join-status>").append(Html.esc(text)).append("</p>");
    switch (status.state()) {
      case ARMED -> b.append("<form method=post action=/manage/join/cancel><button id=join-cancel>")
          .append(lang.t("取消扫码", "Stop scanning")).append("</button></form>");
      case CONFIRM -> {
        ProvisioningBundle code = status.code();
        b.append("<table id=join-hub-check><tr><th>").append(lang.t("中心网址", "Hub address"))
            .append("</th><td id=join-check-hub>").append(Html.esc(code.hub().toString()))
            .append("</td></tr><tr><th>").append(lang.t("中心 TLS 指纹", "Hub TLS pin")).append("</th><td id=join-check-pin>")
            .append(Html.esc(code.hubPin() == null ? lang.t("无（按系统证书核对）", "none (checked against the system's authorities)")
                : code.hubPin())).append("</td></tr><tr><th>").append(lang.t("中心签名密钥", "Hub signing key"))
            .append("</th><td id=join-check-key>").append(Html.esc(KeyFingerprint.of(
                java.util.Base64.getUrlDecoder().decode(code.hubKey())))).append("</td></tr></table>");
        if (!code.hub().getHost().equals(desk.brokerHost())) {
          b.append("<p class=error id=join-check-warning>").append(Html.esc(lang.t(
              "注意：此中心与本机配置的消息服务器 " + desk.brokerHost() + " 不是同一地址，请向中心管理员核实。",
              "Note: this hub is not at the address of the broker this kiosk is set up with ("
              + desk.brokerHost() + "); check with the hub's admin."))).append("</p>");
        }
        b.append("<form method=post action=/manage/join/confirm class=inline><button id=join-confirm>")
            .append(lang.t("确认入网", "Confirm and join")).append("</button></form>")
            .append("<form method=post action=/manage/join/forget class=inline style='margin-top:8px'>"
                + "<button id=join-forget style='background:#64748b'>")
            .append(lang.t("不是本站中心，放弃", "Not our hub: forget it")).append("</button></form>");
      }
      case WAITING_FOR_HUB -> b.append("<form method=post action=/manage/join/forget><button id=join-forget"
          + " style='background:#64748b'>").append(lang.t("放弃此入网码", "Forget this join code"))
          .append("</button></form>");
      case NOT_JOINED, REFUSED -> b
          .append("<form method=post action=/manage/join/scan class=inline><button id=join-scan>")
          .append(lang.t("扫码入网", "Scan a join code")).append("</button><span class=hint>")
          .append(lang.t("中心管理员在“终端”页为本机生成入网码后，会显示入网二维码",
              "The hub's fleet page shows a join code once its admin issues a claim for this kiosk"))
          .append("</span></form><h2 style='margin-top:16px'>").append(lang.t("或输入入网码", "Or type the claim code"))
          .append("</h2><form method=post action=/manage/join class=grid id=join-form><label>")
          .append(lang.t("中心网址", "Hub address")).append("<input name=hub id=join-hub size=28 required value='")
          .append(Html.esc(desk.suggestedHub())).append("'></label><label>").append(lang.t("入网码", "Claim code"))
          .append("<input name=code id=join-code autocomplete=off required placeholder=7KQ2-M9XD-4HTR></label><label>")
          .append(lang.t("中心 TLS 指纹（https 时填写）", "Hub TLS pin (for https)"))
          .append("<input name=pin id=join-pin size=30 autocomplete=off placeholder='SHA256:…'></label><button id=join-submit>")
          .append(lang.t("入网", "Join")).append("</button></form>");
      default -> { }
    }
    boolean moving = status.state() == JoinDesk.State.ARMED || status.state() == JoinDesk.State.JOINING
        || status.state() == JoinDesk.State.WAITING_FOR_HUB || status.state() == JoinDesk.State.JOINED;
    if (moving) {
      // Polls without renewing the sign-in; reloads only when joining moved on (or the session ended).
      b.append("<script>setInterval(() => fetch('/manage/join/state').then(r => r.ok ? r.text() : '')"
          + ".then(t => { if (t !== '").append(status.state().name())
          .append("') location.replace('/manage'); }).catch(() => {}), 2000);</script>");
    }
    return b.append("</section>").toString();
  }

  private static final java.time.format.DateTimeFormatter CLOCK =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

  /** The frame loop's two fixed states in Chinese; a camera's own error text stays as it is. */
  private static String cameraDetailZh(String detail) {
    return switch (detail) {
      case "not started" -> "尚未启动";
      case "replay finished" -> "视频源已播完";
      default -> detail;
    };
  }

  private static String tile(String id, String label, String value, String tone) {
    return tile(id, label, value, tone, null);
  }

  /** A tile with a small {@code note} under the value (null: none). */
  private static String tile(String id, String label, String value, String tone, String note) {
    return "<div class='tile " + tone + "' id=tile-" + id + "><div class=label>" + Html.esc(label)
        + "</div><div class=value>" + Html.esc(value) + "</div>"
        + (note == null || note.isBlank() ? "" : "<div class=note>" + Html.esc(note) + "</div>") + "</div>";
  }

  private static String onSite(Lang lang, KioskParts parts, Today today, OffsetDateTime now) {
    StringBuilder rows = new StringBuilder();
    for (Today.Session s : today.onSite()) {
      rows.append("<tr><td>").append(name(parts, s.volunteer())).append("</td><td>").append(Html.esc(s.volunteer()))
          .append("</td><td>").append(WebScreen.HH_MM.format(s.in().occurredAt())).append("</td><td>")
          .append(Html.esc(ago(lang, Duration.between(s.in().occurredAt(), now)))).append(attested(lang, s.attested()))
          .append("</td></tr>");
    }
    return section(lang.t("在站志愿者", "On site now"), "on-site",
        List.of(lang.t("姓名", "Name"), lang.t("编号", "Id"), lang.t("签到", "In"), lang.t("已在站", "For")), rows,
        lang.t("目前没有人在站", "Nobody is checked in"));
  }

  private static String openSessions(Lang lang, KioskParts parts, OffsetDateTime now) {
    StringBuilder rows = new StringBuilder();
    for (AttendanceEvent in : parts.outbox().openCheckIns()) {
      Optional<EndTimeProposal> p = parts.checkIns().proposal(in, now);
      OffsetDateTime latest = parts.checkIns().rules().latestEnd(in.occurredAt(), now);
      String proposed = ForgottenPrompts.LOCAL_MINUTE.format(p.map(EndTimeProposal::at).orElse(latest));
      rows.append("<tr><td>").append(name(parts, in.volunteerId())).append("</td><td>")
          .append(Html.esc(ForgottenPrompts.LOCAL_MINUTE.format(in.occurredAt()).replace('T', ' '))).append("</td><td>")
          .append(p.map(x -> Html.esc(WebScreen.HH_MM.format(x.at()) + " · " + lang.t(ForgottenPrompts.basisZh(x.basis()),
              ForgottenPrompts.basisEn(x.basis())))).orElse(lang.t("无依据，请输入", "no basis: enter a time")))
          .append("</td><td><form method=post action=/manage/close class=inline>")
          .append("<input type=hidden name=volunteer value='").append(Html.esc(in.volunteerId())).append("'>")
          .append("<input type=hidden name=proposed value='").append(proposed).append("'>")
          .append("<input type=datetime-local name=end value='").append(proposed).append("' min='")
          .append(ForgottenPrompts.LOCAL_MINUTE.format(in.occurredAt().plusMinutes(1))).append("' max='")
          .append(ForgottenPrompts.LOCAL_MINUTE.format(latest)).append("'>")
          .append("<input name=reason required placeholder='").append(lang.t("原因（必填）", "Reason (required)"))
          .append("'><button>").append(lang.t("签退", "Close")).append("</button></form></td></tr>");
    }
    return section(lang.t("未签退的记录", "Open sessions to close"), "open",
        List.of(lang.t("姓名", "Name"), lang.t("签到时间", "Checked in"), lang.t("建议签退", "Proposed end"),
            lang.t("站长确认签退", "Close as manager")), rows, lang.t("没有未签退的记录", "No open sessions"));
  }

  private static String todaySessions(Lang lang, KioskParts parts, Today today) {
    StringBuilder rows = new StringBuilder();
    for (Today.Session s : today.sessions()) {
      rows.append("<tr><td>").append(name(parts, s.volunteer())).append("</td><td>")
          .append(WebScreen.HH_MM.format(s.in().occurredAt())).append("</td><td>")
          .append(s.out() == null ? (s.open() ? lang.t("在站", "on site") : "—") : WebScreen.HH_MM.format(s.out().occurredAt()))
          .append("</td><td>").append(Html.esc(Today.hours(lang, s.minutes()))).append(attested(lang, s.attested()))
          .append("</td></tr>");
    }
    return section(lang.t("今日记录", "Today's sessions"), "today",
        List.of(lang.t("姓名", "Name"), lang.t("签到", "In"), lang.t("签退", "Out"), lang.t("时长", "Time")), rows,
        lang.t("今天还没有记录", "Nothing recorded today"));
  }

  private static String attestForm(Lang lang) {
    return "<section class=card id=attest><h2>" + lang.t("站长代录签到/签退", "Manager-attested check-in/out") + "</h2>"
        + "<p class=hint>" + lang.t("记为站长代录（MANUAL），带您的编号和原因，中心会单独核实。",
            "Recorded as manager-attested (MANUAL) with your id and reason; the hub reviews it separately.") + "</p>"
        + "<form method=post action=/manage/attest class=grid>"
        + "<label>" + lang.t("志愿者编号", "Volunteer id") + "<input name=volunteer id=attest-volunteer required placeholder=V-360781-000101></label>"
        + "<label>" + lang.t("类型", "Kind") + "<select name=kind id=attest-kind><option value=in>"
        + lang.t("签到", "Check-in") + "</option><option value=out>" + lang.t("签退", "Check-out") + "</option></select></label>"
        + "<label>" + lang.t("原因（必填）", "Reason (required)") + "<input name=reason id=attest-reason required></label>"
        + "<button id=attest-submit>" + lang.t("记录", "Record") + "</button></form></section>";
  }

  private static String enrolForm(Lang lang, KioskParts parts) {
    StringBuilder b = new StringBuilder("<section class=card id=enrol><h2>")
        .append(lang.t("人脸登记", "Face enrolment")).append("</h2><p class=alt>")
        .append(Html.esc(lang.pick(EnrolmentSession.NON_FACE_ALTERNATIVE))).append("</p>");
    b.append("<form method=get action=/manage/badge class=grid><label>").append(lang.t("志愿者编号", "Volunteer id"))
        .append("<input name=volunteer required></label><label>").append(lang.t("姓名", "Name"))
        .append("<input name=name required></label><button>").append(lang.t("显示/打印二维码胸卡", "Show / print a QR badge"))
        .append("</button></form><p class=hint>").append(lang.t("也可到服务中心领取签名凭证（离线可验证）。",
            "Or get a signed credential from the hub (verified offline at every kiosk)."))
        .append("</p>");
    if (parts.faces() == null || parts.enrolments() == null) {
      b.append("<p class=hint>").append(lang.t("本终端未启用刷脸签到。", "Face check-in is not set up on this kiosk."))
          .append("</p>");
    } else {
      b.append("<pre class=consent>").append(Html.esc(lang.t(FaceConsentText.ZH, FaceConsentText.EN))).append("</pre>")
          .append("<form method=post action=/manage/enrol class=grid><label>").append(lang.t("志愿者编号", "Volunteer id"))
          .append("<input name=volunteer required></label><label>").append(lang.t("姓名", "Name"))
          .append("<input name=name required></label><label class=check><input type=checkbox name=consent value=yes required> ")
          .append(lang.t("志愿者本人已阅读并同意上述内容", "The volunteer has read and agrees to the above"))
          .append("</label><button>").append(lang.t("开始采集（请志愿者看向摄像头）", "Capture (volunteer faces the camera)"))
          .append("</button></form>");
    }
    return b.append("</section>").toString();
  }

  static String badge(Lang lang, VolunteerBadge badge) {
    String q = "volunteer=" + enc(badge.volunteerId().value()) + "&name=" + enc(badge.displayName());
    String body = "<section class='card badge'><img src='/manage/badge.png?" + Html.esc(q) + "' alt='QR'><h1>"
        + Html.esc(badge.displayName()) + "</h1><p>" + Html.esc(badge.volunteerId()) + "</p>"
        + "<p class=hint>" + lang.t("扫码签到即可，无需人脸。", "Check in by showing this code; no face needed.") + "</p>"
        + "<button onclick='print()'>" + lang.t("打印", "Print") + "</button> <a href=/manage>"
        + lang.t("返回", "Back") + "</a></section>";
    return page(lang, lang.t("二维码胸卡", "QR badge"), body, 0);
  }

  private static String section(String title, String id, List<String> heads, StringBuilder rows, String empty) {
    StringBuilder b = new StringBuilder("<section class=card id=").append(id).append("><h2>").append(Html.esc(title))
        .append("</h2>");
    if (rows.isEmpty()) {
      return b.append("<p class=hint>").append(Html.esc(empty)).append("</p></section>").toString();
    }
    b.append("<table><tr>");
    heads.forEach(h -> b.append("<th>").append(Html.esc(h)).append("</th>"));
    return b.append("</tr>").append(rows).append("</table></section>").toString();
  }

  private static String name(KioskParts parts, VolunteerId volunteer) {
    return Html.esc(parts.sightings().name(volunteer).orElse(volunteer.value()));
  }

  private static String attested(Lang lang, boolean attested) {
    return attested ? " <span class=tag>" + lang.t("站长代录", "manager-attested") + "</span>" : "";
  }

  private static String noticeText(Lang lang, String code) {
    return switch (code) {
      case "attested-in" -> lang.t("已记录站长代录签到", "Manager-attested check-in recorded");
      case "attested-out" -> lang.t("已记录站长代录签退", "Manager-attested check-out recorded");
      case "closed" -> lang.t("已签退（站长确认的更正）", "Session closed (a correction you confirmed)");
      case "enrolled" -> lang.t("人脸已登记，可立即刷脸签到", "Face enrolled: face check-in works now");
      case "join-armed" -> lang.t("摄像头正在等待入网二维码", "The camera is waiting for a join code");
      case "joining" -> lang.t("已提交入网请求", "Claim sent to the hub");
      default -> "";
    };
  }

  static String ago(Lang lang, Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 60) {
      return lang.t(minutes + " 分钟", minutes + " min");
    }
    if (minutes < 48 * 60) {
      return lang.t(minutes / 60 + " 小时 " + minutes % 60 + " 分钟", minutes / 60 + " h " + minutes % 60 + " min");
    }
    return lang.t(minutes / 1440 + " 天", minutes / 1440 + " days");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String page(Lang lang, String title, String body, long idleMs) {
    String lock = idleMs > 0 ? "<script>setTimeout(() => location.reload(), " + (idleMs + 1000) + ");</script>" : "";
    return "<!doctype html><html lang=" + lang.tag() + "><head><meta charset=utf-8>"
        + "<meta name=viewport content='width=device-width, initial-scale=1'><title>" + Html.esc(title)
        + "</title><style>" + CSS + "</style></head><body><nav><a href='?lang=" + lang.other().code() + "'>"
        + lang.t("English", "中文") + "</a></nav>" + body + lock + "</body></html>";
  }

  private static final String CSS = """
      *{box-sizing:border-box}body{margin:0;padding:16px 24px;background:#f1f5f9;color:#0f172a;font-size:20px;
      font-family:"Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif}
      nav{text-align:right}h1{font-size:30px;margin:0}h2{font-size:24px;margin:0 0 12px}
      .top{display:flex;align-items:center;gap:20px;flex-wrap:wrap}.top h1{flex:1}
      .card{background:#fff;border-radius:12px;padding:16px 20px;margin:16px 0;box-shadow:0 1px 3px #0002}
      .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:16px 0}
      .tile{background:#fff;border-radius:12px;padding:12px 16px;box-shadow:0 1px 3px #0002}
      .tile .note{font-size:15px;color:#475569;margin-top:2px;overflow-wrap:anywhere}
      .tile .label{font-size:16px;color:#475569}.tile .value{font-size:26px;font-weight:700;overflow-wrap:anywhere}
      .tile.warn{background:#fef3c7}.tile.bad{background:#fee2e2}table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:8px;border-bottom:1px solid #e2e8f0;vertical-align:middle}
      input,select,button{font:inherit;padding:8px 12px;border-radius:8px;border:1px solid #94a3b8}
      button{background:#1d4ed8;color:#fff;border:0;cursor:pointer}
      form.grid{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}form.grid label{display:flex;flex-direction:column;font-size:16px}
      form.inline{display:flex;flex-wrap:wrap;gap:8px}form.pin{display:flex;flex-direction:column;gap:12px;max-width:360px}
      form.pin label{display:flex;flex-direction:column}label.check{flex-direction:row!important;align-items:center;gap:8px;font-size:20px!important}
      .notice{background:#dcfce7;padding:12px;border-radius:8px}.error{background:#fee2e2;padding:12px;border-radius:8px}
      .hint{color:#475569}.alt{font-weight:700;color:#166534}.tag{background:#e0e7ff;color:#3730a3;border-radius:6px;padding:2px 8px;font-size:16px}
      pre.consent{white-space:pre-wrap;background:#f8fafc;border:1px solid #cbd5e1;border-radius:8px;padding:12px;font:inherit;font-size:18px}
      .badge{text-align:center}.badge img{width:320px;height:320px;image-rendering:pixelated}
      @media print{nav,button,a{display:none}}
      """;
}
