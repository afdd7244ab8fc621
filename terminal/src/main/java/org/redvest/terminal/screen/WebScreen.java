package org.redvest.terminal.screen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventKind;
import org.redvest.terminal.attendance.Decision;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.kiosk.Screen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's screen as a local web page (docs/kiosk-screen.md): a Javalin server on 127.0.0.1
 * that Chromium shows in kiosk mode. Each result is pushed to the page by server-sent events the
 * moment the kiosk decides; the camera preview is an MJPEG stream; the station manager's view is
 * at {@code /manage} behind a PIN ({@link ManagerView}). Forgotten check-outs are asked about here
 * ({@link ForgottenPrompts}).
 *
 * <p>Threads: the kiosk calls in on the capture or scanner thread and never waits on a browser:
 * pushes go through one named sender thread; JPEG encoding happens on the HTTP threads.
 */
public final class WebScreen implements Screen, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebScreen.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  /** Frames per second of the preview stream: enough to aim a badge, cheap to encode. */
  static final int PREVIEW_FPS = 8;
  static final int PREVIEW_KEEPALIVE_S = 2;

  private final KioskParts parts;
  private final Preview preview;
  private final ExecutorService sender;
  private final ScheduledExecutorService timer;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final ForgottenPrompts prompts;
  private final Javalin app;
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile String lastMessage;
  private volatile long lastMessageAtMs;
  private volatile String cameraProblem;
  private boolean closed;

  private WebScreen(KioskParts parts, ScreenSettings settings, Clock wall) {
    this.parts = parts;
    this.preview = new Preview(parts.qrLocation(), parts.faceBox());
    this.sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "redvest-screen-push"));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "redvest-screen-timer");
      t.setDaemon(true);
      return t;
    });
    this.prompts = new ForgottenPrompts(parts, settings.answerWithin(), timer, this::push);
    ManagerView manager = new ManagerView(parts, new ManagerPin(settings.pinFile(), wall, settings.idleLock()),
        preview);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jetty.defaultHost = "127.0.0.1";
    });
    routes(manager);
  }

  /** Starts the server on 127.0.0.1 at {@code settings.port()} (0: any free port). */
  public static WebScreen start(KioskParts parts, ScreenSettings settings, Clock wall) {
    WebScreen screen = new WebScreen(parts, settings, wall);
    try {
      screen.app.start("127.0.0.1", settings.port());
    } catch (RuntimeException e) {
      screen.close();
      throw new IllegalStateException("--screen-port: cannot serve the kiosk screen on 127.0.0.1:"
          + settings.port() + ": " + e.getMessage(), e);
    }
    LOG.info("kiosk screen at {}", screen.url());
    return screen;
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  private void routes(ManagerView manager) {
    app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).result(e.getMessage()));
    app.exception(IllegalStateException.class, (e, ctx) -> ctx.status(409).result(e.getMessage()));
    app.get("/", ctx -> ctx.html(VolunteerPage.render(Lang.of(ctx), parts.station(), recentMessage(), cameraProblem,
        parts.stationNow().get())));
    app.sse("/events", client -> {
      client.keepAlive();
      client.onClose(() -> clients.remove(client));
      clients.add(client);
      prompts.pendingMessages().forEach(m -> client.sendEvent("message", m));
    });
    app.get("/preview.jpg", ctx -> {
      Optional<byte[]> jpeg = preview.jpeg();
      if (jpeg.isEmpty()) {
        ctx.status(204);
      } else {
        ctx.contentType("image/jpeg").header("Cache-Control", "no-store").result(jpeg.get());
      }
    });
    app.get("/preview.mjpg", this::streamPreview);
    app.post("/forgotten/{token}", ctx -> prompts.answer(ctx.pathParam("token"), ctx.formParam("end"),
        ctx.formParam("proposed")));
    manager.routes(app);
  }

  /**
   * multipart/x-mixed-replace: one JPEG part per new frame, at most {@link #PREVIEW_FPS} a second.
   * Each part is followed at once by the next boundary, because Chromium shows a part only when it
   * sees where the part ends; an unchanged frame is re-sent every {@link #PREVIEW_KEEPALIVE_S}
   * seconds, so a viewer that left is noticed (the write fails) and its thread returns.
   */
  private void streamPreview(Context ctx) throws IOException {
    String boundary = "redvestframe";
    ctx.res().setContentType("multipart/x-mixed-replace; boundary=" + boundary);
    ctx.res().setHeader("Cache-Control", "no-store");
    OutputStream out = ctx.res().getOutputStream();
    out.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
    long sentIndex = -2;
    long sentAt = 0;
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / PREVIEW_FPS;
    try {
      while (closing.getCount() > 0) {
        long index = preview.latestIndex();
        boolean stale = System.nanoTime() - sentAt > TimeUnit.SECONDS.toNanos(PREVIEW_KEEPALIVE_S);
        if (index != sentIndex || stale) {
          Optional<byte[]> jpeg = preview.jpeg();
          if (jpeg.isPresent()) {
            out.write(("Content-Type: image/jpeg\r\nContent-Length: " + jpeg.get().length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(jpeg.get());
            out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sentIndex = index;
            sentAt = System.nanoTime();
          }
        }
        if (closing.await(periodNanos, TimeUnit.NANOSECONDS)) {
          break;
        }
      }
    } catch (IOException e) {
      LOG.debug("preview viewer left: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- Screen ---

  @Override
  public void decided(Decision decision, String name) {
    if (decision instanceof Decision.Recorded recorded) {
      parts.sightings().name(recorded.volunteerId(), name);
      push(Messages.recorded(recorded.event(), name, todayMinutes(recorded.event())));
    } else if (decision instanceof Decision.Forgotten forgotten) {
      parts.sightings().name(forgotten.volunteerId(), name);
      prompts.ask(forgotten, name);
    }
  }

  @Override
  public void recorded(EventKind kind, String name, OffsetDateTime at) {
    // Shown from decided(), which knows the volunteer and so today's hours.
  }

  @Override
  public void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt) {
    push(Messages.already(lastKind, name, lastAt));
  }

  @Override
  public void refused(String reason) {
    push(Messages.of("refused", "error", "result.refused", reason));
  }

  @Override
  public void guidance(String message) {
    push(Messages.of("guidance", "warn", "result.guidance", message));
  }

  @Override
  public void camera(String problem) {
    cameraProblem = problem;
    ObjectNode m = JSON.createObjectNode().put("type", "camera");
    if (problem != null) {
      m.put("zh", "摄像头故障：" + problem + "，请使用扫码枪或联系站长").put("en",
          "Camera problem: " + problem + ". Use the scanner or see the station manager.");
    }
    push(m.toString());
  }

  @Override
  public void preview(Frame frame) {
    preview.offer(frame);
  }

  long todayMinutes(AttendanceEvent event) {
    return Today.of(parts.outbox(), event.occurredAt()).minutesOf(event.volunteerId());
  }

  /** Sends {@code json} to every open page, off the calling thread. */
  void push(String json) {
    if (!json.contains("\"type\":\"camera\"")) {
      lastMessage = json;
      lastMessageAtMs = System.currentTimeMillis();
    }
    if (closing.getCount() == 0) {
      return;
    }
    sender.execute(() -> clients.forEach(client -> {
      try {
        client.sendEvent("message", json);
      } catch (RuntimeException e) {
        clients.remove(client);
      }
    }));
  }

  /** The last result if it is recent enough to still be on screen: a page opened late shows it. */
  private String recentMessage() {
    return lastMessage != null && System.currentTimeMillis() - lastMessageAtMs < VolunteerPage.SHOW_MS
        ? lastMessage : null;
  }

  /** Stops the server and the push thread; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing.countDown();
    clients.forEach(SseClient::close);
    app.stop();
    sender.shutdown();
    timer.shutdownNow();
    try {
      sender.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
