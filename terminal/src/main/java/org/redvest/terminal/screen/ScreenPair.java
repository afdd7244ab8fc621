package org.redvest.terminal.screen;

import java.time.OffsetDateTime;
import org.redvest.protocol.EventKind;
import org.redvest.terminal.attendance.Decision;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.kiosk.Screen;

/** Two screens told the same thing: the web screen for people, the console for the log. */
public record ScreenPair(Screen first, Screen second) implements Screen {
  @Override
  public void recorded(EventKind kind, String name, OffsetDateTime at) {
    first.recorded(kind, name, at);
    second.recorded(kind, name, at);
  }

  @Override
  public void alreadyRecorded(EventKind lastKind, String name, OffsetDateTime lastAt) {
    first.alreadyRecorded(lastKind, name, lastAt);
    second.alreadyRecorded(lastKind, name, lastAt);
  }

  @Override
  public void refused(String reason) {
    first.refused(reason);
    second.refused(reason);
  }

  @Override
  public void guidance(String message) {
    first.guidance(message);
    second.guidance(message);
  }

  @Override
  public void decided(Decision decision, String name) {
    first.decided(decision, name);
    second.decided(decision, name);
  }

  @Override
  public void preview(Frame frame) {
    first.preview(frame);
    second.preview(frame);
  }

  @Override
  public void camera(String problem) {
    first.camera(problem);
    second.camera(problem);
  }
}
