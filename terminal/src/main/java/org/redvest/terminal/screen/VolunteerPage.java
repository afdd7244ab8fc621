package org.redvest.terminal.screen;

/**
 * The volunteer view at {@code /}: the camera preview beside (landscape) or above (portrait) one
 * large result, which server-sent events replace as the kiosk decides. No framework, no CDN: one
 * inline stylesheet and script.
 */
final class VolunteerPage {
  /** How long a result stays before the idle prompt returns. */
  static final long SHOW_MS = 8_000;

  private VolunteerPage() {}

  /**
   * The page. The header clock shows {@code stationNow}'s wall time (the station's zone, the media
   * clock during a replay), advanced by the browser's own clock from the moment the page loaded,
   * so a kiosk whose system zone differs from the station's still shows station time.
   */
  static String render(Lang lang, String station, String recentJson, String cameraProblem,
      java.time.OffsetDateTime stationNow) {
    String idleTitle = lang.t("请出示志愿者二维码", "Show your volunteer QR code");
    String idleDetail = lang.t("或看向摄像头刷脸签到", "or look at the camera to check in by face");
    return """
        <!doctype html>
        <html lang="%s"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>RedVest</title>
        <style>%s</style></head>
        <body>
        <header><span class="brand">RedVest · %s</span><span id="clock"></span>
        <a class="manage" href="/manage">%s</a><a class="switch" href="?lang=%s">%s</a></header>
        <main>
          <section class="camera"><div id="no-preview" class="waiting">%s</div><img id="preview" alt="" hidden>
            <div id="camera-problem" class="problem"%s>%s</div></section>
          <section id="result" class="idle">
            <div id="title" class="title">%s</div>
            <div id="name" class="name"></div>
            <div id="time" class="time"></div>
            <div id="detail" class="detail">%s</div>
            <form id="forgotten" hidden>
              <div class="countdown" id="countdown"></div>
              <input type="datetime-local" id="end" name="end" hidden>
              <div class="buttons">
                <button type="button" id="confirm" class="primary">%s</button>
                <button type="button" id="change">%s</button>
              </div>
              <div id="answer-error" class="problem"></div>
            </form>
          </section>
        </main>
        <script>
        const L = "%s";
        const IDLE = {title: %s, detail: %s};
        const SHOW_MS = %d;
        const T = {seconds: %s, save: %s};
        const recent = %s;
        const STATION = {now: %d, offsetMin: %d, loaded: Date.now()};
        %s
        </script>
        </body></html>
        """.formatted(lang.tag(), CSS, Html.esc(station), lang.t("站长", "Manager"), lang.other().code(),
        lang.t("English", "中文"),
        lang.t("等待摄像头画面…", "Waiting for the camera…"),
        cameraProblem == null ? " hidden" : "",
        cameraProblem == null ? "" : Html.esc(lang.t("摄像头故障：", "Camera problem: ") + cameraProblem),
        idleTitle, idleDetail, lang.t("确认", "Confirm"), lang.t("修改", "Change"),
        lang.code(), js(idleTitle), js(idleDetail), SHOW_MS, js(lang.t("秒内未回答将不更正", "s left to answer")),
        js(lang.t("保存", "Save")), recentJson == null ? "null" : recentJson,
        stationNow.toInstant().toEpochMilli(), stationNow.getOffset().getTotalSeconds() / 60, SCRIPT);
  }

  private static String js(String s) {
    return WebScreen.JSON.getNodeFactory().textNode(s).toString().replace("</", "<\\/");
  }

  private static final String CSS = """
      *{box-sizing:border-box}[hidden]{display:none!important}html,body{margin:0;height:100%;background:#0f172a;color:#f8fafc;
      font-family:"Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif}
      body{display:flex;flex-direction:column}
      header{display:flex;align-items:center;gap:24px;padding:12px 24px;font-size:24px;background:#1e293b}
      .brand{font-weight:700;flex:1}#clock{font-variant-numeric:tabular-nums;font-size:28px}
      .switch{color:#f8fafc;border:2px solid #64748b;border-radius:8px;padding:6px 16px;text-decoration:none}
      main{flex:1;display:flex;gap:24px;padding:24px;min-height:0}
      .camera{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;min-width:0}
      .camera img{max-width:100%;max-height:100%;border-radius:16px;background:#020617;object-fit:contain}
      .waiting{width:100%;aspect-ratio:4/3;max-height:100%;display:flex;align-items:center;justify-content:center;
      border:2px dashed #334155;border-radius:16px;color:#94a3b8;font-size:min(28px,3.6vh)}
      #result{flex:1;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;
      border-radius:24px;padding:3vh 32px;background:#1e293b;min-width:0;overflow:auto;overflow-wrap:anywhere}
      #result.ok{background:#166534}#result.warn{background:#92400e}#result.error{background:#991b1b}
      .title{font-size:min(64px,8vh);font-weight:700;line-height:1.2}.name{font-size:min(72px,9vh);font-weight:700;margin-top:1.5vh}
      .time{font-size:min(48px,6vh);margin-top:1vh;font-variant-numeric:tabular-nums}.detail{font-size:min(32px,4.2vh);margin-top:2vh;line-height:1.4}
      #result.asking .title{font-size:min(52px,5.5vh)}#result.asking .name{font-size:min(56px,6vh);margin-top:0}
      #result.asking .detail{font-size:min(30px,3.8vh);margin-top:1vh}
      .problem{font-size:28px;color:#fecaca;background:#7f1d1d;border-radius:12px;padding:12px 20px;margin-top:12px}
      .problem:empty{display:none}
      form{margin-top:2vh;display:flex;flex-direction:column;align-items:center;gap:1.5vh}
      .buttons{display:flex;gap:24px}button{font:inherit;font-size:min(40px,5vh);padding:1.2vh 40px;border-radius:16px;border:0;
      background:#e2e8f0;color:#0f172a}button.primary{background:#22c55e;color:#052e16;font-weight:700}
      input[type=datetime-local]{font:inherit;font-size:min(36px,4.5vh);padding:8px;border-radius:12px}
      .countdown{font-size:24px;opacity:.85}
      .manage{color:#94a3b8;font-size:20px;text-decoration:none;border:2px solid #334155;border-radius:8px;padding:6px 14px}
      @media (orientation:portrait){main{flex-direction:column}.camera{flex:0 0 42%}.title{font-size:60px}}
      """;

  private static final String SCRIPT = """
      const $ = id => document.getElementById(id);
      let idleTimer = null, countdownTimer = null, pendingToken = null, proposed = null, editing = false;
      function tick(){
        const d = new Date(STATION.now + (Date.now() - STATION.loaded) + STATION.offsetMin * 60000);
        $('clock').textContent = String(d.getUTCHours()).padStart(2,'0') + ':' + String(d.getUTCMinutes()).padStart(2,'0'); }
      tick(); setInterval(tick, 10000);
      function beep(){ try { const c = new AudioContext(), o = c.createOscillator(), g = c.createGain();
        o.frequency.value = 880; g.gain.value = 0.15; o.connect(g); g.connect(c.destination);
        o.start(); o.stop(c.currentTime + 0.15); } catch (e) {} }
      function idle(){ const r = $('result'); r.className = 'idle'; $('title').textContent = IDLE.title;
        $('name').textContent = ''; $('time').textContent = ''; $('detail').textContent = IDLE.detail;
        $('forgotten').hidden = true; pendingToken = null; }
      function show(m){
        if (m.type === 'camera') { const p = $('camera-problem'); p.textContent = m[L] || ''; p.hidden = !m[L]; return; }
        if (pendingToken && m.type === 'guidance') return;
        if (pendingToken && m.resolves !== pendingToken && m.type !== 'forgotten') return;
        clearTimeout(idleTimer); clearInterval(countdownTimer);
        $('result').className = m.tone || 'idle';
        $('title').textContent = m['title_' + L] || '';
        $('name').textContent = m.name || ''; $('time').textContent = m.time || '';
        $('detail').textContent = m['detail_' + L] || '';
        $('answer-error').textContent = '';
        if (m.type === 'forgotten') { $('result').className = 'warn asking'; ask(m); return; }
        $('forgotten').hidden = true; pendingToken = null;
        if (m.beep) beep();
        idleTimer = setTimeout(idle, SHOW_MS);
      }
      function ask(m){
        pendingToken = m.token; proposed = m.proposed; editing = false;
        const end = $('end'); end.min = m.min; end.max = m.max; end.value = m.proposed; end.hidden = true;
        $('confirm').textContent = $('confirm').dataset.label || $('confirm').textContent;
        $('change').hidden = false; $('forgotten').hidden = false;
        let left = m.seconds;
        const count = () => { $('countdown').textContent = left + ' ' + T.seconds; left--; };
        count(); countdownTimer = setInterval(count, 1000);
      }
      $('confirm').dataset.label = $('confirm').textContent;
      $('change').onclick = () => { editing = true; $('end').hidden = false; $('change').hidden = true; $('confirm').textContent = T.save; $('end').focus(); };
      $('confirm').onclick = async () => {
        const body = new URLSearchParams({end: editing ? $('end').value : proposed, proposed: proposed});
        const r = await fetch('/forgotten/' + pendingToken, {method: 'POST', body});
        if (!r.ok) $('answer-error').textContent = await r.text();
      };
      // The stream never finishes loading: attach it after the page's load event, so the page
      // (and a browser driver waiting for it) counts as loaded.
      $('preview').onload = () => { $('preview').hidden = false; $('no-preview').hidden = true; };
      window.addEventListener('load', () => { $('preview').src = '/preview.mjpg'; });
      const events = new EventSource('/events');
      events.addEventListener('message', e => show(JSON.parse(e.data)));
      if (recent) show(recent); else idle();
      """;
}
