package org.redvest.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.profiles.Camera;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.attendance.CheckIns;
import org.redvest.terminal.capture.FrameSource;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.outbox.Outbox;

class FrameLoopTest {
  @TempDir Path dir;
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final List<String> cameraMessages = new CopyOnWriteArrayList<>();

  @AfterEach
  void shutdown() {
    thread.shutdownNow();
  }

  @Test
  void run_missingLiveCamera_reportsFailureOnScreenAndHealthAndKeepsRetrying() throws Exception {
    Camera missing = new Camera(Camera.Source.V4L2, dir.resolve("video99").toString(), 640, 480, 15, 0,
        false, Camera.Clock.WALL, 1, false);
    CameraMonitor monitor = new CameraMonitor();
    try (Outbox outbox = Outbox.open(dir, StationId.of("S1"), TerminalId.of("t1"), java.time.Clock.systemUTC())) {
      Kiosk kiosk = new Kiosk(null, new CheckIns(outbox), screen(), StationClock.wall(java.time.Clock.systemUTC()));
      FrameLoop loop = new FrameLoop(() -> FrameSource.open(missing, dir), false, FrameLoop.Pace.REALTIME,
          Duration.ofMillis(20), kiosk, screen(), monitor);

      Future<Long> running = thread.submit(loop::run);
      await().atMost(Duration.ofSeconds(10)).until(() -> cameraMessages.size() >= 2);
      loop.close();

      assertThat(running.get()).isZero();
      assertThat(monitor.health().state()).isEqualTo(CameraHealth.State.FAILED);
      assertThat(monitor.health().detail()).contains("video99");
      assertThat(cameraMessages.get(0)).contains("video99");
    }
  }

  private Screen screen() {
    return new Screen() {
      @Override
      public void recorded(EventKind kind, String name, OffsetDateTime at) {}

      @Override
      public void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt) {}

      @Override
      public void refused(String reason) {}

      @Override
      public void camera(String problem) {
        if (problem != null) {
          cameraMessages.add(problem);
        }
      }
    };
  }
}
