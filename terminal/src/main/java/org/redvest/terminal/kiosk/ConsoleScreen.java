package org.redvest.terminal.kiosk;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.redvest.protocol.EventKind;

/**
 * The screen as log lines on the console, in the kiosk's words ("签到成功 张三 08:59"); the web
 * screen will render the same calls.
 */
public final class ConsoleScreen implements Screen {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private final PrintStream out;

  public ConsoleScreen(PrintStream out) {
    this.out = out;
  }

  @Override
  public void recorded(EventKind kind, String name, OffsetDateTime at) {
    out.println((kind == EventKind.CHECK_IN ? "签到成功 " : "签退成功 ") + name + " " + HH_MM.format(at));
  }

  @Override
  public void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt) {
    out.println((lastKind == EventKind.CHECK_IN ? "已签到 " : "已签退 ") + name + " "
        + HH_MM.format(lastAt) + "（请勿重复扫码）");
  }

  @Override
  public void refused(String reason) {
    out.println("无法签到：" + reason);
  }

  @Override
  public void guidance(String message) {
    out.println("提示：" + message);
  }

  @Override
  public void camera(String problem) {
    out.println(problem == null ? "摄像头已恢复" : "摄像头故障：" + problem);
  }
}
