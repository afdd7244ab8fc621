package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.terminal.demo.DemoScript;
import org.redvest.terminal.demo.DemoVideo;

/**
 * A terminal process killed with SIGKILL in the middle of a replay, then started again as a new
 * process on the same data dir: every event the first process committed reaches the hub exactly
 * once, and {@code terminalSeq} continues where it stopped.
 */
class TerminalRestartTest {
  static final OffsetDateTime START = OffsetDateTime.parse("2026-11-23T08:00:00+08:00");

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);
  private String claim;
  Path video;
  Path data;

  @BeforeEach
  void start() throws Exception {
    video = dir.resolve("badges.mp4");
    DemoVideo.write(DemoScript.defaultScript(), video);
    data = dir.resolve("kiosk-3");
  }

  @Test
  void kill9MidReplay_thenRestart_nothingLostNothingDoubledSeqContinues() throws Exception {
    Process first = terminalProcess("realtime", START, "first.log");
    await().atMost(Duration.ofSeconds(60))
        .until(() -> local.client().eventIds("JX-RJ-0001", "kiosk-3").size() >= 3);
    first.destroyForcibly();
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    List<String> beforeRestart = outboxEventIds();
    assertThat(beforeRestart).as("killed before the replay ended").hasSizeBetween(3, 5);

    Process second = terminalProcess("fast", START.plusHours(2), "second.log", "--exit-at-end");
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("second run finished").isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();

    List<String> all = outboxEventIds();
    assertThat(all).hasSize(beforeRestart.size() + 6);
    assertThat(all.subList(0, beforeRestart.size())).isEqualTo(beforeRestart);
    assertThat(local.client().eventIds("JX-RJ-0001", "kiosk-3")).isEqualTo(all);
  }

  /** The outbox's event ids in terminalSeq order, checking the seqs run 1..n without a gap. */
  private List<String> outboxEventIds() throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("outbox.db"));
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, event_id FROM events ORDER BY seq")) {
      while (rs.next()) {
        assertThat(rs.getLong(1)).isEqualTo(ids.size() + 1);
        ids.add(rs.getString(2));
      }
    }
    return ids;
  }

  private String claimCode() {
    if (claim == null) {
      claim = local.hub().fleet().createClaim(org.redvest.protocol.fleet.TerminalAccount.of("JX-RJ-0001", "kiosk-3"),
          "installer", Duration.ofHours(1)).code();
    }
    return claim;
  }

  private Process terminalProcess(String pace, OffsetDateTime replayStart, String log, String... extra)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "run",
        "--profile", "replay-video", "--source", video.toString(),
        "--station", "JX-RJ-0001", "--terminal", "kiosk-3",
        "--broker", local.hub().mqttUrl(), "--data-dir", data.toString(),
        // The installer's one-time code: the first run joins the fleet, later runs keep that login.
        "--claim", claimCode(), "--hub", "http://127.0.0.1:" + local.hub().httpPort(),
        "--replay-start", replayStart.toString(), "--replay-pace", pace,
        "--resend-after", "2s", "--zone", "Asia/Shanghai", "--screen-port", "0"));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new File(dir.resolve(log).toString()))
        .start();
  }
}
